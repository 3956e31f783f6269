#include "searcher/result_json.h"

namespace notesearch {

nlohmann::json ToJson(const Hit& hit) {
  const Block& block = hit.stored.block;
  nlohmann::json highlights = nlohmann::json::array();
  for (const auto& [begin, end] : ToCodePointSpans(block.text, hit.highlights)) {
    highlights.push_back({begin, end});
  }
  nlohmann::json context = nlohmann::json::array();
  for (const ContextLine& line : block.Context()) context.push_back(ToJson(line));
  nlohmann::json links = nlohmann::json::array();
  for (const Link& link : block.links) links.push_back({{"text", link.text}, {"url", link.url}});
  return {{"file", hit.stored.file},
          {"line", block.line},
          {"kind", BlockKindName(block.kind)},
          {"depth", block.depth},
          {"text", block.text},
          {"score", hit.score},
          {"highlights", std::move(highlights)},
          {"context", std::move(context)},
          {"links", std::move(links)}};
}

nlohmann::json ToJson(const SearchResponse& response) {
  nlohmann::json hits = nlohmann::json::array();
  for (const Hit& hit : response.hits) hits.push_back(ToJson(hit));
  return {{"query", response.query},   {"total", response.total},
          {"offset", response.offset}, {"limit", response.limit},
          {"notices", response.notices}, {"hits", std::move(hits)}};
}

nlohmann::json ToJson(const IndexStats& stats) {
  return {{"database", stats.database.string()},
          {"roots", stats.roots},
          {"files", stats.files},
          {"documents", stats.documents},
          {"bullets", stats.bullets},
          {"paragraphs", stats.paragraphs},
          {"headings", stats.headings},
          {"skipped", {{"empty_bullets", stats.skipped_empty}, {"wordless_bullets", stats.skipped_wordless}}},
          {"terms", stats.terms},
          {"disk_bytes", stats.disk_bytes},
          {"last_indexed", stats.last_indexed},
          {"language", stats.language}};
}

std::string DumpJson(const nlohmann::json& json, int indent) {
  return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace notesearch
