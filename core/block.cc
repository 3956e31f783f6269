#include "core/block.h"

#include <nlohmann/json.hpp>

namespace notesearch {

std::string_view BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kBullet: return "bullet";
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kHeading: return "heading";
  }
  return "bullet";
}

std::optional<BlockKind> ParseBlockKind(std::string_view name) {
  for (BlockKind kind : {BlockKind::kBullet, BlockKind::kParagraph, BlockKind::kHeading}) {
    if (BlockKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::vector<ContextLine> Block::Context() const {
  std::vector<ContextLine> context = headings;
  if (intro) context.push_back(*intro);
  context.insert(context.end(), ancestors.begin(), ancestors.end());
  return context;
}

nlohmann::json ToJson(const ContextLine& line) {
  return {{"kind", BlockKindName(line.kind)}, {"line", line.line}, {"text", line.text}};
}

namespace {

ContextLine ContextLineFromJson(const nlohmann::json& json) {
  return ContextLine{ParseBlockKind(json.at("kind").get<std::string>()).value_or(BlockKind::kBullet),
                     json.at("line").get<std::uint32_t>(), json.at("text").get<std::string>()};
}

nlohmann::json ContextArray(const std::vector<ContextLine>& lines) {
  nlohmann::json array = nlohmann::json::array();
  for (const ContextLine& line : lines) array.push_back(ToJson(line));
  return array;
}

}  // namespace

nlohmann::json ToJson(const StoredBlock& stored) {
  const Block& b = stored.block;
  nlohmann::json links = nlohmann::json::array();
  for (const Link& link : b.links) links.push_back({{"text", link.text}, {"url", link.url}});
  nlohmann::json json = {{"file", stored.file},
                         {"line", b.line},
                         {"kind", BlockKindName(b.kind)},
                         {"depth", b.depth},
                         {"text", b.text},
                         {"links", std::move(links)},
                         {"headings", ContextArray(b.headings)},
                         {"ancestors", ContextArray(b.ancestors)}};
  if (b.parent_line != 0) json["parent_line"] = b.parent_line;
  if (b.intro) json["intro"] = ToJson(*b.intro);
  return json;
}

StoredBlock StoredBlockFromJson(const nlohmann::json& json) {
  StoredBlock stored;
  stored.file = json.at("file").get<std::string>();
  Block& b = stored.block;
  b.line = json.at("line").get<std::uint32_t>();
  b.kind = ParseBlockKind(json.at("kind").get<std::string>()).value_or(BlockKind::kBullet);
  b.depth = json.at("depth").get<std::uint32_t>();
  b.parent_line = json.value("parent_line", 0u);
  b.text = json.at("text").get<std::string>();
  for (const auto& link : json.at("links")) {
    b.links.push_back({link.at("text").get<std::string>(), link.at("url").get<std::string>()});
  }
  for (const auto& line : json.at("headings")) b.headings.push_back(ContextLineFromJson(line));
  for (const auto& line : json.at("ancestors")) b.ancestors.push_back(ContextLineFromJson(line));
  if (json.contains("intro")) b.intro = ContextLineFromJson(json.at("intro"));
  return stored;
}

}  // namespace notesearch
