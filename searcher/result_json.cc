#include "searcher/result_json.h"

namespace notesearch {

Json ToJson(const ContextLine& line) {
  return {{"kind", BlockKindName(line.kind)}, {"line", line.line}, {"text", line.text}};
}

namespace {

Json Highlights(std::string_view text, const std::vector<Span>& spans) {
  Json highlights = Json::array();
  for (const auto& [begin, end] : ToCodePointSpans(text, spans)) highlights.push_back({begin, end});
  return highlights;
}

}  // namespace

Json ToJson(const Hit& hit) {
  const Block& block = hit.stored.block;
  Json highlights = Highlights(block.text, hit.highlights);
  Json context = Json::array();
  for (const ContextLine& line : block.Context()) context.push_back(ToJson(line));
  Json links = Json::array();
  for (const Link& link : block.links) links.push_back({{"text", link.text}, {"url", link.url}});
  Json json = {{"file", hit.stored.file},
          {"line", block.line},
          {"kind", BlockKindName(block.kind)},
          {"depth", block.depth},
          {"text", block.text},
          {"score", hit.score},
          {"highlights", std::move(highlights)},
          {"context", std::move(context)},
          {"links", std::move(links)},
          {"tools", block.entities.tools},
          {"companies", block.entities.companies},
          {"locations", block.entities.locations},
          {"inherited",
           {{"tools", block.inherited.tools},
            {"companies", block.inherited.companies},
            {"locations", block.inherited.locations}}}};
  if (hit.snippet) {
    json["snippet"] = {{"text", hit.snippet->text}, {"highlights", Highlights(hit.snippet->text, hit.snippet->highlights)}};
  }
  if (!hit.also.empty()) {
    Json also = Json::array();
    for (const auto& [file, line] : hit.also) also.push_back({{"file", file}, {"line", line}});
    json["also"] = std::move(also);
  }
  return json;
}

Json ToJson(const BlockView& view) {
  Json json = ToJson(Hit{view.stored, 0, {}});
  json.erase("score");
  json.erase("highlights");
  Json children = Json::array();
  for (const StoredBlock& child : view.children) {
    children.push_back({{"line", child.block.line}, {"kind", BlockKindName(child.block.kind)}, {"text", child.block.text}});
  }
  json["children"] = std::move(children);
  return json;
}

Json ToJson(const std::vector<Facet>& facets) {
  Json json = Json::object();
  for (const Facet& facet : facets) {
    Json values = Json::array();
    for (const FacetValue& v : facet.values) values.push_back({{"value", v.value}, {"count", v.count}});
    json[facet.field] = std::move(values);
  }
  return json;
}

Json ToJson(const SearchResponse& response) {
  Json hits = Json::array();
  for (const Hit& hit : response.hits) hits.push_back(ToJson(hit));
  Json filters = Json::object();
  for (const auto& [field, values] : response.filters) filters[field] = values;
  Json json = {{"query", response.query},   {"total", response.total}, {"total_bullets", response.total_bullets},
               {"offset", response.offset}, {"limit", response.limit},
               {"notices", response.notices}, {"filters", std::move(filters)},
               {"facets", ToJson(response.facets)}, {"hits", std::move(hits)}};
  if (response.corrected) json["corrected"] = *response.corrected;
  return json;
}

Json ToJson(const IndexStats& stats) {
  return {{"databases", stats.databases},
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
