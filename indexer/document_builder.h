// Turns the blocks of one parsed file into Xapian documents: positional
// terms of the text, stemmed terms, the context (ancestors, list intro,
// headings) as a separate field, section and file terms, the sort key and
// the stored record that prints a hit without reading the file again.
// Term prefixes and value slots come from core/fields.h.
// Thread-safety: a DocumentBuilder borrows an Analyzer, which is not
// thread-safe; use one builder per thread.
#ifndef NOTESEARCH_INDEXER_DOCUMENT_BUILDER_H_
#define NOTESEARCH_INDEXER_DOCUMENT_BUILDER_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "core/context_lexicon.h"
#include "indexer/outline_parser.h"

namespace notesearch {

class DocumentBuilder {
 public:
  // `analyzer` must outlive the builder.
  explicit DocumentBuilder(const Analyzer& analyzer) : analyzer_(analyzer) {}

  // One document per block, in block order. Each block's text is analysed
  // once and reused as the context of its descendants.
  std::vector<Xapian::Document> BuildFile(const std::string& path, const ParsedOutline& outline) const;

  // The headings and paragraphs of a file, which may head or introduce
  // lists, analysed: the file's share of the ContextLexicon.
  std::vector<ContextEntry> ContextEntries(const ParsedOutline& outline) const;

 private:
  const Analyzer& analyzer_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_DOCUMENT_BUILDER_H_
