#include "searcher/doc_bitmap.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace notesearch {
namespace {

// What Xapian's matcher says `query` matches.
std::vector<Xapian::docid> Matched(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  std::vector<Xapian::docid> docs;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) docs.push_back(*it);
  return docs;
}

// Counting takes the bitmap's matches for the query's: they must be the
// matcher's, for every operator the bitmap evaluates.
TEST(DocBitmapTest, MatchesWhatXapiansMatcherMatches) {
  testing::TestIndex index({{"a.md",
                             "+ python and java\n+ python alone\n+ java alone\n+ rust\n"
                             "+ python rust\n+ nothing relevant\n"}});
  const Xapian::Database db(index.db().string());
  using Q = Xapian::Query;
  const Q python("python"), java("java"), rust("rust");
  const std::vector<Q> queries = {
      python,
      Q(Q::OP_OR, python, java),
      Q(Q::OP_SYNONYM, java, rust),
      Q(Q::OP_AND, python, java),
      Q(Q::OP_FILTER, python, rust),
      Q(Q::OP_AND_NOT, python, java),
      Q(Q::OP_AND_NOT, Q(std::string()), Q(Q::OP_OR, python, java)),
      Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, rust, Q("nosuchterm")), 0),
      Q(Q::OP_AND, Q(Q::OP_OR, python, java), Q(Q::OP_AND_NOT, Q(std::string()), rust)),
  };
  for (const Q& query : queries) {
    SCOPED_TRACE(query.get_description());
    const std::optional<DocBitmap> bitmap = DocBitmap::Evaluate(query, db);
    ASSERT_TRUE(bitmap.has_value());
    std::vector<Xapian::docid> docs;
    bitmap->ForEach([&](Xapian::docid doc) { docs.push_back(doc); });
    EXPECT_EQ(docs, Matched(db, query));
    EXPECT_EQ(bitmap->count(), docs.size());
    EXPECT_FALSE(docs.empty());
  }
  EXPECT_EQ(DocBitmap::Evaluate(Q("nosuchterm"), db)->count(), 0u);
}

TEST(DocBitmapTest, LeavesWhatOnlyTheMatcherEvaluatesToIt) {
  testing::TestIndex index({{"a.md", "+ python and java\n"}});
  const Xapian::Database db(index.db().string());
  using Q = Xapian::Query;
  EXPECT_FALSE(DocBitmap::Evaluate(Q(Q::OP_PHRASE, Q("python"), Q("java")), db).has_value());
  EXPECT_FALSE(DocBitmap::Evaluate(Q(Q::OP_OR, Q("python"), Q(Q::OP_WILDCARD, "jav")), db).has_value());
  auto* source = new Xapian::FixedWeightPostingSource(1);
  EXPECT_FALSE(DocBitmap::Evaluate(Q(Q::OP_FILTER, Q(source->release()), Q("python")), db).has_value());
}

}  // namespace
}  // namespace notesearch
