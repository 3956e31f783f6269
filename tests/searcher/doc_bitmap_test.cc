#include "searcher/doc_bitmap.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <numeric>
#include <random>
#include <set>

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

// Sets of every density, as lists and as bits and mixed, against std::set:
// a set turns to bits when it grows past two ids per word, and back to a
// list when intersected with one.
TEST(DocBitmapTest, ListsAndBitsGiveTheSameSets) {
  constexpr Xapian::docid kLast = 64 * 40 - 3;  // bits win past 80 documents
  std::mt19937 random(7);
  auto make = [&](double density, std::set<Xapian::docid>& expected) {
    DocBitmap docs = DocBitmap::NoneUpTo(kLast);
    for (Xapian::docid doc = 1; doc <= kLast; ++doc) {
      if (std::uniform_real_distribution<double>(0, 1)(random) < density) {
        docs.Set(doc);
        expected.insert(doc);
      }
    }
    return docs;
  };
  auto docs = [](const DocBitmap& bitmap) {
    std::vector<Xapian::docid> out;
    bitmap.ForEach([&](Xapian::docid doc) { out.push_back(doc); });
    return out;
  };
  auto listed = [](const std::set<Xapian::docid>& set) { return std::vector<Xapian::docid>(set.begin(), set.end()); };
  for (const double a_density : {0.0, 0.01, 0.03, 0.5}) {
    for (const double b_density : {0.0, 0.02, 0.04, 0.7}) {
      SCOPED_TRACE(::testing::Message() << a_density << " with " << b_density);
      std::set<Xapian::docid> a_set, b_set;
      const DocBitmap a = make(a_density, a_set);
      const DocBitmap b = make(b_density, b_set);
      ASSERT_EQ(docs(a), listed(a_set));
      EXPECT_EQ(a.count(), a_set.size());
      for (Xapian::docid doc = 0; doc <= kLast + 70; ++doc) ASSERT_EQ(a.Contains(doc), a_set.contains(doc)) << doc;
      std::set<Xapian::docid> expected;
      DocBitmap both = a;
      both.Intersect(b);
      std::set_intersection(a_set.begin(), a_set.end(), b_set.begin(), b_set.end(),
                            std::inserter(expected, expected.end()));
      EXPECT_EQ(docs(both), listed(expected));
      EXPECT_EQ(both.count(), expected.size());
      DocBitmap either = a;
      either.Unite(b);
      expected.clear();
      std::set_union(a_set.begin(), a_set.end(), b_set.begin(), b_set.end(), std::inserter(expected, expected.end()));
      EXPECT_EQ(docs(either), listed(expected));
      DocBitmap rest = a;
      rest.Subtract(b);
      expected.clear();
      std::set_difference(a_set.begin(), a_set.end(), b_set.begin(), b_set.end(),
                          std::inserter(expected, expected.end()));
      EXPECT_EQ(docs(rest), listed(expected));
      // Ranks count the documents before each, asked along a walk, along a
      // walk that skips (every third), backwards and in random order (a
      // list's ranks step on from the last answer); ForEachIn keeps those
      // in the set.
      const std::vector<Xapian::docid> in_order = docs(either);
      std::vector<std::size_t> asks(in_order.size());
      std::iota(asks.begin(), asks.end(), 0);
      for (std::size_t i = 0; i < in_order.size(); i += 3) asks.push_back(i);
      asks.insert(asks.end(), asks.rbegin(), asks.rend());
      std::vector<std::size_t> shuffled(asks);
      std::shuffle(shuffled.begin(), shuffled.end(), random);
      asks.insert(asks.end(), shuffled.begin(), shuffled.end());
      DocBitmap::Ranks rank(either);
      for (const std::size_t place : asks) ASSERT_EQ(rank.Of(in_order[place]), place) << in_order[place];
      std::vector<Xapian::docid> in_a;
      a.ForEachIn(listed(b_set), std::identity(), [&](Xapian::docid doc) { in_a.push_back(doc); });
      EXPECT_EQ(in_a, docs(both));
      // Ranges: words cut at both ends, whole words, one word, past the end.
      for (const auto& [first, last] : std::vector<std::pair<Xapian::docid, Xapian::docid>>{
               {1, 1}, {3, 61}, {60, 200}, {64, 127}, {65, 1000}, {700, 700}, {2000, kLast + 50}, {9, 8}}) {
        SCOPED_TRACE(::testing::Message() << "range " << first << "-" << last);
        std::vector<Xapian::docid> within, expected_within;
        a.ForEachInRange(first, last, [&](Xapian::docid doc) { within.push_back(doc); });
        for (auto it = a_set.lower_bound(first); it != a_set.end() && *it <= last; ++it) expected_within.push_back(*it);
        EXPECT_EQ(within, expected_within);
        DocBitmap widened = a;
        widened.SetRange(first, last);
        std::set<Xapian::docid> expected_widened = a_set;
        for (Xapian::docid doc = first; doc <= std::min(last, kLast); ++doc) expected_widened.insert(doc);
        EXPECT_EQ(docs(widened), listed(expected_widened));
      }
    }
  }
  // Out of order, a list turns to bits and keeps what it held.
  DocBitmap shuffled = DocBitmap::NoneUpTo(kLast);
  for (const Xapian::docid doc : {5u, 9u, 3u, 9u, 700u, 1u}) shuffled.Set(doc);
  EXPECT_EQ(docs(shuffled), (std::vector<Xapian::docid>{1, 3, 5, 9, 700}));
}

}  // namespace
}  // namespace notesearch
