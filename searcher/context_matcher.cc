#include "searcher/context_matcher.h"

#include <algorithm>

namespace notesearch {
namespace {

void AddOnce(std::vector<std::size_t>& list, std::size_t entry) {
  if (list.empty() || list.back() != entry) list.push_back(entry);
}

}  // namespace

ContextMatcher::ContextMatcher(const ContextLexicon& lexicon) {
  for (const ContextEntry& e : lexicon.entries()) {
    const std::size_t index = entries_.size();
    for (const std::string& term : e.phrase_terms) AddOnce(by_term_[term], index);
    for (const std::string& term : e.other_terms) AddOnce(by_term_[term], index);
    for (const std::string& stem : e.stems) AddOnce(by_stem_[stem], index);
    entries_.push_back({e.id, e.kind, e.phrase_terms});
  }
}

std::vector<std::string> ContextMatcher::Ids(const std::vector<std::size_t>* entries, BlockKind kind) const {
  std::vector<std::string> ids;
  if (entries == nullptr) return ids;
  for (std::size_t i : *entries) {
    if (entries_[i].kind == kind) ids.push_back(entries_[i].id);
  }
  return ids;
}

std::vector<std::string> ContextMatcher::WithTerm(BlockKind kind, const std::string& term) const {
  auto it = by_term_.find(term);
  return Ids(it == by_term_.end() ? nullptr : &it->second, kind);
}

std::vector<std::string> ContextMatcher::WithStemOnly(BlockKind kind, const std::string& stem,
                                                      const std::string& term) const {
  auto it = by_stem_.find(stem);
  std::vector<std::string> ids = Ids(it == by_stem_.end() ? nullptr : &it->second, kind);
  const std::vector<std::string> exact = WithTerm(kind, term);
  std::erase_if(ids, [&](const std::string& id) { return std::find(exact.begin(), exact.end(), id) != exact.end(); });
  return ids;
}

std::vector<std::string> ContextMatcher::WithPhrase(BlockKind kind, const std::vector<Token>& phrase) const {
  std::vector<std::string> ids;
  if (phrase.empty()) return ids;
  auto it = by_term_.find(phrase.front().term);
  if (it == by_term_.end()) return ids;
  for (std::size_t i : it->second) {
    const Entry& entry = entries_[i];
    if (entry.kind != kind || entry.terms.size() < phrase.size()) continue;
    for (std::size_t start = 0; start + phrase.size() <= entry.terms.size(); ++start) {
      bool match = true;
      for (std::size_t k = 0; k < phrase.size() && match; ++k) match = entry.terms[start + k] == phrase[k].term;
      if (match) {
        ids.push_back(entry.id);
        break;
      }
    }
  }
  return ids;
}

std::vector<std::string> ContextMatcher::WithPrefix(BlockKind kind, const std::string& prefix) const {
  std::vector<std::string> ids;
  for (const auto& [term, entries] : by_term_) {
    if (!term.starts_with(prefix)) continue;
    for (const std::string& id : Ids(&entries, kind)) {
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
  }
  return ids;
}

}  // namespace notesearch
