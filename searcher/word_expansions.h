// The index's words that a query word stands for when it is not searched
// as typed: the words near a fuzzy word (pyton~ finds python) and the words
// a wildcard pattern matches (py*on, pyth?n, *thon).
//
// Xapian 1.4 has neither: its spelling suggestion gives one word and its
// wildcards are prefixes. Near words are found by scanning the index's word
// list (its spelling data, the bullets' own words of letters) with a
// bounded edit distance; pattern words by scanning the words of the
// bullets' text from the pattern's first wildcard on.
// Thread-safety: pure functions; the database is read, so one per thread.
#ifndef NOTESEARCH_SEARCHER_WORD_EXPANSIONS_H_
#define NOTESEARCH_SEARCHER_WORD_EXPANSIONS_H_

#include <cstdint>
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

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_WORD_EXPANSIONS_H_
