// The words of an index near a word typed with `~` (pyton~ finds python):
// Xapian 1.4 has no fuzzy query, and its spelling suggestion gives one
// word, so the index's word list (its spelling data, the bullets' own words
// of letters) is scanned with a bounded edit distance.
// Thread-safety: pure functions; the database is read, so one per thread.
#ifndef NOTESEARCH_SEARCHER_FUZZY_WORDS_H_
#define NOTESEARCH_SEARCHER_FUZZY_WORDS_H_

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

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_FUZZY_WORDS_H_
