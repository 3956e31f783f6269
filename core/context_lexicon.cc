#include "core/context_lexicon.h"

#include <stdexcept>

#include "core/hash.h"
#include "core/record_codec.h"

namespace notesearch {

std::string ContextId(BlockKind kind, std::string_view text) {
  std::string keyed(BlockKindName(kind));
  keyed += '\n';
  keyed += text;
  return HashKey(keyed);
}

void ContextLexicon::Add(ContextEntry entry) {
  if (by_id_.contains(entry.id)) return;
  by_id_.emplace(entry.id, entries_.size());
  entries_.push_back(std::move(entry));
}

const ContextEntry* ContextLexicon::Find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &entries_[it->second];
}

namespace {

constexpr char kLexiconVersion = 1;

void WriteList(RecordWriter& w, const std::vector<std::string>& list) {
  w.Varint(list.size());
  for (const std::string& item : list) w.String(item);
}

std::vector<std::string> ReadList(RecordReader& r) {
  std::vector<std::string> list(r.Varint());
  for (std::string& item : list) item = r.String();
  return list;
}

}  // namespace

std::string ContextLexicon::Encode() const {
  RecordWriter w(kLexiconVersion);
  w.Varint(entries_.size());
  for (const ContextEntry& e : entries_) {
    w.String(e.id);
    w.Varint(static_cast<std::uint64_t>(e.kind));
    w.String(e.text);
    WriteList(w, e.phrase_terms);
    WriteList(w, e.other_terms);
    WriteList(w, e.stems);
  }
  return w.Take();
}

ContextLexicon ContextLexicon::Decode(std::string_view data) {
  ContextLexicon lexicon;
  try {
    RecordReader r(data, kLexiconVersion);
    for (std::uint64_t n = r.Varint(); n > 0; --n) {
      ContextEntry e;
      e.id = r.String();
      e.kind = r.Varint() == static_cast<std::uint64_t>(BlockKind::kParagraph) ? BlockKind::kParagraph
                                                                               : BlockKind::kHeading;
      e.text = r.String();
      e.phrase_terms = ReadList(r);
      e.other_terms = ReadList(r);
      e.stems = ReadList(r);
      lexicon.Add(std::move(e));
    }
  } catch (const std::runtime_error&) {
    return ContextLexicon();
  }
  return lexicon;
}

}  // namespace notesearch
