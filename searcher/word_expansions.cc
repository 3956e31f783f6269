#include "searcher/word_expansions.h"

#include <algorithm>
#include <functional>
#include <utility>

#include <unicode/regex.h>
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

// The `limit` most frequent words of the bullets' text in `db` starting
// with `start` that `matches`.
std::vector<std::string> TextWordsWhere(const Xapian::Database& db, const std::string& start, std::size_t limit,
                                        const std::function<bool(const std::string&)>& matches) {
  std::vector<Counted> matching;  // in word order
  auto it = db.allterms_begin(start);
  const auto end = db.allterms_end(start);
  while (it != end) {
    const std::string term = *it;
    if (term[0] >= 'A' && term[0] <= 'Z') {  // the fields' terms sort together: past them all
      it.skip_to("[");
      continue;
    }
    if (matches(term)) matching.emplace_back(it.get_termfreq(), term);
    ++it;
  }
  return MostFrequent(std::move(matching), limit);
}

// The text every match of `regex` starts with, in lower case (the index's
// words are): its literal characters up to the first that is not, less the
// last one if a quantifier follows it; none when the regex has an
// alternative ('|'). Only ASCII letters count: other letters have more
// than one lower case form to a regex that ignores case.
std::string LiteralStart(std::string_view regex) {
  if (regex.find('|') != std::string_view::npos) return {};
  std::string start;
  std::size_t i = 0;
  for (; i < regex.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(regex[i]);
    if (c >= 0x80 || std::string_view("\\^$.|?*+()[]{}#").find(static_cast<char>(c)) != std::string_view::npos) break;
    start += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (!start.empty() && i < regex.size() && std::string_view("?*{").find(regex[i]) != std::string_view::npos) {
    start.pop_back();
  }
  return start;
}

// What is wrong with a regex, in words: ICU's name of the error for the
// rare ones ("U_REGEX_LOOK_BEHIND_LIMIT" -> "look behind limit").
std::string RegexErrorText(UErrorCode status) {
  switch (status) {
    case U_REGEX_MISMATCHED_PAREN: return "a parenthesis without its pair";
    case U_REGEX_MISSING_CLOSE_BRACKET: return "a '[' without its ']'";
    case U_REGEX_BAD_INTERVAL: return "a bad {min,max}";
    case U_REGEX_MAX_LT_MIN: return "a {min,max} with max below min";
    case U_REGEX_BAD_ESCAPE_SEQUENCE: return "an unknown escape";
    case U_REGEX_RULE_SYNTAX: return "a syntax error";
    default: break;
  }
  std::string name = u_errorName(status);
  if (name.starts_with("U_REGEX_")) name = name.substr(8);
  for (char& c : name) c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
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
  return TextWordsWhere(db, std::string(pattern.substr(0, pattern.find_first_of("*?"))), limit,
                        [&](const std::string& term) { return MatchesPattern(wanted, CodePoints(term)); });
}

struct WordRegex::Compiled {
  std::unique_ptr<icu::RegexPattern> pattern;
  std::unique_ptr<icu::RegexMatcher> matcher;  // of `pattern`
  std::string start;
};

WordRegex::WordRegex(std::unique_ptr<Compiled> compiled) : compiled_(std::move(compiled)) {}
WordRegex::WordRegex(WordRegex&&) noexcept = default;
WordRegex::~WordRegex() = default;

std::optional<WordRegex> WordRegex::Compile(std::string_view regex, std::string* error) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  auto compiled = std::make_unique<Compiled>();
  const icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(regex.data(), static_cast<std::int32_t>(regex.size())));
  compiled->pattern.reset(icu::RegexPattern::compile(text, UREGEX_CASE_INSENSITIVE, where, status));
  if (U_SUCCESS(status)) compiled->matcher.reset(compiled->pattern->matcher(status));
  // A word is at most 245 bytes, but nested repeats backtrack
  // exponentially ((.*a){12}b took 7 s on a word of 30 a's): each match
  // gets a bounded number of steps (ICU's unit, well under a millisecond).
  if (U_SUCCESS(status)) compiled->matcher->setTimeLimit(1, status);
  if (U_FAILURE(status)) {
    *error = RegexErrorText(status);
    // ICU counts UTF-16 units, and says where it noticed the mistake.
    if (where.offset >= text.length()) {
      *error += " at its end";
    } else if (where.offset >= 0) {
      *error += " near its character " + std::to_string(text.countChar32(0, where.offset) + 1);
    }
    return std::nullopt;
  }
  compiled->start = LiteralStart(regex);
  return WordRegex(std::move(compiled));
}

std::vector<std::string> WordRegex::WordsMatching(const Xapian::Database& db, std::size_t limit, bool* slow) const {
  icu::RegexMatcher& matcher = *compiled_->matcher;
  return TextWordsWhere(db, compiled_->start, limit, [&](const std::string& term) {
    UErrorCode status = U_ZERO_ERROR;
    matcher.reset(icu::UnicodeString::fromUTF8(term));
    const bool matches = matcher.matches(status);
    if (status == U_REGEX_TIME_OUT && slow != nullptr) *slow = true;
    return U_SUCCESS(status) && matches;
  });
}

}  // namespace notesearch
