#include "searcher/result_json.h"

namespace notesearch {

Json ToJson(const ContextLine& line) {
  return {{"kind", BlockKindName(line.kind)}, {"line", line.line}, {"text", line.text}};
}

Json ToJson(const Hit& hit) {
  const Block& block = hit.stored.block;
  Json highlights = Json::array();
  for (const auto& [begin, end] : ToCodePointSpans(block.text, hit.highlights)) {
    highlights.push_back({begin, end});
  }
  Json context = Json::array();
  for (const ContextLine& line : block.Context()) context.push_back(ToJson(line));
  Json links = Json::array();
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

Json ToJson(const SearchResponse& response) {
  Json hits = Json::array();
  for (const Hit& hit : response.hits) hits.push_back(ToJson(hit));
  return {{"query", response.query},   {"total", response.total},
          {"offset", response.offset}, {"limit", response.limit},
          {"notices", response.notices}, {"hits", std::move(hits)}};
}

Json ToJson(const IndexStats& stats) {
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

std::string DumpJson(const Json& json, int indent) {
  return json.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace notesearch
