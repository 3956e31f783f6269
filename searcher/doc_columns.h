// The values that counting and ranking read for every match — each block's
// facet values, its text hash and its place (file, line) — held in memory
// by document id.
//
// Xapian keeps values in per-slot streams: reading one document's value is a
// B-tree seek plus a scan of a chunk, about 1 µs per slot and document, which
// made exact facets and totals cost 10-50 times the matching itself.
// Reading every stream once, in order, costs about what reading a tenth of
// the documents one by one does; after that a match's values are two array
// lookups (the layout of Lucene's doc values).
//
// Ownership and thread-safety: immutable once built. Shared() hands out one
// instance per database snapshot to every thread of the process.
#ifndef NOTESEARCH_SEARCHER_DOC_COLUMNS_H_
#define NOTESEARCH_SEARCHER_DOC_COLUMNS_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "core/fields.h"
#include "searcher/doc_runs.h"

namespace notesearch {

class DocColumns {
 public:
  using ValueId = std::uint32_t;
  static constexpr ValueId kNoText = 0;  // a document without a text hash

  // Reads every facet field of the table, the text hash, the place and the
  // documents of every heading and intro id from `db` (local
  // databases only: a remote one would send the whole index over the wire).
  // May throw Xapian::DatabaseModifiedError like any read.
  static std::unique_ptr<const DocColumns> Build(const Xapian::Database& db);
  // The columns of the snapshot `snapshot` names (each shard's UUID and
  // revision), built from `db` the first time any thread asks for it.
  static std::shared_ptr<const DocColumns> Shared(const std::string& snapshot, const Xapian::Database& db);

  // The ids of a document's values of facet field `field` (a field of the
  // table with a facet slot); empty for an unknown document.
  std::span<const ValueId> Values(const Field& field, Xapian::docid doc) const;
  // The value an id stands for.
  const std::string& Value(const Field& field, ValueId id) const;
  std::size_t ValueCount(const Field& field) const;

  // The id of a document's text hash (kNoText if it has none), and of a
  // hash (kNoText if no document has it). Ids run from 1 to TextCount().
  ValueId Text(Xapian::docid doc) const;
  ValueId TextId(const std::string& hash) const;
  const std::string& TextHash(ValueId id) const;
  std::size_t TextCount() const { return text_hashes_.size() - 1; }

  // A document's file and line, and a key that orders documents by them
  // as their sort keys (slots::kSortKey) do, in eight bytes.
  const std::string& Path(Xapian::docid doc) const { return paths_[file_of_[doc]]; }
  std::uint32_t Line(Xapian::docid doc) const { return line_of_[doc]; }
  std::string PlaceKey(Xapian::docid doc) const;

  // The documents with any of `terms`, heading and intro id terms
  // (prefixes::kHeadingId, kIntroId); other terms have none here.
  DocRuns DocsWithAny(const std::vector<std::string>& terms) const;

 private:
  // One multi-valued column in compressed-row form: the ids of document d
  // are ids[offsets[d] .. offsets[d + 1]).
  struct Column {
    const Field* field = nullptr;
    std::vector<std::string> values;  // by id
    std::vector<std::uint32_t> offsets;
    std::vector<ValueId> ids;
  };
  const Column& ColumnOf(const Field& field) const;

  std::vector<Column> columns_;
  std::vector<ValueId> texts_;              // by docid
  std::vector<std::string> text_hashes_;    // by id; [0] is kNoText's
  std::vector<std::pair<std::string, ValueId>> hash_index_;  // sorted, for TextId
  std::vector<std::string> paths_;          // by file id
  std::vector<std::uint32_t> path_rank_;    // by file id: position in path order
  std::vector<std::uint32_t> file_of_;      // by docid
  std::vector<std::uint32_t> line_of_;      // by docid
  std::unordered_map<std::string, DocRuns> context_docs_;  // by heading or intro id term
};

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_DOC_COLUMNS_H_
