// The word segments of UTF-8 text as ICU's root word break iterator (UAX #29
// as ICU 72 tailors it) finds them, with the same rule statuses: the first
// step of the analyzer (analyzer.h).
//
// Notes are mostly ASCII, and ICU's rule engine costs some 450 instructions
// a segment, most of highlighting a search's hits. ASCII is segmented here
// by the same rules; a piece with other characters goes to ICU alone.
// Pieces start after an ASCII space, at an ASCII character other than a
// space: no word break rule joins across such a place or looks past it,
// so each piece segments as it would within the whole text. The tests
// compare the two on every string of up to three ASCII characters, on
// longer ones over every word break class, on random text with and without
// other scripts, and on every line of the bundled notes.
//
// Ownership/thread-safety: owns an ICU break iterator; not thread-safe.
#ifndef NOTESEARCH_ANALYSIS_WORD_SEGMENTER_H_
#define NOTESEARCH_ANALYSIS_WORD_SEGMENTER_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace notesearch {

struct WordSegment {
  std::uint32_t begin;  // byte offsets, [begin, end)
  std::uint32_t end;
  std::int32_t rule_status;  // as icu::BreakIterator::getRuleStatus(): UBRK_WORD_NONE, _NUMBER, _LETTER...

  bool operator==(const WordSegment&) const = default;
};

class WordSegmenter {
 public:
  WordSegmenter();  // throws std::runtime_error when ICU has no word break data
  ~WordSegmenter();
  WordSegmenter(const WordSegmenter&) = delete;
  WordSegmenter& operator=(const WordSegmenter&) = delete;

  // The segments of `text`, in order, covering it.
  std::vector<WordSegment> Segments(std::string_view text);
  // The same from ICU alone, for the whole text at once (the reference).
  std::vector<WordSegment> IcuSegments(std::string_view text);

 private:
  // Appends ICU's segments of `text`, their offsets moved by `offset`.
  void AppendIcuSegments(std::string_view text, std::uint32_t offset, std::vector<WordSegment>& out);

  std::unique_ptr<icu::BreakIterator> words_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_ANALYSIS_WORD_SEGMENTER_H_
