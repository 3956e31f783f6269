#include "searcher/doc_bitmap.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace notesearch {
namespace {

// The set operations the match evaluation combines bitmaps with.
TEST(DocBitmapTest, SetOperationsWorkWordByWord) {
  testing::TestIndex index({{"a.md", "+ one\n+ two\n+ three\n"}});
  const Xapian::Database db(index.db().string());
  DocBitmap a = DocBitmap::None(db), b = DocBitmap::None(db);
  a.SetPostings(std::string(), db);  // every document: 1, 2, 3
  b.Set(2);
  auto docs = [](const DocBitmap& bitmap) {
    std::vector<Xapian::docid> out;
    bitmap.ForEach([&](Xapian::docid doc) { out.push_back(doc); });
    return out;
  };
  EXPECT_EQ(docs(a), (std::vector<Xapian::docid>{1, 2, 3}));
  EXPECT_TRUE(b.Contains(2));
  EXPECT_FALSE(b.Contains(3));
  EXPECT_FALSE(b.Contains(100000));  // past the last document
  DocBitmap both = a;
  both.Intersect(b);
  EXPECT_EQ(docs(both), (std::vector<Xapian::docid>{2}));
  DocBitmap rest = a;
  rest.Subtract(b);
  EXPECT_EQ(docs(rest), (std::vector<Xapian::docid>{1, 3}));
  rest.Unite(b);
  EXPECT_EQ(docs(rest), docs(a));
  EXPECT_EQ(rest.count(), 3u);
}

}  // namespace
}  // namespace notesearch
