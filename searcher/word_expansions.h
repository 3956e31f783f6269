// The index's words that a query word stands for when it is not searched
// as typed: the words near a fuzzy word (pyton~ finds python) and the words
// a wildcard pattern (py*on, pyth?n, *thon) or a regular expression
// (/py(thon|torch)/) matches.
//
// Xapian 1.4 has none of these: its spelling suggestion gives one word and
// its wildcards are prefixes. Near words are found by scanning the index's
// word list (its spelling data, the bullets' own words of letters) with a
// bounded edit distance; pattern and regex words by scanning the words of
// the bullets' text from the literal text they start with.
// Thread-safety: pure functions; the database is read, so one per thread.
#ifndef NOTESEARCH_SEARCHER_WORD_EXPANSIONS_H_
#define NOTESEARCH_SEARCHER_WORD_EXPANSIONS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace notesearch {

// The edits that turn `a` into `b`, counted in code points: insertions,
// deletions, substitutions and swaps of two adjacent letters (the optimal
// string alignment distance, as Lucene's fuzzy queries count). Above
// `limit`, limit + 1, found without finishing the table.
std::uint32_t EditDistance(std::u32string_view a, std::u32string_view b, std::uint32_t limit);

// The words of `spelling`'s spelling data within `edits` edits of `word`
// (a term as the analyzer makes it), other than `word` itself: the
// `limit` most frequent, ties in word order.
std::vector<std::string> NearWords(const Xapian::Database& spelling, std::string_view word, std::uint32_t edits,
                                   std::size_t limit);

// True when `word` matches `pattern`, in which '*' stands for any run of
// code points (none too) and '?' for exactly one.
bool MatchesPattern(std::u32string_view pattern, std::u32string_view word);

// The words of the bullets' text in `db` (its terms without a field
// prefix) that match `pattern` (normalised as the analyzer normalises a
// word): the `limit` most frequent, ties in word order. Only the terms
// starting with the pattern's text before its first wildcard are read.
std::vector<std::string> WordsMatching(const Xapian::Database& db, std::string_view pattern, std::size_t limit);

// A regular expression (ICU's syntax) that a whole word matches, case
// ignored, as Lucene's /regex/ queries match terms. Not copyable; one per
// thread.
class WordRegex {
 public:
  // Nullopt when `regex` does not compile; `error` then says why.
  static std::optional<WordRegex> Compile(std::string_view regex, std::string* error);
  WordRegex(WordRegex&&) noexcept;
  ~WordRegex();

  // The words of the bullets' text in `db` that the regex matches: the
  // `limit` most frequent, ties in word order. Only the terms starting with
  // the regex's literal start (py for /py(thon|torch)/) are read. A word
  // the regex takes over a millisecond or so to match counts as not
  // matching, and `*slow` (if given) is then set.
  std::vector<std::string> WordsMatching(const Xapian::Database& db, std::size_t limit, bool* slow = nullptr) const;

 private:
  struct Compiled;
  explicit WordRegex(std::unique_ptr<Compiled> compiled);
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_WORD_EXPANSIONS_H_
