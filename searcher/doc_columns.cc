#include "searcher/doc_columns.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <mutex>
#include <unordered_map>

#include "core/context_lexicon.h"
#include "core/errors.h"
#include "core/index_store.h"

namespace notesearch {

namespace {

namespace fs = std::filesystem;

// The file is a sequence of 32-bit words in this machine's byte order; the
// first says which order and layout (on a machine of the other order it
// reads as another number).
constexpr std::uint32_t kMagic = 0x4E534332;  // "NSC2": with document lengths

// Gives each distinct value an id: its position in `values` (which may
// hold some already).
class Interner {
 public:
  explicit Interner(std::vector<std::string>& values) : values_(values) {
    for (std::size_t id = 0; id < values_.size(); ++id) ids_.try_emplace(values_[id], static_cast<DocColumns::ValueId>(id));
  }
  DocColumns::ValueId Id(const std::string& value) {
    const auto [it, added] = ids_.try_emplace(value, static_cast<DocColumns::ValueId>(values_.size()));
    if (added) values_.push_back(value);
    return it->second;
  }

 private:
  std::vector<std::string>& values_;
  std::unordered_map<std::string, DocColumns::ValueId> ids_;
};

class Encoder {
 public:
  void Word(std::uint32_t word) { words_.push_back(word); }
  void Words(std::span<const std::uint32_t> words) {
    Word(static_cast<std::uint32_t>(words.size()));
    words_.insert(words_.end(), words.begin(), words.end());
  }
  void Bytes(std::string_view bytes) {
    Word(static_cast<std::uint32_t>(bytes.size()));
    const std::size_t at = words_.size();
    words_.resize(at + (bytes.size() + 3) / 4, 0);
    if (!bytes.empty()) std::memcpy(words_.data() + at, bytes.data(), bytes.size());
  }
  void Strings(const std::vector<std::string>& strings) {
    std::vector<std::uint32_t> offsets = {0};
    std::string bytes;
    for (const std::string& s : strings) {
      bytes += s;
      offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
    }
    Words(offsets);
    Bytes(bytes);
  }
  std::vector<std::uint32_t>& words() { return words_; }

 private:
  std::vector<std::uint32_t> words_;
};

// Strings by position, as Encoder::Strings wrote them. Out-of-range
// positions and offsets (a damaged file) read as empty strings.
struct StringTable {
  std::span<const std::uint32_t> offsets;
  std::string_view bytes;

  std::size_t size() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  std::string_view operator[](std::size_t i) const {
    if (i + 1 >= offsets.size()) return {};
    const std::uint32_t begin = offsets[i], end = offsets[i + 1];
    if (begin > end || end > bytes.size()) return {};
    return bytes.substr(begin, end - begin);
  }
};

// Reads what Encoder wrote, without copying; ok() turns false for good at
// the first read past the end.
class Decoder {
 public:
  explicit Decoder(std::span<const std::uint32_t> words) : words_(words) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == words_.size(); }

  std::uint32_t Word() {
    if (pos_ >= words_.size()) return Fail(), 0;
    return words_[pos_++];
  }
  std::span<const std::uint32_t> Words() {
    const std::uint32_t count = Word();
    if (count > words_.size() - pos_) return Fail(), std::span<const std::uint32_t>();
    const auto words = words_.subspan(pos_, count);
    pos_ += count;
    return words;
  }
  std::string_view Bytes() {
    const std::uint32_t size = Word();
    const std::size_t count = (std::size_t{size} + 3) / 4;
    if (count > words_.size() - pos_) return Fail(), std::string_view();
    const std::string_view bytes(reinterpret_cast<const char*>(words_.data() + pos_), size);
    pos_ += count;
    return bytes;
  }
  StringTable Strings() {
    StringTable table;
    table.offsets = Words();
    table.bytes = Bytes();
    return table;
  }

 private:
  void Fail() {
    ok_ = false;
    pos_ = words_.size();
  }

  std::span<const std::uint32_t> words_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

// The header: magic, uuid, revision (two words, low first), document slots.
void EncodeHeader(Encoder& out, const std::string& uuid, Xapian::rev revision, std::size_t doc_slots) {
  out.Word(kMagic);
  out.Bytes(uuid);
  out.Word(static_cast<std::uint32_t>(revision));
  out.Word(static_cast<std::uint32_t>(revision >> 32));
  out.Word(static_cast<std::uint32_t>(doc_slots));
}

struct Header {
  std::string_view uuid;
  Xapian::rev revision = 0;
  std::uint32_t doc_slots = 0;

