#include "analysis/common_words.h"

#include <algorithm>
#include <array>

namespace notesearch {
namespace {

// Lucene's 33 (EnglishAnalyzer), and the question words of Snowball's
// English list (how, what, when, where, which, who, whom, why): notes are
// searched with questions, and `which companies use pytorch` ranked bullets
// saying "use" and "which" above the PyTorch ones. Sorted, for binary search.
constexpr std::array<std::string_view, 41> kEnglish = {
    "a",     "an",   "and",  "are",  "as",    "at",    "be",    "but",  "by",    "for",  "how",
    "if",    "in",   "into", "is",   "it",    "no",    "not",   "of",   "on",    "or",   "such",
    "that",  "the",  "their", "then", "there", "these", "they",  "this", "to",    "was",  "what",
    "when",  "where", "which", "who",  "whom",  "why",   "will",  "with"};
static_assert(std::is_sorted(kEnglish.begin(), kEnglish.end()));

}  // namespace

bool IsCommonWord(std::string_view language, std::string_view term) {
  // The names Xapian::Stem takes for English.
  if (language != "english" && language != "en" && language != "porter") return false;
  return std::binary_search(kEnglish.begin(), kEnglish.end(), term);
}

}  // namespace notesearch
