// Turns one parsed file into Xapian documents, one per block: positional
// terms of the text, stemmed terms, the context (ancestors' words; headings
// and intro by id), the tools, companies and places each block names or
// inherits (own and inherited kept apart), section and file terms, facet
// values, the sort key, the stored record that prints a hit without
// reading the file again, and a fingerprint of all that. Term prefixes and value slots come from
// core/fields.h.
// Thread-safety: a DocumentBuilder borrows an Analyzer, which is not
// thread-safe, so use one builder per thread; the EntityExtractor is shared.
#ifndef NOTESEARCH_INDEXER_DOCUMENT_BUILDER_H_
#define NOTESEARCH_INDEXER_DOCUMENT_BUILDER_H_

#include <cstddef>
#include <functional>
#include <future>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "core/context_lexicon.h"
#include "indexer/entity_extractor.h"
#include "indexer/outline_parser.h"

namespace notesearch {

class FingerprintedDocument;

// Words of the bullets' own text, counted: Xapian's spelling data, which
// the searcher asks to correct typos ("pytorhc").
using SpellingCounts = std::map<std::string, Xapian::termcount>;

class DocumentBuilder {
 public:
  // Both are borrowed and must outlive the builder; without an extractor (a
  // null one) no entities are indexed. The extractor may still be being
  // built (the gazetteers take a while to load): a file waits for it only
  // once its text is parsed and analysed.
  DocumentBuilder(const Analyzer& analyzer, std::shared_future<const EntityExtractor*> extractor)
      : analyzer_(analyzer), extractor_(std::move(extractor)) {}

  // One document per block, handed to `emit` in block order, `batch` at a
  // time (the last batch may be smaller; an empty file emits none), so that
  // a large file's first documents can be written while the rest are built.
  // Before them, as soon as the text is analysed (entities may wait for
  // the gazetteers), `spelling` gets the words of the blocks' own text that
  // feed Xapian's spelling data, counted. Fills the blocks' entities. Each
  // block's text is analysed once and reused as its descendants' context.
  void BuildFile(const std::string& path, ParsedOutline& outline, std::size_t batch,
                 const std::function<void(SpellingCounts&&)>& spelling,
                 const std::function<void(std::vector<Xapian::Document>&&)>& emit);

  // The headings and paragraphs of a file, which may head or introduce
  // lists, analysed: the file's share of the ContextLexicon.
  std::vector<ContextEntry> ContextEntries(const ParsedOutline& outline) const;

 private:
  // The analysed terms of an entity's canonical name, cached.
  const std::vector<std::string>& NameTerms(const std::string& name);
  void AddEntityTerms(const std::string& prefix, const std::vector<std::string>& names, Xapian::termcount wdf,
                      FingerprintedDocument& doc);

  const Analyzer& analyzer_;
  std::shared_future<const EntityExtractor*> extractor_;
  std::unordered_map<std::string, std::vector<std::string>> name_terms_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_DOCUMENT_BUILDER_H_