  // Written for `db` with the documents it has now (any revision).
  bool IsOf(const Xapian::Database& db) const { return uuid == db.get_uuid() && doc_slots == db.get_lastdocid() + 1; }
};

std::optional<Header> DecodeHeader(Decoder& in) {
  if (in.Word() != kMagic) return std::nullopt;
  Header header;
  header.uuid = in.Bytes();
  const std::uint32_t low = in.Word();
  header.revision = (Xapian::rev{in.Word()} << 32) | low;
  header.doc_slots = in.Word();
  if (!in.ok()) return std::nullopt;
  return header;
}

// What the file holds, by document id (0 to the last id), before encoding.
struct Table {
  struct FacetColumn {
    const Field* field;
    std::vector<std::string> values;  // by id
    // The ids of document d are ids[offsets[d] .. offsets[d + 1]).
    std::vector<std::uint32_t> offsets, ids;
  };
  std::vector<FacetColumn> facets;  // the table's facet fields, in its order
  std::vector<std::string> hashes = {""};  // by text id; [0] is kNoText's
  std::vector<std::uint32_t> texts;
  std::vector<std::string> paths;  // by file id
  std::vector<std::uint32_t> file_of, line_of;
  // Heading and intro id terms, sorted, and the documents of each.
  std::vector<std::string> terms;
  std::vector<DocRuns> docs_of_terms;
  std::vector<std::uint32_t> lengths;
};

// The ids of `strings` from `first` on, in the order of the strings.
std::vector<std::uint32_t> IdsInOrder(const std::vector<std::string>& strings, std::uint32_t first) {
  std::vector<std::uint32_t> ids;
  for (std::uint32_t id = first; id < strings.size(); ++id) ids.push_back(id);
  std::sort(ids.begin(), ids.end(), [&](std::uint32_t a, std::uint32_t b) { return strings[a] < strings[b]; });
  return ids;
}

std::vector<std::uint32_t> Encode(const Table& table, const std::string& uuid, Xapian::rev revision) {
  Encoder out;
  EncodeHeader(out, uuid, revision, table.texts.size());
  for (const Table::FacetColumn& column : table.facets) {
    out.Bytes(column.field->name);
    out.Strings(column.values);
    out.Words(column.offsets);
    out.Words(column.ids);
  }
  out.Strings(table.hashes);
  out.Words(table.texts);
  out.Words(IdsInOrder(table.hashes, 1));  // kNoText has no hash to find

  const std::vector<std::uint32_t> by_path = IdsInOrder(table.paths, 0);
  std::vector<std::uint32_t> path_rank(table.paths.size());
  for (std::uint32_t rank = 0; rank < by_path.size(); ++rank) path_rank[by_path[rank]] = rank;
  out.Strings(table.paths);
  out.Words(path_rank);
  out.Words(table.file_of);
  out.Words(table.line_of);

  std::vector<std::uint32_t> run_offsets = {0}, runs;
  for (const DocRuns& docs : table.docs_of_terms) {
    for (const DocRuns::Run& run : docs.runs()) {
      runs.push_back(run.first);
      runs.push_back(run.last);
    }
    run_offsets.push_back(static_cast<std::uint32_t>(runs.size() / 2));
  }
  out.Strings(table.terms);
  out.Words(run_offsets);
  out.Words(runs);
  out.Words(table.lengths);
  return std::move(out.words());
}

// The ids of each document's values of `entries` (document, value id), as
// offsets into the ids in document order.
void FillColumn(std::vector<std::pair<Xapian::docid, DocColumns::ValueId>>& entries, std::size_t docs,
                Table::FacetColumn& column) {
  column.offsets.assign(docs + 1, 0);
  for (const auto& entry : entries) ++column.offsets[entry.first + 1];
  for (std::size_t d = 1; d <= docs; ++d) column.offsets[d] += column.offsets[d - 1];
  column.ids.resize(entries.size());
  std::vector<std::uint32_t> next(column.offsets.begin(), column.offsets.end() - 1);
  for (const auto& [doc, id] : entries) column.ids[next[doc]++] = id;
}

Table ReadTable(const Xapian::Database& db) {
  const std::size_t docs = static_cast<std::size_t>(db.get_lastdocid()) + 1;
  Table table;
  for (const Field& field : AllFields()) {
    if (field.facet_slot == Xapian::BAD_VALUENO) continue;
    Table::FacetColumn& column = table.facets.emplace_back();
    column.field = &field;
    Interner interner(column.values);
    // Value i of a block is in slot base + i, filled from the base up.
    std::vector<std::pair<Xapian::docid, DocColumns::ValueId>> entries;
    for (Xapian::valueno slot = field.facet_slot;
         slot < field.facet_slot + slots::kMaxFacetValues && db.get_value_freq(slot) != 0; ++slot) {
      for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        entries.emplace_back(it.get_docid(), interner.Id(*it));
      }
    }
    FillColumn(entries, docs, column);
  }

