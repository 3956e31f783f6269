#include "stemmers/protected_stemmer.h"

#include <gtest/gtest.h>

namespace notesearch {
namespace {

TEST(ProtectedStemmerTest, StemsOrdinaryWords) {
  Xapian::Stem stem = MakeStemmer("english");
  EXPECT_EQ(stem("optimizing"), "optim");
  EXPECT_EQ(stem("verified"), stem("verifies"));
}

TEST(ProtectedStemmerTest, LeavesEmbeddedProtectedWordsWhole) {
  Xapian::Stem stem = MakeStemmer("english");
  EXPECT_EQ(stem("pandas"), "pandas");
  EXPECT_EQ(stem("jenkins"), "jenkins");
  EXPECT_EQ(stem("kubernetes"), "kubernetes");
  EXPECT_EQ(Xapian::Stem("english")("pandas"), "panda");  // what it guards against
}

TEST(ProtectedStemmerTest, ExtraWordsAreProtectedToo) {
  Xapian::Stem stem = MakeStemmer("english", {"databricks"});
  EXPECT_EQ(stem("databricks"), "databricks");
  EXPECT_EQ(MakeStemmer("english")("databricks"), "databrick");
}

TEST(ProtectedStemmerTest, LanguageIsASetting) {
  EXPECT_EQ(MakeStemmer("german")("katzen"), "katz");
  EXPECT_TRUE(MakeStemmer("none").is_none());
  EXPECT_THROW(MakeStemmer("klingon"), Xapian::InvalidArgumentError);
}

TEST(ProtectedStemmerTest, DescribesItself) {
  EXPECT_NE(MakeStemmer("english").get_description().find("ProtectedStemmer"), std::string::npos);
}

}  // namespace
}  // namespace notesearch
