// The values that counting and ranking read for every match — each block's
// facet values, its text hash, its place (file, line) and its length — and the
// documents below each heading and list intro, by document id.
//
// Xapian keeps values in per-slot streams: reading one document's value is a
// B-tree seek plus a scan of a chunk, about 1 µs per slot and document, which
// made exact facets and totals cost 10-50 times the matching itself, and
// collapsing identical texts in a one-shot search read most of the index's
// value blocks. Here a match's values are two array lookups (the layout of
// Lucene's doc values).
//
// The indexer writes them to a file in each generation after each commit
// (Write, Restamp); a searcher maps that file (Load), so even a one-shot
// process gets them for the cost of the pages it touches. Without a file of
// the database's revision, Build reads every value stream once, in order.
// The file is in the machine's byte order and says so; a file of another
// layout, database or revision is not used.
//
// Ownership and thread-safety: immutable once built or loaded; an instance
// owns its memory or its mapping. Shared() hands out one instance per
// database snapshot to every thread of the process.
#ifndef NOTESEARCH_SEARCHER_DOC_COLUMNS_H_
#define NOTESEARCH_SEARCHER_DOC_COLUMNS_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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
  // documents of every heading and intro id from `db` (local databases
  // only: a remote one would send the whole index over the wire). May throw
  // Xapian::DatabaseModifiedError like any read.
  static std::unique_ptr<const DocColumns> Build(const Xapian::Database& db);
  // Writes what Build reads to `path` for the current revision of `db`,
  // replacing any file there atomically. Throws IndexError.
  static void Write(const Xapian::Database& db, const std::filesystem::path& path);
  // Marks the file at `path`, written for revision `written_for` of `db`,
  // as holding the current revision too: for a commit that changed no
  // document. False (and nothing written) when the file is not one of
  // `written_for`. Throws IndexError when it cannot be written.
  static bool Restamp(const std::filesystem::path& path, const Xapian::Database& db, Xapian::rev written_for);
  // The columns at `path`, mapped, if they were written for `db` as it is
  // now; null when the file is missing, damaged or of another revision.
  static std::unique_ptr<const DocColumns> Load(const std::filesystem::path& path, const Xapian::Database& db);
  // The columns of `joined`, the database of the shards' databases added in
  // this order (Xapian::Database::add_database), from each shard's: its
  // document d is document (d - 1) / n + 1 of shard (d - 1) % n. Built in
  // memory, without the documents of heading and intro ids (DocsWithAny
  // finds none): a heading's documents are every n-th here, no runs, and
  // sorting them as runs cost more than the ids' posting lists. Null
  // unless there are as many as `joined` has.
  static std::unique_ptr<const DocColumns> Interleave(const std::vector<std::unique_ptr<const DocColumns>>& shards,
                                                      const Xapian::Database& joined);
  // The columns of the snapshot `snapshot` names (each shard's UUID and
  // revision), made by `make` the first time any thread asks for it (null
  // when `make` gives none).
  static std::shared_ptr<const DocColumns> Shared(const std::string& snapshot,
                                                  const std::function<std::unique_ptr<const DocColumns>()>& make);

  ~DocColumns();
  DocColumns(const DocColumns&) = delete;
  DocColumns& operator=(const DocColumns&) = delete;

  // The ids of a document's values of one facet field; empty for an unknown
  // document. Every id is below ValueCount(field). A view into the columns.
  class ValueColumn {
   public:
    std::span<const ValueId> Of(Xapian::docid doc) const {
      if (doc + 1 >= offsets_.size()) return {};
      const std::uint32_t begin = offsets_[doc], end = offsets_[doc + 1];
      if (begin > end || end > ids_.size()) return {};
      return ids_.subspan(begin, end - begin);
    }

   private:
    friend class DocColumns;
    // The ids of document d are ids_[offsets_[d] .. offsets_[d + 1]).
    std::span<const std::uint32_t> offsets_, ids_;
  };
  // The column of facet field `field` (a field of the table with a facet
  // slot), for loops over many documents; Values(field, doc) for one.
  ValueColumn ValuesOf(const Field& field) const;
  std::span<const ValueId> Values(const Field& field, Xapian::docid doc) const { return ValuesOf(field).Of(doc); }
  // The value an id stands for.
  std::string_view Value(const Field& field, ValueId id) const;
  std::size_t ValueCount(const Field& field) const;

  // The id of a document's text hash (kNoText if it has none), and of a
  // hash (kNoText if no document has it). Ids run from 1 to TextCount().
  ValueId Text(Xapian::docid doc) const;
  ValueId TextId(std::string_view hash) const;
  std::string_view TextHash(ValueId id) const;
  std::size_t TextCount() const;

  // A document's file and line, a number that orders documents by them as
  // their sort keys (slots::kSortKey) do, and that number as a key of eight
  // bytes (for a Xapian::KeyMaker).
  std::string_view Path(Xapian::docid doc) const;
  std::uint32_t Line(Xapian::docid doc) const;
  std::uint64_t PlaceRank(Xapian::docid doc) const;
  std::string PlaceKey(Xapian::docid doc) const;

  // Each document's length as Xapian weighs it (the sum of its terms'
  // wdf), by document id.
  std::span<const std::uint32_t> Lengths() const;

  // The documents with any of `terms`, heading and intro id terms
  // (prefixes::kHeadingId, kIntroId); other terms have none here.
  DocRuns DocsWithAny(const std::vector<std::string>& terms) const;

 private:
  struct Layout;  // spans into the encoded columns (doc_columns.cc)
  DocColumns(std::shared_ptr<const void> storage, std::unique_ptr<const Layout> layout);
  // The columns in `words` (kept alive by `storage`), if they are whole and
  // of `db` with its documents now, written for `revision` (any if none).
  static std::unique_ptr<const DocColumns> Decode(std::shared_ptr<const void> storage,
                                                  std::span<const std::uint32_t> words, const Xapian::Database& db,
                                                  std::optional<Xapian::rev> revision);
  // Decode of `words`, which the columns keep.
  static std::unique_ptr<const DocColumns> FromWords(std::vector<std::uint32_t> words, const Xapian::Database& db,
                                                     std::optional<Xapian::rev> revision);

  std::shared_ptr<const void> storage_;  // the memory or mapping the layout points into
  std::unique_ptr<const Layout> layout_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_DOC_COLUMNS_H_