  table.texts.assign(docs, DocColumns::kNoText);
  Interner text_ids(table.hashes);
  for (auto it = db.valuestream_begin(slots::kContentHash); it != db.valuestream_end(slots::kContentHash); ++it) {
    table.texts[it.get_docid()] = text_ids.Id(*it);
  }

  table.file_of.assign(docs, 0);
  table.line_of.assign(docs, 0);
  Interner path_ids(table.paths);
  for (auto it = db.valuestream_begin(slots::kSortKey); it != db.valuestream_end(slots::kSortKey); ++it) {
    // A key of another layout keeps its place among the others whole.
    const auto place = ParseSortKey(*it);
    table.file_of[it.get_docid()] = path_ids.Id(place ? place->first : *it);
    table.line_of[it.get_docid()] = place ? place->second : 0;
  }
  if (table.paths.empty()) table.paths.emplace_back();  // file id 0 of documents without a key

  const ContextLexicon lexicon = ContextLexicon::Decode(db.get_metadata(metadata_keys::kLexicon));
  for (const ContextEntry& entry : lexicon.entries()) {
    table.terms.push_back(std::string(entry.kind == BlockKind::kHeading ? prefixes::kHeadingId : prefixes::kIntroId) +
                          entry.id);
  }
  std::sort(table.terms.begin(), table.terms.end());
  table.terms.erase(std::unique(table.terms.begin(), table.terms.end()), table.terms.end());
  for (const std::string& term : table.terms) {
    DocRuns& docs_of_term = table.docs_of_terms.emplace_back();
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) docs_of_term.Append(*it);
  }

  table.lengths.assign(docs, 0);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) table.lengths[*it] = it.get_doclength();
  return table;
}

// Writes `words` to `path` through a temporary file renamed over it, so
// that a reader maps the old file or the new one, never a part.
void WriteAtomically(const fs::path& path, std::span<const std::uint32_t> words) {
  // What a writer killed while writing left behind (the index's write lock
  // keeps a live one from writing here at the same time).
  std::error_code error;
  const std::string stale_prefix = path.filename().string() + ".tmp";
  for (const auto& entry : fs::directory_iterator(path.parent_path(), error)) {
    if (entry.path().filename().string().starts_with(stale_prefix)) fs::remove(entry.path(), error);
  }
  const fs::path temporary = path.string() + ".tmp" + std::to_string(::getpid());
  auto fail = [&](const std::string& what) {
    const std::string reason = std::strerror(errno);
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw IndexError("cannot " + what + " " + path.string() + " (" + reason + ")");
  };
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("create");
  const char* data = reinterpret_cast<const char*>(words.data());
  std::size_t left = words.size_bytes();
  while (left > 0) {
    const ssize_t written = ::write(fd, data, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      ::close(fd);
      fail("write");
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) fail("write");
  if (::rename(temporary.c_str(), path.c_str()) != 0) fail("replace");
}

// The file at `path` mapped read-only as 32-bit words, with what keeps the
// mapping; nullopt when it is missing, empty or not whole words.
std::optional<std::pair<std::shared_ptr<const void>, std::span<const std::uint32_t>>> MapWords(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  void* mapped = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && st.st_size > 0 && st.st_size % 4 == 0) {
    mapped = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
  }
  ::close(fd);  // the mapping keeps the file
  if (mapped == MAP_FAILED) return std::nullopt;
  const std::size_t bytes = static_cast<std::size_t>(st.st_size);
  std::shared_ptr<const void> mapping(mapped, [bytes](const void* p) { ::munmap(const_cast<void*>(p), bytes); });
  return std::make_pair(std::move(mapping), std::span<const std::uint32_t>(static_cast<const std::uint32_t*>(mapped), bytes / 4));
}

}  // namespace

