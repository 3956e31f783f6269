#include "searcher/word_expansions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace notesearch {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(EditDistanceTest, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(EditDistance(U"python", U"python", 2), 0u);
  EXPECT_EQ(EditDistance(U"pyton", U"python", 2), 1u);   // insertion
  EXPECT_EQ(EditDistance(U"python", U"pyton", 2), 1u);   // deletion
  EXPECT_EQ(EditDistance(U"piton", U"pyton", 2), 1u);    // substitution
  EXPECT_EQ(EditDistance(U"pytohn", U"python", 2), 1u);  // adjacent letters swapped
  EXPECT_EQ(EditDistance(U"", U"ab", 2), 2u);
  EXPECT_EQ(EditDistance(U"zürich", U"zurich", 2), 1u);  // one code point, two bytes
}

TEST(EditDistanceTest, StopsAboveTheLimit) {
  EXPECT_EQ(EditDistance(U"kitten", U"sitting", 2), 3u);  // 3 edits: over 2
  EXPECT_EQ(EditDistance(U"kitten", U"sitting", 3), 3u);
  EXPECT_EQ(EditDistance(U"a", U"abcdef", 1), 2u);        // lengths alone decide
}

TEST(NearWordsTest, TheMostFrequentWordsWithinTheEditsOtherThanTheWord) {
  testing::TempDir dir;
  {
    Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
    db.add_spelling("python", 5);
    db.add_spelling("pyton", 1);
    db.add_spelling("piton", 2);
    db.add_spelling("pylons", 9);   // two edits from pyton
    db.add_spelling("zürich", 1);
    db.add_spelling("pytonic", 3);  // two insertions
    db.commit();
  }
  const Xapian::Database db((dir.path() / "db").string());
  EXPECT_THAT(NearWords(db, "pyton", 1, 10), ElementsAre("python", "piton"));
  EXPECT_THAT(NearWords(db, "pyton", 2, 10), ElementsAre("pylons", "python", "pytonic", "piton"));
  EXPECT_THAT(NearWords(db, "pyton", 2, 2), ElementsAre("pylons", "python"));
  EXPECT_THAT(NearWords(db, "zurich", 1, 10), ElementsAre("zürich"));
  EXPECT_THAT(NearWords(db, "quokka", 2, 10), IsEmpty());
}

TEST(MatchesPatternTest, StarIsAnyRunAndQuestionMarkOneCodePoint) {
  EXPECT_TRUE(MatchesPattern(U"py*on", U"python"));
  EXPECT_TRUE(MatchesPattern(U"py*on", U"pyon"));  // '*' matches nothing too
  EXPECT_FALSE(MatchesPattern(U"py*on", U"pythons"));
  EXPECT_TRUE(MatchesPattern(U"pyth?n", U"python"));
  EXPECT_FALSE(MatchesPattern(U"pyth?n", U"pythn"));  // '?' is exactly one
  EXPECT_TRUE(MatchesPattern(U"z?rich", U"zürich"));  // one code point of two bytes
  EXPECT_TRUE(MatchesPattern(U"*thon", U"jython"));
  EXPECT_TRUE(MatchesPattern(U"*a*b*", U"xxaxxbxx"));
  EXPECT_TRUE(MatchesPattern(U"a*b*c", U"abbbcbc"));  // backtracks past the first 'c'
  EXPECT_FALSE(MatchesPattern(U"a*b*c", U"abbbcb"));
  EXPECT_TRUE(MatchesPattern(U"*", U""));
}

TEST(WordsMatchingTest, TheTextsMostFrequentWordsSkippingFieldTerms) {
  testing::TempDir dir;
  {
    Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
    auto add = [&](std::initializer_list<const char*> terms) {
      Xapian::Document doc;
      for (const char* term : terms) doc.add_term(term);
      db.add_document(doc);
    };
    add({"python", "jython", "XCpython", "XTpython", "1python"});
    add({"python", "cython"});
    add({"python", "cython", "thong"});
    db.commit();
  }
  const Xapian::Database db((dir.path() / "db").string());
  EXPECT_THAT(WordsMatching(db, "*thon", 10), ElementsAre("python", "cython", "1python", "jython"));
  EXPECT_THAT(WordsMatching(db, "*thon", 2), ElementsAre("python", "cython"));
  EXPECT_THAT(WordsMatching(db, "?ython", 10), ElementsAre("python", "cython", "jython"));
  EXPECT_THAT(WordsMatching(db, "py*", 10), ElementsAre("python"));
  EXPECT_THAT(WordsMatching(db, "zz*", 10), IsEmpty());
}

}  // namespace
}  // namespace notesearch
