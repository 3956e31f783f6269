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
// Thread-safety: pure functions.
#ifndef NOTESEARCH_SEARCHER_RESULT_JSON_H_
#define NOTESEARCH_SEARCHER_RESULT_JSON_H_

#include <string>

#include <nlohmann/json.hpp>

#include "searcher/searcher.h"

namespace notesearch {

// Keys keep the documented order.
using Json = nlohmann::ordered_json;

Json ToJson(const ContextLine& line);
Json ToJson(const Hit& hit);
Json ToJson(const SearchResponse& response);
// {"tool": [{"value": "Python", "count": 261}, ...], ...}
Json ToJson(const std::vector<Facet>& facets);
Json ToJson(const IndexStats& stats);
// A hit's shape (without score and highlights) plus "children".
Json ToJson(const BlockView& view);

// Serialises with invalid UTF-8 replaced (notes and queries may contain it).
std::string DumpJson(const Json& json, int indent = -1);

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_RESULT_JSON_H_