struct DocColumns::Layout {
  std::uint32_t doc_slots = 0;  // the database's last docid + 1
  struct Column {
    const Field* field = nullptr;
    StringTable values;  // by id
    // The ids of document d are ids[offsets[d] .. offsets[d + 1]).
    std::span<const std::uint32_t> offsets, ids;
  };
  std::vector<Column> columns;
  StringTable text_hashes;                     // by text id; [0] is kNoText's
  std::span<const std::uint32_t> texts;        // text id by docid
  std::span<const std::uint32_t> by_hash;      // text ids in hash order
  StringTable paths;                           // by file id
  std::span<const std::uint32_t> path_rank;    // by file id: position in path order
  std::span<const std::uint32_t> file_of, line_of;  // by docid
  StringTable terms;                           // heading and intro id terms, sorted
  // The runs of term t are runs[2 * run_offsets[t] .. 2 * run_offsets[t + 1]), (first, last) pairs.
  std::span<const std::uint32_t> run_offsets, runs;
  std::span<const std::uint32_t> lengths;  // by docid

  const Column& ColumnOf(const Field& field) const {
    return *std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.field == &field; });
  }
  std::uint32_t FileOf(Xapian::docid doc) const {
    return doc < file_of.size() && file_of[doc] < paths.size() ? file_of[doc] : 0;
  }
};

DocColumns::DocColumns(std::shared_ptr<const void> storage, std::unique_ptr<const Layout> layout)
    : storage_(std::move(storage)), layout_(std::move(layout)) {}

DocColumns::~DocColumns() = default;

std::unique_ptr<const DocColumns> DocColumns::Decode(std::shared_ptr<const void> storage,
                                                     std::span<const std::uint32_t> words,
                                                     const Xapian::Database& db, std::optional<Xapian::rev> revision) {
  Decoder in(words);
  const std::optional<Header> header = DecodeHeader(in);
  if (!header || !header->IsOf(db) || (revision && header->revision != *revision)) return nullptr;
  const std::size_t docs = header->doc_slots;
  auto layout = std::make_unique<Layout>();
  layout->doc_slots = header->doc_slots;
  for (const Field& field : AllFields()) {
    if (field.facet_slot == Xapian::BAD_VALUENO) continue;
    if (in.Bytes() != field.name) return nullptr;
    Layout::Column& column = layout->columns.emplace_back();
    column.field = &field;
    column.values = in.Strings();
    column.offsets = in.Words();
    column.ids = in.Words();
    if (column.offsets.size() != docs + 1) return nullptr;
  }
  layout->text_hashes = in.Strings();
  layout->texts = in.Words();
  layout->by_hash = in.Words();
  layout->paths = in.Strings();
  layout->path_rank = in.Words();
  layout->file_of = in.Words();
  layout->line_of = in.Words();
  layout->terms = in.Strings();
  layout->run_offsets = in.Words();
  layout->runs = in.Words();
  layout->lengths = in.Words();
  if (!in.ok() || !in.at_end() || layout->texts.size() != docs || layout->file_of.size() != docs ||
      layout->line_of.size() != docs || layout->lengths.size() != docs ||
      layout->path_rank.size() != layout->paths.size() || layout->paths.size() == 0 ||
      layout->run_offsets.size() != layout->terms.size() + 1) {
    return nullptr;
  }
  return std::unique_ptr<const DocColumns>(new DocColumns(std::move(storage), std::move(layout)));
}

std::unique_ptr<const DocColumns> DocColumns::FromWords(std::vector<std::uint32_t> words, const Xapian::Database& db,
                                                        std::optional<Xapian::rev> revision) {
  auto storage = std::make_shared<const std::vector<std::uint32_t>>(std::move(words));
  const std::span<const std::uint32_t> span(*storage);
  return Decode(std::move(storage), span, db, revision);
}

std::unique_ptr<const DocColumns> DocColumns::Build(const Xapian::Database& db) {
  return FromWords(Encode(ReadTable(db), db.get_uuid(), db.get_revision()), db, db.get_revision());
}

