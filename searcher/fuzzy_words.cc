#include "searcher/fuzzy_words.h"

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
  std::vector<std::pair<Xapian::doccount, std::string>> near;  // (frequency, word), in word order
  for (auto it = spelling.spellings_begin(); it != spelling.spellings_end(); ++it) {
    const std::string candidate = *it;
    if (candidate == word) continue;
    // Each code point is 1-4 bytes: a cheap test before decoding.
    if (candidate.size() + edits < typed.size() || candidate.size() > 4 * (typed.size() + edits)) continue;
    if (EditDistance(typed, CodePoints(candidate), edits) <= edits) near.emplace_back(it.get_termfreq(), candidate);
  }
  std::stable_sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (near.size() > limit) near.resize(limit);
  std::vector<std::string> words;
  for (auto& [frequency, near_word] : near) words.push_back(std::move(near_word));
  return words;
}

}  // namespace notesearch
