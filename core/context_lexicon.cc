#include "core/context_lexicon.h"

#include <nlohmann/json.hpp>

#include "core/hash.h"

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

std::string ContextLexicon::ToJson() const {
  nlohmann::json array = nlohmann::json::array();
  for (const ContextEntry& e : entries_) array.push_back({e.id, BlockKindName(e.kind), e.text});
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ContextLexicon ContextLexicon::FromJson(std::string_view json) {
  ContextLexicon lexicon;
  const nlohmann::json array = nlohmann::json::parse(json, nullptr, false);
  if (!array.is_array()) return lexicon;
  for (const auto& e : array) {
    if (!e.is_array() || e.size() != 3) continue;
    lexicon.Add({e[0].get<std::string>(), ParseBlockKind(e[1].get<std::string>()).value_or(BlockKind::kHeading),
                 e[2].get<std::string>()});
  }
  return lexicon;
}

}  // namespace notesearch
