// Headings and list intros are shared by many bullets: a heading like
// "Computer Vision" sits above hundreds. The index stores each distinct one
// once, in this lexicon (in the index metadata), and gives every bullet only
// their ids as terms. The searcher expands a query word to the ids of the
// headings and intros containing it. Compared with copying their words into
// every bullet, this keeps the index a third smaller and indexing as fast as
// a stock Xapian index of the bare bullets.
// Thread-safety: immutable after construction; safe to share for reading.
#ifndef NOTESEARCH_CORE_CONTEXT_LEXICON_H_
#define NOTESEARCH_CORE_CONTEXT_LEXICON_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/block.h"

namespace notesearch {

struct ContextEntry {
  std::string id;  // ContextId(kind, text)
  BlockKind kind;  // kHeading or kParagraph (a list intro)
  std::string text;
  // Filled by the indexer with its analyzer, so that a searcher can match
  // query words without analysing the lexicon at every start.
  std::vector<std::string> phrase_terms;  // analysis/analyzer.h PhraseTokens
  std::vector<std::string> other_terms;   // wholes of compounds with parts
  std::vector<std::string> stems;
};

// 12 hex digits of a stable hash of the kind and the text.
std::string ContextId(BlockKind kind, std::string_view text);

class ContextLexicon {
 public:
  ContextLexicon() = default;
  // Ignores entries whose id is already present.
  void Add(ContextEntry entry);
  const ContextEntry* Find(std::string_view id) const;
  const std::vector<ContextEntry>& entries() const { return entries_; }

  // A binary record (core/record_codec.h).
  std::string Encode() const;
  // An empty lexicon for malformed input.
  static ContextLexicon Decode(std::string_view data);

 private:
  std::vector<ContextEntry> entries_;
  std::unordered_map<std::string, std::size_t> by_id_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_CORE_CONTEXT_LEXICON_H_
