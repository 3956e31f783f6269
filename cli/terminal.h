// Human-readable output on a terminal: colours (only when the stream is a
// terminal, unless forced; NO_COLOR is honoured), hit lines in the
// `file:line: text` format editors understand, and a progress bar.
// Thread-safety: not thread-safe; used by the CLI's main thread.
#ifndef NOTESEARCH_CLI_TERMINAL_H_
#define NOTESEARCH_CLI_TERMINAL_H_

#include <cstdio>
#include <string>

#include "indexer/indexer.h"
#include "searcher/searcher.h"

namespace notesearch {

enum class ColorMode { kAuto, kAlways, kNever };

bool UseColor(ColorMode mode, std::FILE* stream);

// "file:line: text" with matches highlighted, then the dimmed breadcrumb.
std::string FormatHit(const Hit& hit, bool color);
std::string FormatSearchSummary(const SearchResponse& response);
// "tool: Python (261), C++ (120)" per facet.
std::string FormatFacets(const std::vector<Facet>& facets);
// The bullet, its breadcrumb, entities and children.
std::string FormatBlockView(const BlockView& view, bool color);
std::string FormatIndexReport(const IndexReport& report);
std::string FormatStats(const IndexStats& stats);

// Redraws one line on stderr; Finish() clears it.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  void Update(const IndexProgress& progress);
  void Finish();

 private:
  bool enabled_;
  bool drawn_ = false;
};

}  // namespace notesearch

#endif  // NOTESEARCH_CLI_TERMINAL_H_
