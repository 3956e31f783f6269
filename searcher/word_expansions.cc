#include "searcher/word_expansions.h"

#include <algorithm>
#include <utility>

#include <unicode/utf8.h>

namespace notesearch {
namespace {

std::u32string CodePoints(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::int32_t i = 0, length = static_cast<std::int32_t>(utf8.size()); i < length;) {
    UChar32 c = 0;
    U8_NEXT(utf8.data(), i, length, c);
    out.push_back(static_cast<char32_t>(c < 0 ? 0xFFFD : c));
  }
  return out;
}

// (frequency, word) pairs in word order, most frequent first (stable).
using Counted = std::pair<Xapian::doccount, std::string>;

std::vector<std::string> MostFrequent(std::vector<Counted> words, std::size_t limit) {
  std::stable_sort(words.begin(), words.end(), [](const Counted& a, const Counted& b) { return a.first > b.first; });
  if (words.size() > limit) words.resize(limit);
  std::vector<std::string> out;
  for (auto& [frequency, word] : words) out.push_back(std::move(word));
  return out;
}

}  // namespace

std::uint32_t EditDistance(std::u32string_view a, std::u32string_view b, std::uint32_t limit) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  // Three rows of the table: the one before last is needed for swaps.
  std::vector<std::uint32_t> before(m + 1), last(m + 1), row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) last[j] = static_cast<std::uint32_t>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    row[0] = static_cast<std::uint32_t>(i);
    std::uint32_t least = row[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::uint32_t substitution = last[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({last[j] + 1, row[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
      least = std::min(least, row[j]);
    }
    if (least > limit) return limit + 1;  // every path already costs more
    std::swap(before, last);
    std::swap(last, row);
  }
  return std::min(last[m], limit + 1);
}

std::vector<std::string> NearWords(const Xapian::Database& spelling, std::string_view word, std::uint32_t edits,
                                   std::size_t limit) {
  const std::u32string typed = CodePoints(word);
  std::vector<Counted> near;  // in word order
  for (auto it = spelling.spellings_begin(); it != spelling.spellings_end(); ++it) {
    const std::string candidate = *it;
    if (candidate == word) continue;
    // Each code point is 1-4 bytes: a cheap test before decoding.
    if (candidate.size() + edits < typed.size() || candidate.size() > 4 * (typed.size() + edits)) continue;
    if (EditDistance(typed, CodePoints(candidate), edits) <= edits) near.emplace_back(it.get_termfreq(), candidate);
  }
  return MostFrequent(std::move(near), limit);
}

bool MatchesPattern(std::u32string_view pattern, std::u32string_view word) {
  // Greedy with backtracking to the last '*': linear for one '*', and at
  // most pattern x word steps.
  std::size_t p = 0, w = 0;
  std::size_t star = std::u32string_view::npos, star_word = 0;
  while (w < word.size()) {
    if (p < pattern.size() && (pattern[p] == U'?' || pattern[p] == word[w])) {
      ++p;
      ++w;
    } else if (p < pattern.size() && pattern[p] == U'*') {
      star = p++;
      star_word = w;
    } else if (star != std::u32string_view::npos) {
      p = star + 1;
      w = ++star_word;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == U'*') ++p;
  return p == pattern.size();
}

std::vector<std::string> WordsMatching(const Xapian::Database& db, std::string_view pattern, std::size_t limit) {
  const std::u32string wanted = CodePoints(pattern);
  const std::string start(pattern.substr(0, pattern.find_first_of("*?")));
  std::vector<Counted> matching;  // in word order
  auto it = db.allterms_begin(start);
  const auto end = db.allterms_end(start);
  while (it != end) {
    const std::string term = *it;
    if (term[0] >= 'A' && term[0] <= 'Z') {  // the fields' terms sort together: past them all
      it.skip_to("[");
      continue;
    }
    if (MatchesPattern(wanted, CodePoints(term))) matching.emplace_back(it.get_termfreq(), term);
    ++it;
  }
  return MostFrequent(std::move(matching), limit);
}

}  // namespace notesearch
