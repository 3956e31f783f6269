#include "searcher/result_json.h"

namespace notesearch {

namespace {

// Objects and arrays are built at their final size, member by member:
// nlohmann's brace-list constructor builds each member as a two-element array
// and copies it, and a growing container moves its members at each doubling,
// which made the JSON of a page of hits cost half as much as the search.
class Object {
 public:
  explicit Object(std::size_t members) : json_(Json::value_t::object) {
    json_.get_ref<Json::object_t&>().reserve(members);
  }
  template <typename Value>
  Object& Add(std::string key, Value&& value) {
    json_.get_ref<Json::object_t&>().emplace(std::move(key), Json(std::forward<Value>(value)));
    return *this;
  }
  Json Take() { return std::move(json_); }

 private:
  Json json_;
};

Json Array(std::size_t elements) {
  Json json(Json::value_t::array);
  json.get_ref<Json::array_t&>().reserve(elements);
  return json;
}

Json Highlights(std::string_view text, const std::vector<Span>& spans) {
  const std::vector<Span> code_point_spans = ToCodePointSpans(text, spans);
  Json highlights = Array(code_point_spans.size());
  for (const auto& [begin, end] : code_point_spans) {
    Json span = Array(2);
    span.push_back(begin);
    span.push_back(end);
    highlights.push_back(std::move(span));
  }
  return highlights;
}

Json Entities(const EntityNames& entities) {
  return Object(3)
      .Add("tools", entities.tools)
      .Add("companies", entities.companies)
      .Add("locations", entities.locations)
      .Take();
}

}  // namespace

Json ToJson(const ContextLine& line) {
  return Object(3).Add("kind", BlockKindName(line.kind)).Add("line", line.line).Add("text", line.text).Take();
}

Json ToJson(const Hit& hit) {
  const Block& block = hit.stored.block;
  const std::vector<ContextLine> context_lines = block.Context();
  Json context = Array(context_lines.size());
  for (const ContextLine& line : context_lines) context.push_back(ToJson(line));
  Json links = Array(block.links.size());
  for (const Link& link : block.links) links.push_back(Object(2).Add("text", link.text).Add("url", link.url).Take());
  Object json(15);
  json.Add("file", hit.stored.file)
      .Add("line", block.line)
      .Add("kind", BlockKindName(block.kind))
      .Add("depth", block.depth)
      .Add("text", block.text)
      .Add("score", hit.score)
      .Add("highlights", Highlights(block.text, hit.highlights))
      .Add("context", std::move(context))
      .Add("links", std::move(links))
      .Add("tools", block.entities.tools)
      .Add("companies", block.entities.companies)
      .Add("locations", block.entities.locations)
      .Add("inherited", Entities(block.inherited));
  if (hit.snippet) {
    json.Add("snippet", Object(2)
                            .Add("text", hit.snippet->text)
                            .Add("highlights", Highlights(hit.snippet->text, hit.snippet->highlights))
                            .Take());
  }
  if (!hit.also.empty()) {
    Json also = Array(hit.also.size());
    for (const auto& [file, line] : hit.also) also.push_back(Object(2).Add("file", file).Add("line", line).Take());
    json.Add("also", std::move(also));
  }
  return json.Take();
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
  Object json(facets.size());
  for (const Facet& facet : facets) {
    Json values = Array(facet.values.size());
    for (const FacetValue& v : facet.values) values.push_back(Object(2).Add("value", v.value).Add("count", v.count).Take());
    json.Add(facet.field, std::move(values));
  }
  return json.Take();
}

Json ToJson(const SearchResponse& response) {
  Json hits = Array(response.hits.size());
  for (const Hit& hit : response.hits) hits.push_back(ToJson(hit));
  Object filters(response.filters.size());
  for (const auto& [field, values] : response.filters) filters.Add(field, values);
  Object json(10);
  json.Add("query", response.query)
      .Add("total", response.total)
      .Add("total_bullets", response.total_bullets)
      .Add("offset", response.offset)
      .Add("limit", response.limit)
      .Add("notices", response.notices)
      .Add("filters", filters.Take())
      .Add("facets", ToJson(response.facets))
      .Add("hits", std::move(hits));
  if (response.corrected) json.Add("corrected", *response.corrected);
  return json.Take();
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
