// Finds the spans of a hit's text that match the query: its words, their
// inflections (same stem) and prefix* expansions. Spans are merged when they
// overlap or touch, so "end-to-end" is one span, not three.
// Thread-safety: uses the caller's Analyzer (not thread-safe).
#ifndef NOTESEARCH_SEARCHER_HIGHLIGHTER_H_
#define NOTESEARCH_SEARCHER_HIGHLIGHTER_H_

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/analyzer.h"
#include "searcher/query_builder.h"

namespace notesearch {

// [begin, end) byte offsets into the text.
using Span = std::pair<std::uint32_t, std::uint32_t>;

std::vector<Span> FindHighlights(const Analyzer& analyzer, std::string_view text, const HighlightTerms& terms);

// The same spans as offsets in Unicode code points, for JSON consumers.
std::vector<Span> ToCodePointSpans(std::string_view text, const std::vector<Span>& byte_spans);

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_HIGHLIGHTER_H_
