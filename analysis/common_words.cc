#include "analysis/common_words.h"

#include <algorithm>
#include <array>

namespace notesearch {
namespace {

// Sorted, for binary search.
constexpr std::array<std::string_view, 33> kEnglish = {
    "a",    "an",   "and",   "are",   "as",    "at",   "be",   "but",  "by",   "for",  "if",
    "in",   "into", "is",    "it",    "no",    "not",  "of",   "on",   "or",   "such", "that",
    "the",  "their", "then", "there", "these", "they", "this", "to",   "was",  "will", "with"};
static_assert(std::is_sorted(kEnglish.begin(), kEnglish.end()));

}  // namespace

bool IsCommonWord(std::string_view language, std::string_view term) {
  // The names Xapian::Stem takes for English.
  if (language != "english" && language != "en" && language != "porter") return false;
  return std::binary_search(kEnglish.begin(), kEnglish.end(), term);
}

}  // namespace notesearch