void DocColumns::Write(const Xapian::Database& db, const fs::path& path) {
  WriteAtomically(path, Encode(ReadTable(db), db.get_uuid(), db.get_revision()));
}

std::unique_ptr<const DocColumns> DocColumns::Interleave(const std::vector<std::unique_ptr<const DocColumns>>& shards,
                                                         const Xapian::Database& joined) {
  const std::size_t n = shards.size();
  if (n == 0 || n != joined.size()) return nullptr;
  const std::size_t docs = static_cast<std::size_t>(joined.get_lastdocid()) + 1;
  // Document d > 0 of the joined database is document (d - 1) / n + 1 of
  // shard (d - 1) % n, as Xapian interleaves them.
  auto shard = [n](std::size_t d) { return (d - 1) % n; };
  auto local = [n](std::size_t d) { return static_cast<Xapian::docid>((d - 1) / n + 1); };
  // Each shard's ids of the strings `strings_of` its layout, as ids among
  // `strings`.
  auto join = [&](std::vector<std::string>& strings, const auto& strings_of) {
    Interner interner(strings);
    std::vector<std::vector<std::uint32_t>> ids(n);
    for (std::size_t s = 0; s < n; ++s) {
      const StringTable table = strings_of(*shards[s]->layout_);
      for (std::size_t id = 0; id < table.size(); ++id) ids[s].push_back(interner.Id(std::string(table[id])));
    }
    return ids;
  };

  Table table;
  for (const Layout::Column& column_of_first : shards.front()->layout_->columns) {
    const Field& field = *column_of_first.field;
    Table::FacetColumn& column = table.facets.emplace_back();
    column.field = &field;
    const auto ids = join(column.values, [&](const Layout& layout) { return layout.ColumnOf(field).values; });
    std::vector<ValueColumn> of_shard;
    for (const auto& each : shards) of_shard.push_back(each->ValuesOf(field));
    column.offsets.assign(docs + 1, 0);
    for (std::size_t d = 1; d < docs; ++d) {
      for (const ValueId id : of_shard[shard(d)].Of(local(d))) {
        if (id < ids[shard(d)].size()) column.ids.push_back(ids[shard(d)][id]);  // not so in a damaged file
      }
      column.offsets[d + 1] = static_cast<std::uint32_t>(column.ids.size());
    }
  }

  const auto text_ids = join(table.hashes, [](const Layout& layout) { return layout.text_hashes; });
  table.texts.assign(docs, kNoText);
  for (std::size_t d = 1; d < docs; ++d) table.texts[d] = text_ids[shard(d)][shards[shard(d)]->Text(local(d))];

  const auto file_ids = join(table.paths, [](const Layout& layout) { return layout.paths; });
  table.file_of.assign(docs, 0);
  table.line_of.assign(docs, 0);
  for (std::size_t d = 1; d < docs; ++d) {
    table.file_of[d] = file_ids[shard(d)][shards[shard(d)]->layout_->FileOf(local(d))];
    table.line_of[d] = shards[shard(d)]->Line(local(d));
  }

  table.lengths.assign(docs, 0);
  for (std::size_t d = 1; d < docs; ++d) {
    const std::span<const std::uint32_t> lengths = shards[shard(d)]->Lengths();
    table.lengths[d] = local(d) < lengths.size() ? lengths[local(d)] : 0;
  }
  return FromWords(Encode(table, joined.get_uuid(), 0), joined, std::nullopt);
}

bool DocColumns::Restamp(const fs::path& path, const Xapian::Database& db, Xapian::rev written_for) {
  const auto mapped = MapWords(path);
  if (!mapped) return false;
  Decoder in(mapped->second);
  const std::optional<Header> header = DecodeHeader(in);
  if (!header || !header->IsOf(db)) return false;
  if (header->revision == db.get_revision()) return true;  // nothing was committed
  if (header->revision != written_for) return false;
  // The same database and documents: a header of the same size.
  std::vector<std::uint32_t> words(mapped->second.begin(), mapped->second.end());
  Encoder restamped;
  EncodeHeader(restamped, db.get_uuid(), db.get_revision(), header->doc_slots);
  std::copy(restamped.words().begin(), restamped.words().end(), words.begin());
  WriteAtomically(path, words);
  return true;
}

