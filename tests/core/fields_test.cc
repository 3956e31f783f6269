#include "core/fields.h"

#include <gtest/gtest.h>

#include "core/utf8.h"

namespace notesearch {
namespace {

TEST(ValueTermTest, IsThePrefixAndTheValueWhenThatFits) {
  EXPECT_EQ(ValueTerm(*FindField("tag"), "ops"), "XKVops");
  const std::string fits(245 - 2, 'a');
  EXPECT_EQ(ValueTerm(*FindField("file"), fits), "XF" + fits);
}

// Regression: a file name of 250 bytes (Linux allows 255), or a tag that
// NFKC made longer, stopped the whole index run with Xapian's "Term too
// long (> 245)".
TEST(ValueTermTest, ALongValueIsCutBetweenCharactersAndHashedToFitXapiansLimit) {
  const Field& file = *FindField("file");
  const std::string ascii(250, 'a');
  const std::string term = ValueTerm(file, ascii);
  EXPECT_EQ(term.size(), 245u);
  EXPECT_EQ(term.substr(0, 2 + 100), "XF" + ascii.substr(0, 100));
  EXPECT_NE(ValueTerm(file, ascii + "b"), ValueTerm(file, ascii + "c"));  // the hash tells them apart
  std::string wide;
  for (int i = 0; i < 150; ++i) wide += "\u00e9";  // 2 bytes each
  for (const std::string& value : {wide, "x" + wide}) {  // the cut falls inside a character, then after one
    const std::string cut = ValueTerm(file, value);
    EXPECT_LE(cut.size(), 245u);
    EXPECT_TRUE(IsValidUtf8(cut)) << cut;
  }
}

}  // namespace
}  // namespace notesearch
