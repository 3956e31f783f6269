#include "core/block.h"

#include <algorithm>
#include <stdexcept>

#include "core/context_lexicon.h"
#include "core/fields.h"
#include "core/record_codec.h"

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

bool EntityNames::empty() const {
  return std::all_of(NamedValueFields().begin(), NamedValueFields().end(),
                     [this](const Field* field) { return (this->*field->names).empty(); });
}

std::vector<ContextLine> Block::Context() const {
  std::vector<ContextLine> context = headings;
  if (intro) context.push_back(*intro);
  context.insert(context.end(), ancestors.begin(), ancestors.end());
  return context;
}

namespace {

constexpr char kRecordVersion = 5;  // 4: tags; 5: pages

void WriteNames(RecordWriter& w, const EntityNames& names) {
  for (const Field* field : NamedValueFields()) {
    const std::vector<std::string>& list = names.*field->names;
    w.Varint(list.size());
    for (const std::string& name : list) w.String(name);
  }
}

EntityNames ReadNames(RecordReader& r) {
  EntityNames names;
  for (const Field* field : NamedValueFields()) {
    std::vector<std::string>& list = names.*field->names;
    list.resize(r.Varint());
    for (std::string& name : list) name = r.String();
  }
  return names;
}

}  // namespace

std::string EncodeStoredBlock(const StoredBlock& stored) {
  const Block& b = stored.block;
  RecordWriter w(kRecordVersion);
  w.String(stored.file);
  w.Varint(b.line);
  w.Varint(std::max(b.line, b.last_line));
  w.Varint(static_cast<std::uint64_t>(b.kind));
  w.Varint(b.depth);
  w.Varint(b.parent_line);
  w.String(b.text);
  w.Varint(b.links.size());
  for (const Link& link : b.links) {
    w.String(link.text);
    w.String(link.url);
  }
  w.Varint(b.headings.size());
  for (const ContextLine& h : b.headings) {
    w.String(ContextId(h.kind, h.text));
    w.Varint(h.line);
  }
  w.Varint(b.intro ? 1 : 0);
  if (b.intro) {
    w.String(ContextId(b.intro->kind, b.intro->text));
    w.Varint(b.intro->line);
  }
  w.Varint(b.ancestors.size());
  for (const ContextLine& a : b.ancestors) {
    w.Varint(a.line);
    w.String(a.text);
  }
  WriteNames(w, b.entities);
  WriteNames(w, b.inherited);
  return w.Take();
}

std::uint32_t StoredBlockLine(std::string_view data) {
  RecordReader r(data, kRecordVersion);
  r.String();  // the file
  return r.Uint32();
}

StoredBlock DecodeStoredBlock(std::string_view data, const ContextLexicon& lexicon) {
  RecordReader r(data, kRecordVersion);
  auto from_lexicon = [&](BlockKind kind) {
    const std::string id = r.String();
    const std::uint32_t line = r.Uint32();
    const ContextEntry* entry = lexicon.Find(id);
    return ContextLine{kind, line, entry != nullptr ? entry->text : std::string()};
  };
  StoredBlock stored;
  stored.file = r.String();
  Block& b = stored.block;
  b.line = r.Uint32();
  b.last_line = r.Uint32();
  const std::uint64_t kind = r.Varint();
  b.kind = kind <= static_cast<std::uint64_t>(BlockKind::kHeading) ? static_cast<BlockKind>(kind) : BlockKind::kBullet;
  b.depth = r.Uint32();
  b.parent_line = r.Uint32();
  b.text = r.String();
  for (std::uint64_t n = r.Varint(); n > 0; --n) {
    Link link;
    link.text = r.String();
    link.url = r.String();
    b.links.push_back(std::move(link));
  }
  for (std::uint64_t n = r.Varint(); n > 0; --n) b.headings.push_back(from_lexicon(BlockKind::kHeading));
  if (r.Varint() != 0) b.intro = from_lexicon(BlockKind::kParagraph);
  for (std::uint64_t n = r.Varint(); n > 0; --n) {
    const std::uint32_t line = r.Uint32();
    b.ancestors.push_back({BlockKind::kBullet, line, r.String()});
  }
  b.entities = ReadNames(r);
  b.inherited = ReadNames(r);
  return stored;
}

}  // namespace notesearch