std::unique_ptr<const DocColumns> DocColumns::Load(const fs::path& path, const Xapian::Database& db) {
  auto mapped = MapWords(path);
  if (!mapped) return nullptr;
  return Decode(std::move(mapped->first), mapped->second, db, db.get_revision());
}

std::shared_ptr<const DocColumns> DocColumns::Shared(const std::string& snapshot,
                                                     const std::function<std::unique_ptr<const DocColumns>()>& make) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const DocColumns>> by_snapshot;
  std::lock_guard<std::mutex> lock(mutex);
  if (std::shared_ptr<const DocColumns> existing = by_snapshot[snapshot].lock()) return existing;
  std::erase_if(by_snapshot, [](const auto& entry) { return entry.second.expired(); });
  std::shared_ptr<const DocColumns> made = make();
  if (made != nullptr) by_snapshot[snapshot] = made;
  return made;
}

DocColumns::ValueColumn DocColumns::ValuesOf(const Field& field) const {
  const Layout::Column& column = layout_->ColumnOf(field);
  ValueColumn view;
  view.offsets_ = column.offsets;
  view.ids_ = column.ids;
  return view;
}

std::string_view DocColumns::Value(const Field& field, ValueId id) const { return layout_->ColumnOf(field).values[id]; }

std::size_t DocColumns::ValueCount(const Field& field) const { return layout_->ColumnOf(field).values.size(); }

DocColumns::ValueId DocColumns::Text(Xapian::docid doc) const {
  const auto& texts = layout_->texts;
  return doc < texts.size() && texts[doc] <= TextCount() ? texts[doc] : kNoText;
}

DocColumns::ValueId DocColumns::TextId(std::string_view hash) const {
  const auto& by_hash = layout_->by_hash;
  const auto it = std::lower_bound(by_hash.begin(), by_hash.end(), hash,
                                   [&](std::uint32_t id, std::string_view h) { return TextHash(id) < h; });
  return it != by_hash.end() && TextHash(*it) == hash ? *it : kNoText;
}

std::string_view DocColumns::TextHash(ValueId id) const { return layout_->text_hashes[id]; }

std::size_t DocColumns::TextCount() const {
  const std::size_t hashes = layout_->text_hashes.size();
  return hashes == 0 ? 0 : hashes - 1;
}

std::string_view DocColumns::Path(Xapian::docid doc) const { return layout_->paths[layout_->FileOf(doc)]; }

std::uint32_t DocColumns::Line(Xapian::docid doc) const {
  return doc < layout_->line_of.size() ? layout_->line_of[doc] : 0;
}

std::span<const std::uint32_t> DocColumns::Lengths() const { return layout_->lengths; }

std::uint64_t DocColumns::PlaceRank(Xapian::docid doc) const {
  const std::uint32_t file = layout_->FileOf(doc);
  const std::uint64_t rank = file < layout_->path_rank.size() ? layout_->path_rank[file] : 0;
  return (rank << 32) | Line(doc);
}

std::string DocColumns::PlaceKey(Xapian::docid doc) const {
  // Big-endian, so that comparing the bytes compares the numbers.
  const std::uint64_t key = PlaceRank(doc);
  std::string bytes(8, '\0');
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(key >> (56 - 8 * i));
  return bytes;
}

DocRuns DocColumns::DocsWithAny(const std::vector<std::string>& terms) const {
  const Layout& layout = *layout_;
  std::vector<DocRuns::Run> runs;
  for (const std::string& term : terms) {
    // Terms are sorted: binary search by position.
    std::size_t low = 0, high = layout.terms.size();
    while (low < high) {
      const std::size_t mid = low + (high - low) / 2;
      if (layout.terms[mid] < term) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    if (low == layout.terms.size() || layout.terms[low] != term) continue;
    const std::size_t begin = 2 * std::size_t{layout.run_offsets[low]};
    const std::size_t end = std::min<std::size_t>(2 * std::size_t{layout.run_offsets[low + 1]}, layout.runs.size());
    for (std::size_t i = begin; i + 1 < end; i += 2) {
      // Only runs of documents that can exist: a damaged file's run up to
      // docid 2^32 would be walked document by document.
      const std::uint32_t first = layout.runs[i], last = layout.runs[i + 1];
      if (first != 0 && first <= last && last < layout.doc_slots) runs.push_back({first, last});
    }
  }
  return DocRuns::FromRuns(std::move(runs));
}

}  // namespace notesearch
