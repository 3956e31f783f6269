#include "analysis/word_segmenter.h"

#include <stdexcept>
#include <string>

#include <unicode/brkiter.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

namespace notesearch {
namespace {

bool IsAscii(char c) { return static_cast<unsigned char>(c) < 0x80; }

// UAX #29 word break classes of the ASCII characters, as ICU tailors them:
// '@' is a letter (e-mail addresses are one word), ':' joins nothing, and
// '"' (Double_Quote) only joins Hebrew letters.
enum class Class { kLetter, kNumeric, kExtendNumLet, kMidNumLet, kMidNum, kSingleQuote, kSpace, kCr, kOther };

Class ClassOf(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@') return Class::kLetter;
  if (c >= '0' && c <= '9') return Class::kNumeric;
  switch (c) {
    case '_': return Class::kExtendNumLet;
    case '.': return Class::kMidNumLet;
    case ',': case ';': return Class::kMidNum;
    case '\'': return Class::kSingleQuote;
    case ' ': return Class::kSpace;  // WSegSpace (a tab is not)
    case '\r': return Class::kCr;
    default: return Class::kOther;
  }
}

bool InWord(Class c) { return c == Class::kLetter || c == Class::kNumeric || c == Class::kExtendNumLet; }

// Joins two letters (WB6, WB7) or two digits (WB11, WB12) across it.
bool JoinsLetters(Class c) { return c == Class::kMidNumLet || c == Class::kSingleQuote; }
bool JoinsNumbers(Class c) { return c == Class::kMidNumLet || c == Class::kMidNum || c == Class::kSingleQuote; }

// Appends the segments of ASCII `text`, their offsets moved by `offset`.
void AppendAsciiSegments(std::string_view text, std::uint32_t offset, std::vector<WordSegment>& segments) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const std::size_t begin = i;
    const Class first = ClassOf(text[i++]);
    std::int32_t status = UBRK_WORD_NONE;
    if (InWord(first)) {
      // Letters, digits and '_' run together (WB5, WB8-10, WB13a/b), as do
      // letters or digits around one joiner. The status is the last
      // rule's: a run ending in a letter is a word, in a digit a number,
      // in '_' what comes before it (a lone '_' is neither).
      Class last = first;
      status = first == Class::kLetter ? UBRK_WORD_LETTER : first == Class::kNumeric ? UBRK_WORD_NUMBER : UBRK_WORD_NONE;
      while (i < n) {
        const Class next = ClassOf(text[i]);
        if (InWord(next)) {
          if (next == Class::kExtendNumLet) {
            status = last == Class::kNumeric ? UBRK_WORD_NUMBER : UBRK_WORD_LETTER;
          } else {
            status = next == Class::kLetter ? UBRK_WORD_LETTER : UBRK_WORD_NUMBER;
          }
          last = next;
          ++i;
          continue;
        }
        if (i + 1 < n) {
          const Class after = ClassOf(text[i + 1]);
          if ((last == Class::kLetter && after == Class::kLetter && JoinsLetters(next)) ||
              (last == Class::kNumeric && after == Class::kNumeric && JoinsNumbers(next))) {
            last = after;
            i += 2;
            continue;
          }
        }
        break;
      }
    } else if (first == Class::kSpace) {
      while (i < n && ClassOf(text[i]) == Class::kSpace) ++i;  // WB3d
    } else if (first == Class::kCr && i < n && text[i] == '\n') {
      ++i;  // WB3
    }
    segments.push_back({offset + static_cast<std::uint32_t>(begin), offset + static_cast<std::uint32_t>(i), status});
  }
}

}  // namespace

WordSegmenter::WordSegmenter() {
  UErrorCode status = U_ZERO_ERROR;
  words_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !words_) {
    throw std::runtime_error(std::string("ICU word break iterator: ") + u_errorName(status));
  }
}

WordSegmenter::~WordSegmenter() = default;

std::vector<WordSegment> WordSegmenter::Segments(std::string_view text) {
  std::vector<WordSegment> segments;
  std::size_t piece_begin = 0;
  bool piece_ascii = true;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool piece_ends = i == text.size() || (i > 0 && text[i - 1] == ' ' && text[i] != ' ' && IsAscii(text[i]));
    if (piece_ends && i > piece_begin) {
      const std::string_view piece = text.substr(piece_begin, i - piece_begin);
      const auto offset = static_cast<std::uint32_t>(piece_begin);
      if (piece_ascii) {
        AppendAsciiSegments(piece, offset, segments);
      } else {
        AppendIcuSegments(piece, offset, segments);
      }
      piece_begin = i;
      piece_ascii = true;
    }
    if (i < text.size() && !IsAscii(text[i])) piece_ascii = false;
  }
  return segments;
}

std::vector<WordSegment> WordSegmenter::IcuSegments(std::string_view text) {
  std::vector<WordSegment> segments;
  AppendIcuSegments(text, 0, segments);
  return segments;
}

void WordSegmenter::AppendIcuSegments(std::string_view text, std::uint32_t offset, std::vector<WordSegment>& out) {
  UErrorCode status = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  words_->setText(utext, status);
  if (U_FAILURE(status)) {
    utext_close(utext);
    throw std::runtime_error(std::string("ICU setText: ") + u_errorName(status));
  }
  int32_t begin = words_->first();
  for (int32_t end = words_->next(); end != icu::BreakIterator::DONE; begin = end, end = words_->next()) {
    out.push_back({offset + static_cast<std::uint32_t>(begin), offset + static_cast<std::uint32_t>(end), words_->getRuleStatus()});
  }
  // The iterator keeps a pointer to the text; detach before it goes away.
  words_->setText(icu::UnicodeString());
  utext_close(utext);
}

}  // namespace notesearch
