#include "searcher/doc_columns.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_map>

#include "core/context_lexicon.h"
#include "core/index_store.h"

namespace notesearch {

namespace {

// Gives each distinct value an id: its position in `values`.
class Interner {
 public:
  explicit Interner(std::vector<std::string>& values) : values_(values) {}
  DocColumns::ValueId Id(const std::string& value) {
    const auto [it, added] = ids_.try_emplace(value, static_cast<DocColumns::ValueId>(values_.size()));
    if (added) values_.push_back(value);
    return it->second;
  }

 private:
  std::vector<std::string>& values_;
  std::unordered_map<std::string, DocColumns::ValueId> ids_;
};

}  // namespace

std::unique_ptr<const DocColumns> DocColumns::Build(const Xapian::Database& db) {
  std::unique_ptr<DocColumns> built(new DocColumns);
  const std::size_t docs = static_cast<std::size_t>(db.get_lastdocid()) + 1;
  for (const Field& field : AllFields()) {
    if (field.facet_slot == Xapian::BAD_VALUENO) continue;
    Column column;
    column.field = &field;
    Interner interner(column.values);
    // Value i of a block is in slot base + i, filled from the base up.
    std::vector<std::pair<Xapian::docid, ValueId>> entries;
    for (Xapian::valueno slot = field.facet_slot;
         slot < field.facet_slot + slots::kMaxFacetValues && db.get_value_freq(slot) != 0; ++slot) {
      for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        entries.emplace_back(it.get_docid(), interner.Id(*it));
      }
    }
    column.offsets.assign(docs + 1, 0);
    for (const auto& entry : entries) ++column.offsets[entry.first + 1];
    for (std::size_t d = 1; d <= docs; ++d) column.offsets[d] += column.offsets[d - 1];
    column.ids.resize(entries.size());
    std::vector<std::uint32_t> next(column.offsets.begin(), column.offsets.end() - 1);
    for (const auto& [doc, id] : entries) column.ids[next[doc]++] = id;
    built->columns_.push_back(std::move(column));
  }

  built->texts_.assign(docs, kNoText);
  built->text_hashes_.emplace_back();  // kNoText
  Interner texts(built->text_hashes_);
  for (auto it = db.valuestream_begin(slots::kContentHash); it != db.valuestream_end(slots::kContentHash); ++it) {
    built->texts_[it.get_docid()] = texts.Id(*it);
  }

  built->file_of_.assign(docs, 0);
  built->line_of_.assign(docs, 0);
  Interner paths(built->paths_);
  for (auto it = db.valuestream_begin(slots::kSortKey); it != db.valuestream_end(slots::kSortKey); ++it) {
    // A key of another layout keeps its place among the others whole.
    const auto place = ParseSortKey(*it);
    built->file_of_[it.get_docid()] = paths.Id(place ? place->first : *it);
    built->line_of_[it.get_docid()] = place ? place->second : 0;
  }
  if (built->paths_.empty()) built->paths_.emplace_back();  // file id 0 of documents without a key
  std::vector<std::uint32_t> by_path(built->paths_.size());
  for (std::uint32_t id = 0; id < by_path.size(); ++id) by_path[id] = id;
  std::sort(by_path.begin(), by_path.end(),
            [&](std::uint32_t a, std::uint32_t b) { return built->paths_[a] < built->paths_[b]; });
  built->path_rank_.resize(by_path.size());
  for (std::uint32_t rank = 0; rank < by_path.size(); ++rank) built->path_rank_[by_path[rank]] = rank;

  for (ValueId id = 1; id < built->text_hashes_.size(); ++id) built->hash_index_.emplace_back(built->text_hashes_[id], id);
  std::sort(built->hash_index_.begin(), built->hash_index_.end());

  const ContextLexicon lexicon = ContextLexicon::Decode(db.get_metadata(metadata_keys::kLexicon));
  for (const ContextEntry& entry : lexicon.entries()) {
    const std::string term =
        std::string(entry.kind == BlockKind::kHeading ? prefixes::kHeadingId : prefixes::kIntroId) + entry.id;
    DocRuns& docs = built->context_docs_[term];
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) docs.Append(*it);
  }
  return built;
}

std::shared_ptr<const DocColumns> DocColumns::Shared(const std::string& snapshot, const Xapian::Database& db) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const DocColumns>> by_snapshot;
  std::lock_guard<std::mutex> lock(mutex);
  if (std::shared_ptr<const DocColumns> existing = by_snapshot[snapshot].lock()) return existing;
  std::erase_if(by_snapshot, [](const auto& entry) { return entry.second.expired(); });
  std::shared_ptr<const DocColumns> built = Build(db);
  by_snapshot[snapshot] = built;
  return built;
}

const DocColumns::Column& DocColumns::ColumnOf(const Field& field) const {
  return *std::find_if(columns_.begin(), columns_.end(), [&](const Column& c) { return c.field == &field; });
}

std::span<const DocColumns::ValueId> DocColumns::Values(const Field& field, Xapian::docid doc) const {
  const Column& column = ColumnOf(field);
  if (doc + 1 >= column.offsets.size()) return {};
  return {column.ids.data() + column.offsets[doc], column.ids.data() + column.offsets[doc + 1]};
}

const std::string& DocColumns::Value(const Field& field, ValueId id) const { return ColumnOf(field).values[id]; }

std::size_t DocColumns::ValueCount(const Field& field) const { return ColumnOf(field).values.size(); }

DocColumns::ValueId DocColumns::Text(Xapian::docid doc) const { return doc < texts_.size() ? texts_[doc] : kNoText; }

DocColumns::ValueId DocColumns::TextId(const std::string& hash) const {
  const auto it = std::lower_bound(hash_index_.begin(), hash_index_.end(), std::make_pair(hash, ValueId{0}));
  return it != hash_index_.end() && it->first == hash ? it->second : kNoText;
}

const std::string& DocColumns::TextHash(ValueId id) const { return text_hashes_[id]; }

std::string DocColumns::PlaceKey(Xapian::docid doc) const {
  // Big-endian, so that comparing the bytes compares the numbers.
  const std::uint64_t key = (std::uint64_t{path_rank_[file_of_[doc]]} << 32) | line_of_[doc];
  std::string bytes(8, '\0');
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(key >> (56 - 8 * i));
  return bytes;
}

DocRuns DocColumns::DocsWithAny(const std::vector<std::string>& terms) const {
  std::vector<const DocRuns*> sets;
  for (const std::string& term : terms) {
    const auto it = context_docs_.find(term);
    if (it != context_docs_.end()) sets.push_back(&it->second);
  }
  return DocRuns::Union(sets);
}

}  // namespace notesearch
