// The JSON contract shared by `notesearch search --json` and the HTTP API:
//   {"query", "total", "offset", "limit", "notices": [...],
//    "filters": {"company": ["Apple"], ...},
//    "facets": {"tool": [{"value", "count"}, ...], ...},
//    "hits": [{"file", "line", "kind", "depth", "text", "score",
//              "highlights": [[start, end], ...],   code points, end exclusive
//              "context": [{"kind", "line", "text"}, ...],  outermost first
//              "links": [{"text", "url"}],
//              "tools", "companies", "locations": [canonical names it names],
//              "inherited": {"tools", "companies", "locations"}}]}
// Each function returns compact JSON text, with invalid UTF-8 in any string
// (a file name, a query) replaced by U+FFFD.
// Thread-safety: pure functions.
#ifndef NOTESEARCH_SEARCHER_RESULT_JSON_H_
#define NOTESEARCH_SEARCHER_RESULT_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include "searcher/searcher.h"

namespace notesearch {

std::string ToJson(const SearchResponse& response);
// {"tool": [{"value": "Python", "count": 261}, ...], ...}
std::string ToJson(const std::vector<Facet>& facets);
std::string ToJson(const IndexStats& stats);
// A hit's shape (without score and highlights) plus "children".
std::string ToJson(const BlockView& view);
// {"query", "suggestions": [{"text", "kind", "count"}, ...]}
std::string ToJson(std::string_view query, const std::vector<Suggestion>& suggestions);
// {"error": message}
std::string ErrorJson(std::string_view message);

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_RESULT_JSON_H_
