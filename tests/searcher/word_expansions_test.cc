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

// A database of a document per list of terms, in `dir`.
Xapian::Database DocumentsOf(const testing::TempDir& dir, std::initializer_list<std::initializer_list<const char*>> docs) {
  {
    Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
    for (const auto& terms : docs) {
      Xapian::Document doc;
      for (const char* term : terms) doc.add_term(term);
      db.add_document(doc);
    }
    db.commit();
  }
  return Xapian::Database((dir.path() / "db").string());
}

TEST(WordsMatchingTest, TheTextsMostFrequentWordsSkippingFieldTerms) {
  testing::TempDir dir;
  const Xapian::Database db = DocumentsOf(dir, {{"python", "jython", "XCpython", "XTpython", "1python"},
                                                {"python", "cython"},
                                                {"python", "cython", "thong"}});
  EXPECT_THAT(WordsMatching(db, "*thon", 10), ElementsAre("python", "cython", "1python", "jython"));
  EXPECT_THAT(WordsMatching(db, "*thon", 2), ElementsAre("python", "cython"));
  EXPECT_THAT(WordsMatching(db, "?ython", 10), ElementsAre("python", "cython", "jython"));
  EXPECT_THAT(WordsMatching(db, "py*", 10), ElementsAre("python"));
  EXPECT_THAT(WordsMatching(db, "zz*", 10), IsEmpty());
}

std::vector<std::string> RegexWords(const Xapian::Database& db, std::string_view regex, std::size_t limit = 10) {
  std::string error;
  const std::optional<WordRegex> compiled = WordRegex::Compile(regex, &error);
  EXPECT_TRUE(compiled.has_value()) << regex << ": " << error;
  return compiled ? compiled->WordsMatching(db, limit) : std::vector<std::string>{};
}

// Each regex below starts with literal text (or seems to) that the scan
// of the word list starts from: the start must be no longer than what
// every match begins with.
TEST(WordRegexTest, WholeWordsOfTheTextCaseIgnoredMostFrequentFirst) {
  testing::TempDir dir;
  const Xapian::Database db = DocumentsOf(dir, {{"python", "pyhon", "jython", "XTpython", "pytorch"},
                                                {"python", "cython", "pythonic"},
                                                {"python", "cython"}});
  EXPECT_THAT(RegexWords(db, "py(thon|torch)"), ElementsAre("python", "pytorch"));
  EXPECT_THAT(RegexWords(db, "py(thon|torch)", 1), ElementsAre("python"));
  EXPECT_THAT(RegexWords(db, "Py.*"), ElementsAre("python", "pyhon", "pythonic", "pytorch"));
  EXPECT_THAT(RegexWords(db, "pyt?hon"), ElementsAre("python", "pyhon"));
  EXPECT_THAT(RegexWords(db, "pyt{0,1}hon"), ElementsAre("python", "pyhon"));
  EXPECT_THAT(RegexWords(db, "python|jython"), ElementsAre("python", "jython"));
  EXPECT_THAT(RegexWords(db, "[cj]ython"), ElementsAre("cython", "jython"));
  EXPECT_THAT(RegexWords(db, "thon"), IsEmpty()) << "a whole word, not a part";
}

TEST(WordRegexTest, WhatDoesNotCompileSaysWhy) {
  std::string error;
  EXPECT_FALSE(WordRegex::Compile("py(thon", &error).has_value());
  EXPECT_EQ(error, "a parenthesis without its pair at its end");
  EXPECT_FALSE(WordRegex::Compile("ab)c", &error).has_value());
  EXPECT_EQ(error, "a parenthesis without its pair near its character 4");
  EXPECT_FALSE(WordRegex::Compile("*py", &error).has_value());
  EXPECT_EQ(error, "a syntax error near its character 2");
  EXPECT_FALSE(WordRegex::Compile("(?<a>x)\\k<b>", &error).has_value());
  EXPECT_EQ(error, "invalid capture group name at its end");
}

// Nested repeats backtrack exponentially on a long word that almost
// matches: each word has a bounded number of steps, and one that runs out
// is left out and said so.
TEST(WordRegexTest, AWordTooSlowToMatchIsLeftOutAndSaidSo) {
  testing::TempDir dir;
  const std::string almost(30, 'a');
  const Xapian::Database db = DocumentsOf(dir, {{almost.c_str(), "aaab"}});
  std::string error;
  const std::optional<WordRegex> regex = WordRegex::Compile("(.*a){3}b", &error);
  ASSERT_TRUE(regex.has_value());
  bool slow = false;
  EXPECT_THAT(regex->WordsMatching(db, 10, &slow), ElementsAre("aaab"));
  EXPECT_FALSE(slow);
  const std::optional<WordRegex> nested = WordRegex::Compile("(.*a){12}b", &error);
  ASSERT_TRUE(nested.has_value());
  EXPECT_THAT(nested->WordsMatching(db, 10, &slow), IsEmpty());
  EXPECT_TRUE(slow);
}

}  // namespace
}  // namespace notesearch
