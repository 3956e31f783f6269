// Finds the headings and list intros of the ContextLexicon that contain a
// query word, a phrase or a prefix, so that the query can match the bullets
// below them through their id terms (see core/context_lexicon.h).
// Thread-safety: immutable after construction.
#ifndef NOTESEARCH_SEARCHER_CONTEXT_MATCHER_H_
#define NOTESEARCH_SEARCHER_CONTEXT_MATCHER_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/analyzer.h"
#include "core/context_lexicon.h"

namespace notesearch {

class ContextMatcher {
 public:
  ContextMatcher() = default;
  explicit ContextMatcher(const ContextLexicon& lexicon);

  // Ids of entries of `kind` with a word equal to `term`.
  std::vector<std::string> WithTerm(BlockKind kind, const std::string& term) const;
  // Ids of entries of `kind` with a word whose stem is `stem`, minus those
  // already found by WithTerm(kind, term).
  std::vector<std::string> WithStemOnly(BlockKind kind, const std::string& stem, const std::string& term) const;
  // Ids of entries of `kind` containing the words in this order.
  std::vector<std::string> WithPhrase(BlockKind kind, const std::vector<Token>& phrase) const;
  // Ids of entries of `kind` with a word starting with `prefix`.
  std::vector<std::string> WithPrefix(BlockKind kind, const std::string& prefix) const;

 private:
  struct Entry {
    std::string id;
    BlockKind kind;
    std::vector<std::string> terms;  // whole tokens in order (parts dropped)
  };
  std::vector<std::string> Ids(const std::vector<std::size_t>* entries, BlockKind kind) const;

  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_term_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_stem_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_CONTEXT_MATCHER_H_
