#include "indexer/indexer.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <exception>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/block.h"
#include "core/entity_aliases.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/index_store.h"
#include "indexer/document_batch.h"
#include "indexer/document_builder.h"
#include "indexer/entity_extractor.h"
#include "indexer/file_walker.h"
#include "indexer/gazetteer.h"
#include "indexer/page_links.h"
#include "indexer/source_file.h"
#include "searcher/doc_columns.h"

namespace notesearch {

namespace fs = std::filesystem;

namespace {

// Writers of a new index written in parallel and merged (UpdateIndex):
// two, as measured on the 2-core machines here.
constexpr unsigned kParallelBuildShards = 2;

struct FileJob {
  fs::path path;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::optional<FileRecord> previous;
};

struct FileOutcome {
  SourceFile::Status status = SourceFile::Status::kText;
  std::string error;
  std::vector<Diagnostic> warnings;
  bool content_unchanged = false;  // only the mtime moved
  DocumentBatch documents;  // all but those streamed (ProcessFile)
  FileRecord record;
  SkippedCounts skipped;
  SpellingCounts spelling;  // unless streamed (ProcessFile)
};

// A file's spelling words (DocumentBuilder) are recorded with it, and taken
// out again with its bullets, so that deleted words stop being suggested.
std::string EncodeSpelling(const SpellingCounts& counts) {
  std::string out;
  for (const auto& [word, count] : counts) out += word + '\t' + std::to_string(count) + '\n';
  return out;
}

// Takes the words a file's previous version added out of the spelling data
// and adds those of its new version (from its record: reading every
// document's terms back would be slow), by the difference only.
void UpdateSpelling(Xapian::WritableDatabase& db, std::string_view previous, const SpellingCounts& now) {
  std::map<std::string, Xapian::termcount, std::less<>> before;  // empty for a new file
  while (!previous.empty()) {
    const std::size_t tab = previous.find('\t');
    const std::size_t newline = previous.find('\n', tab);
    if (tab == std::string_view::npos || newline == std::string_view::npos) break;
    before[std::string(previous.substr(0, tab))] +=
        static_cast<Xapian::termcount>(std::stoul(std::string(previous.substr(tab + 1, newline - tab - 1))));
    previous.remove_prefix(newline + 1);
  }
  for (const auto& [word, count] : now) {
    const auto old = before.find(word);
    const Xapian::termcount had = old == before.end() ? 0 : old->second;
    if (count > had) db.add_spelling(word, count - had);
    if (count < had) db.remove_spelling(word, had - count);
    if (old != before.end()) before.erase(old);
  }
  for (const auto& [word, count] : before) db.remove_spelling(word, count);  // gone from the file
}

void DeleteFileDocuments(Xapian::WritableDatabase& db, const FileRecord& record) {
  UpdateSpelling(db, record.spelling, {});
  db.delete_document(PathTerm(record.path));
}

// How many of a changed file's blocks WriteFileDocuments found as they
// were: left alone, or moved to their new lines (the others are rewritten).
struct FileWrite {
  std::size_t kept = 0;
  std::size_t moved = 0;
};

// Puts a file's new documents where its old ones are. A document that
// comes out as it was (DocumentBuilder's fingerprint, which leaves out
// where the block is) takes the place of its old one: left alone if that
// is where it was, otherwise only its placement values change. That is
// done on the old document as read (Xapian's modification shortcut), so
// Xapian rewrites its values and leaves its terms and positions unread:
// replaced by a new document, it compared every term and position list,
// 83,000 position reads to move the 9,025 blocks below a bullet inserted at
// the top of the bundled 0.7 MB file. The other documents replace the
// remaining old ones in order, and the rest are added or deleted. Editing
// one bullet of a large file so writes one document rather than all of the
// file's, and inserting one moves the blocks below it rather than
// rewriting each over another.
FileWrite WriteFileDocuments(Xapian::WritableDatabase& db, const std::string& path,
                             const std::vector<Xapian::Document>& documents) {
  const std::string path_term = PathTerm(path);
  std::unordered_map<std::string, std::deque<Xapian::docid>> old_by_fingerprint;
  for (auto it = db.postlist_begin(path_term); it != db.postlist_end(path_term); ++it) {
    old_by_fingerprint[db.get_document(*it, Xapian::DOC_ASSUME_VALID).get_value(slots::kFingerprint)].push_back(*it);
  }
  FileWrite write;
  std::vector<const Xapian::Document*> changed;
  for (const Xapian::Document& doc : documents) {
    auto same = old_by_fingerprint.find(doc.get_value(slots::kFingerprint));
    if (same == old_by_fingerprint.end() || same->second.empty()) {
      changed.push_back(&doc);
      continue;
    }
    const Xapian::docid id = same->second.front();
    same->second.pop_front();
    // Equal records place a block alike (the record holds its lines); they
    // differ on the same line where only the case of the text changed. The
    // record is the one value read here: each read is a B-tree lookup.
    Xapian::Document old = db.get_document(id, Xapian::DOC_ASSUME_VALID);
    const std::string old_record = old.get_value(slots::kRecord);
    const std::string record = doc.get_value(slots::kRecord);
    if (old_record == record) {
      ++write.kept;
      continue;
    }
    if (StoredBlockLine(old_record) != StoredBlockLine(record)) ++write.moved;
    // The new document's values are the old one's but for its placement.
    // Cleared first, the old values are not read (a B-tree lookup per
    // slot); and no other document may be read in between: the shortcut
    // holds for the last one read.
    old.clear_values();
    for (auto value = doc.values_begin(); value != doc.values_end(); ++value) {
      old.add_value(value.get_valueno(), *value);
    }
    db.replace_document(id, old);
  }
  std::vector<Xapian::docid> replaced;
  for (const auto& [fingerprint, ids] : old_by_fingerprint) replaced.insert(replaced.end(), ids.begin(), ids.end());
  std::sort(replaced.begin(), replaced.end());
  std::size_t i = 0;
  for (; i < changed.size() && i < replaced.size(); ++i) db.replace_document(replaced[i], *changed[i]);
  for (std::size_t j = i; j < replaced.size(); ++j) db.delete_document(replaced[j]);
  for (std::size_t j = i; j < changed.size(); ++j) db.add_document(*changed[j]);
  return write;
}

std::optional<std::pair<std::uint64_t, std::int64_t>> SizeAndMtime(const fs::path& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return std::make_pair(static_cast<std::uint64_t>(st.st_size),
                        static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec);
}

// Documents of a file the index does not hold yet need no matching with
// old ones (WriteFileDocuments): as they are built, kStreamBatch at a time,
// `stream` is offered those not handed over yet, and may take them for the
// writer to add while the rest of the file is built (a corpus of one large
// file was written only after all of it was built). So is its spelling,
// to `stream_spelling`, once its text is analysed: the writer, waiting for
// the first documents, adds it then rather than after the last (18 ms of a
// one-copy index). What is not taken, and all of a changed file's, is in
// the outcome.
constexpr std::size_t kStreamBatch = 256;

FileOutcome ProcessFile(const FileJob& job, DocumentBuilder& builder, DocumentReturns& returns,
                        const std::function<void(SpellingCounts&)>& stream_spelling,
                        const std::function<void(DocumentBatch&)>& stream) {
  FileOutcome outcome;
  outcome.documents = DocumentBatch(&returns);
  SourceFile source = ReadSourceFile(job.path);
  outcome.status = source.status;
  outcome.error = std::move(source.error);
  outcome.warnings = std::move(source.warnings);
  if (source.status != SourceFile::Status::kText) return outcome;
  outcome.record.path = job.path.string();
  outcome.record.size = job.size;
  outcome.record.mtime_ns = job.mtime_ns;
  outcome.record.content_hash = source.content_hash;
  if (job.previous && job.previous->content_hash == source.content_hash) {
    outcome.content_unchanged = true;
    FileRecord kept = *job.previous;
    kept.size = job.size;
    kept.mtime_ns = job.mtime_ns;
    outcome.record = kept;
    return outcome;
  }
  ParsedOutline outline = ParseOutline(source.text);
  for (auto& [line, message] : outline.warnings) {
    outcome.warnings.push_back({Diagnostic::Severity::kWarning, job.path.string(), line, std::move(message)});
  }
  outcome.skipped = outline.skipped;
  outcome.record.skipped_empty = outline.skipped.empty_bullets;
  outcome.record.skipped_wordless = outline.skipped.wordless_bullets;
  for (const Block& block : outline.blocks) {
    switch (block.kind) {
      case BlockKind::kBullet: ++outcome.record.bullets; break;
      case BlockKind::kParagraph: ++outcome.record.paragraphs; break;
      case BlockKind::kHeading: ++outcome.record.headings; break;
    }
  }
  outcome.record.context = builder.ContextEntries(outline);
  outcome.record.page_names = PageNamesOf(job.path, outline);
  const bool new_file = !job.previous;
  builder.BuildFile(
      outcome.record.path, outline, new_file ? kStreamBatch : outline.blocks.size(),
      [&](SpellingCounts&& spelling) {
        outcome.record.spelling = EncodeSpelling(spelling);
        outcome.spelling = std::move(spelling);
        if (new_file && !outcome.spelling.empty()) stream_spelling(outcome.spelling);
      },
      [&](std::vector<Xapian::Document>&& batch) {
        outcome.documents.Append(std::move(batch));
        if (new_file) stream(outcome.documents);
        returns.FreeReturned();  // else a large file's would pile up until its end
      });
  return outcome;
}

// Runs ProcessFile over the jobs on worker threads and hands the outcomes to
// the caller, in job order (Consume). The job the caller waits for streams
// its documents (to `consume_batch`, in order, as they come, before its
// outcome): then the writer need not wait for a large file's last block.
// Jobs further ahead keep theirs in their outcomes, as documents streamed
// while every core is busy made the writer slower (10 copies of the notes
// 4.9 -> 5.2 s). Workers stay at most kWindow files and kBytesAhead bytes
// of notes ahead of the consumer (but one file always may go): a file's
// documents take some 80 times its size in memory until they are written,
// and the writer is the slower side, so an unbounded lead would hold the
// whole corpus in memory for nothing.
//
// Once out of jobs, a worker frees the documents it built as they come
// back (DocumentReturns) and ends when all have; the destructor waits for
// that, so keep the pool until the writers are done with the documents.
// Consume is called once, on one thread.
class FileWorkers {
 public:
  FileWorkers(const std::vector<FileJob>& jobs, const AnalysisSettings& settings,
              std::shared_future<const EntityExtractor*> extractor, unsigned threads)
      : jobs_(jobs), settings_(settings), extractor_(std::move(extractor)), handed_(jobs.size()) {
    bytes_before_.assign(jobs.size() + 1, 0);
    for (std::size_t i = 0; i < jobs.size(); ++i) bytes_before_[i + 1] = bytes_before_[i] + jobs[i].size;
    const unsigned count = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(jobs.size())));
    for (unsigned t = 0; t < count; ++t) threads_.emplace_back([this] { Work(); });
  }
  FileWorkers(const FileWorkers&) = delete;
  FileWorkers& operator=(const FileWorkers&) = delete;
  ~FileWorkers() {
    {
      // Left early (an exception): workers stop waiting for the consumer,
      // and get back what it left here.
      std::lock_guard lock(mutex_);
      stopping_ = true;
      handed_.clear();
      changed_.notify_all();
    }
    for (std::thread& thread : threads_) thread.join();
  }

  void Consume(const std::function<void(std::size_t, SpellingCounts&)>& consume_spelling,
               const std::function<void(std::size_t, DocumentBatch&)>& consume_batch,
               const std::function<void(std::size_t, FileOutcome&)>& consume) {
    for (std::size_t i = 0; i < jobs_.size();) {
      std::optional<SpellingCounts> spelling;
      std::deque<DocumentBatch> batches;
      std::optional<FileOutcome> outcome;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] {
          return handed_[i].spelling || !handed_[i].batches.empty() || handed_[i].outcome;
        });
        spelling.swap(handed_[i].spelling);
        batches.swap(handed_[i].batches);
        if (handed_[i].outcome) {  // handed over after its batches, all taken now
          outcome = std::move(handed_[i].outcome);
          handed_[i].outcome.reset();
          consumed_ = i + 1;
          changed_.notify_all();
        }
      }
      if (spelling) consume_spelling(i, *spelling);
      for (DocumentBatch& batch : batches) consume_batch(i, batch);
      if (outcome) consume(i++, *outcome);
    }
  }

 private:
  static constexpr std::size_t kWindow = 64;
  static constexpr std::uint64_t kBytesAhead = 1 << 20;

  struct Handed {  // what a job's worker handed over so far
    std::optional<SpellingCounts> spelling;  // before the batches
    std::deque<DocumentBatch> batches;
    std::optional<FileOutcome> outcome;  // after the last batch
  };

  void Work() {
    DocumentReturns returns;  // outlives every document built here
    const Analyzer analyzer = MakeAnalyzer(settings_);
    DocumentBuilder builder(analyzer, extractor_);
    while (true) {
      const std::size_t i = next_++;
      if (i >= jobs_.size()) break;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] {
          return stopping_ || i == consumed_ ||
                 (i < consumed_ + kWindow && bytes_before_[i] - bytes_before_[consumed_] < kBytesAhead);
        });
        if (stopping_) break;
      }
      auto stream_spelling = [&](SpellingCounts& spelling) {
        std::lock_guard lock(mutex_);
        if (i != consumed_ || stopping_) return;
        handed_[i].spelling = std::move(spelling);
        spelling.clear();
        changed_.notify_all();
      };
      auto stream = [&](DocumentBatch& documents) {
        std::lock_guard lock(mutex_);
        if (i != consumed_ || stopping_) return;
        handed_[i].batches.push_back(std::move(documents));  // leaves it empty
        changed_.notify_all();
      };
      FileOutcome outcome;
      try {
        outcome = ProcessFile(jobs_[i], builder, returns, stream_spelling, stream);
      } catch (const std::exception& e) {
        outcome = FileOutcome{};
        outcome.status = SourceFile::Status::kUnreadable;
        outcome.error = std::string("internal error while indexing: ") + e.what();
      }
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      handed_[i].outcome = std::move(outcome);
      changed_.notify_all();
    }
    returns.FreeAllOnceReturned();
  }

  const std::vector<FileJob>& jobs_;
  const AnalysisSettings& settings_;
  const std::shared_future<const EntityExtractor*> extractor_;
  std::vector<std::uint64_t> bytes_before_;  // of the jobs before each
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Handed> handed_;
  std::size_t consumed_ = 0;
  bool stopping_ = false;
  std::atomic<std::size_t> next_{0};
  std::vector<std::thread> threads_;
};

// The other names of curated entries (not GeoNames' cities, whose names are
// their canonical names), for field queries to resolve like the indexer.
EntityAliases AliasesOf(const Gazetteer& gazetteer) {
  EntityAliases aliases;
  for (const GazetteerEntry& entry : gazetteer.entries()) {
    if (!entry.curated) continue;
    for (const GazetteerName& name : entry.names) {
      aliases.Add(EntityTypeName(entry.type), Analyzer::Normalize(name.text), entry.canonical);
    }
  }
  return aliases;
}

std::vector<fs::path> RecordedRoots(const Xapian::Database& db) {
  std::vector<fs::path> roots;
  const nlohmann::json json = nlohmann::json::parse(db.get_metadata(metadata_keys::kRoots), nullptr, false);
  if (json.is_array()) {
    for (const auto& root : json) {
      if (root.is_string()) roots.emplace_back(root.get<std::string>());
    }
  }
  return roots;
}

// One shard's writer: its WritableDatabase and a thread that applies the
// operations queued for it, in order, so that shards are written in
// parallel. An error on the thread is rethrown by Close.
class ShardWriter {
 public:
  // `write_columns`: keep the searcher's columns file of the generation
  // (doc_columns.h) in step with each commit.
  ShardWriter(const fs::path& generation, bool create, bool write_columns)
      : generation_(generation), create_(create), write_columns_(write_columns) {
    try {
      if (create) fs::create_directories(generation.parent_path());
      db_ = Xapian::WritableDatabase(generation.string(), create ? Xapian::DB_CREATE : Xapian::DB_OPEN);
      opened_revision_ = db_.get_revision();
    } catch (const Xapian::Error& e) {
      throw IndexError("cannot open " + generation.string() + " for writing: " + e.get_msg());
    }
    // One transaction: a run killed half-way leaves the last commit intact.
    if (!create) db_.begin_transaction();
    thread_ = std::thread([this] { Loop(); });
  }
  ~ShardWriter() {
    if (thread_.joinable()) Stop();
  }

  const fs::path& generation() const { return generation_; }

  // Queues work on the shard's database; blocks while kMaxQueued such
  // tasks wait.
  void Queue(std::function<void(Xapian::WritableDatabase&)> task) { Push(std::move(task), /*counted=*/true); }

  // Like Queue, for work that adds or deletes documents.
  void QueueDocumentChange(std::function<void(Xapian::WritableDatabase&)> task) {
    documents_changed_ = true;
    Queue(std::move(task));
  }

  // Queues a batch of a file's documents without blocking: the file's last
  // task (QueueDocumentChange) counts for all of them. Were each batch
  // counted, the batches of a large file would fill this queue while
  // another shard's writer, whose next file comes after it, ran dry.
  void QueueBatch(std::function<void(Xapian::WritableDatabase&)> task) {
    documents_changed_ = true;
    Push(std::move(task), /*counted=*/false);
  }

  // Queues the commit behind the work queued so far, so that shards commit
  // on their own threads, together. Nothing more may be queued.
  void Commit() {
    Queue([this](Xapian::WritableDatabase& db) { create_ ? db.commit() : db.commit_transaction(); });
  }

  // After Commit: waits for it, writes the columns file and closes. A
  // columns file that cannot be written is a warning: searches then read
  // the values from the index.
  void Close(const std::function<void(const Diagnostic&)>& diagnose) {
    Stop();
    if (error_) std::rethrow_exception(error_);
    if (write_columns_) {
      const fs::path columns = index_store::ColumnsFile(generation_);
      try {
        // A run that changed no document only carries the file over.
        if (documents_changed_ || !DocColumns::Restamp(columns, db_, opened_revision_)) DocColumns::Write(db_, columns);
      } catch (const IndexError& e) {
        std::error_code ignored;
        fs::remove(columns, ignored);  // a stale file would never be used, but is no use either
        diagnose({Diagnostic::Severity::kWarning, columns.string(), 0,
                  std::string(e.what()) + "; searches will be slower until the next index run"});
      }
    }
    db_.close();
  }

 private:
  // Each task may hold a file's documents: a short queue keeps the writer
  // busy without holding many files in memory.
  static constexpr std::size_t kMaxQueued = 2;

  struct Task {
    std::function<void(Xapian::WritableDatabase&)> run;  // empty: the end
    bool counted;  // against kMaxQueued
  };

  void Push(std::function<void(Xapian::WritableDatabase&)> run, bool counted) {
    std::unique_lock lock(mutex_);
    if (counted) {
      changed_.wait(lock, [&] { return counted_ < kMaxQueued; });
      ++counted_;
    }
    tasks_.push_back({std::move(run), counted});
    changed_.notify_all();
  }

  void Stop() {
    Queue({});  // an empty task ends the loop
    thread_.join();
  }

  void Loop() {
    while (true) {
      std::function<void(Xapian::WritableDatabase&)> task;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !tasks_.empty(); });
        task = std::move(tasks_.front().run);
        if (tasks_.front().counted) --counted_;
        tasks_.pop_front();
        changed_.notify_all();
      }
      if (!task) return;
      if (error_) continue;  // keep draining after an error
      try {
        task(db_);
      } catch (...) {
        error_ = std::current_exception();
      }
    }
  }

  fs::path generation_;
  bool create_;
  bool write_columns_;
  bool documents_changed_ = false;  // set on the caller's thread
  Xapian::rev opened_revision_ = 0;
  Xapian::WritableDatabase db_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Task> tasks_;
  std::size_t counted_ = 0;  // tasks_ counted against kMaxQueued
  std::exception_ptr error_;
  std::thread thread_;
};

// Shards share most metadata keys: the lexicons and aliases are unions, the
// last run is the latest; the rest is equal in every shard.
class MetadataMerger : public Xapian::Compactor {
 public:
  std::string resolve_duplicate_metadata(const std::string& table_key, std::size_t count,
                                         const std::string tags[]) override {
    // Xapian 1.4 passes the key as its table stores it, after "\0\xc0".
    std::string_view key = table_key;
    if (key.starts_with(std::string_view("\0\xc0", 2))) key.remove_prefix(2);
    if (key == metadata_keys::kLexicon) {
      ContextLexicon merged;
      for (std::size_t i = 0; i < count; ++i) {
        const ContextLexicon lexicon = ContextLexicon::Decode(tags[i]);
        for (const ContextEntry& entry : lexicon.entries()) merged.Add(entry);
      }
      return merged.Encode();
    }
    if (key == metadata_keys::kAliases || key == metadata_keys::kPageAliases) {
      EntityAliases merged;
      for (std::size_t i = 0; i < count; ++i) merged.Merge(EntityAliases::Decode(tags[i]));
      return merged.Encode();
    }
    if (key == metadata_keys::kLastIndexed) return *std::max_element(tags, tags + count);
    return tags[0];
  }
};

// The shards `generations` of the index in `dir` compacted into one new,
// unpublished generation with its columns file (removed again on failure).
fs::path MergeShards(const fs::path& dir, const std::vector<fs::path>& generations) {
  Xapian::Database all;
  for (const fs::path& generation : generations) all.add_database(index_store::OpenForReading(dir, generation));
  const fs::path merged = index_store::NextGeneration(dir);
  MetadataMerger merger;
  try {
    all.compact(merged.string(), Xapian::DBCOMPACT_MULTIPASS, 0, merger);
  } catch (const Xapian::Error& e) {
    std::error_code error;
    fs::remove_all(merged, error);
    throw IndexError("compacting " + dir.string() + " failed: " + e.get_msg());
  }
  try {
    DocColumns::Write(Xapian::Database(merged.string()), index_store::ColumnsFile(merged));
  } catch (const IndexError&) {
    std::error_code error;
    fs::remove_all(merged, error);
    throw;
  }
  return merged;
}

}  // namespace

void SetXapianFlushThreshold() {
  ::setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(kBlockFlushThreshold).c_str(), /*overwrite=*/0);
}

IndexReport UpdateIndex(const IndexOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const fs::path dir = fs::absolute(options.database).lexically_normal();
  WriteLock lock = WriteLock::Acquire(dir, options.wait_for_lock);
  IndexReport report;
  auto diagnose = [&](const Diagnostic& d) {
    ++report.warnings;
    if (options.on_diagnostic) options.on_diagnostic(d);
  };

  // The current generations, if any, tell the roots, the settings, the
  // shard count and what each file was.
  const std::vector<fs::path> current = index_store::CurrentGenerations(dir);
  std::vector<Xapian::Database> previous;
  std::vector<fs::path> recorded_roots;
  for (const fs::path& generation : current) {
    try {
      previous.emplace_back(generation.string());
      if (recorded_roots.empty()) recorded_roots = RecordedRoots(previous.back());
    } catch (const Xapian::Error& e) {
      // A rebuild replaces a damaged index; anything else needs one.
      if (!options.rebuild) {
        throw IndexError("the index at " + dir.string() + " cannot be read (" + e.get_msg() +
                         "); rebuild it with: notesearch index --rebuild --db " + dir.string() + " [PATH...]");
      }
    }
  }
  const std::size_t shards = options.shards != 0 ? options.shards : std::max<std::size_t>(1, current.size());
  bool rebuild = options.rebuild || current.empty() || previous.size() != current.size();
  if (options.rebuild) report.rebuild_reason = "--rebuild";
  if (!rebuild && shards != current.size()) {
    rebuild = true;
    report.rebuild_reason = "the shard count changed (" + std::to_string(current.size()) + " -> " +
                            std::to_string(shards) + ")";
  }
  if (!rebuild) {
    const auto recorded = AnalysisSettings::FromJson(previous.front().get_metadata(metadata_keys::kAnalysis));
    if (!recorded) {
      rebuild = true;
      report.rebuild_reason = "the index was built by another version of notesearch";
    } else if (!(*recorded == options.analysis)) {
      rebuild = true;
      report.rebuild_reason = "the analysis settings changed (language " + recorded->language + " -> " +
                              options.analysis.language + ", the protected words or the gazetteers)";
    }
  }
  report.rebuilt = rebuild && !current.empty();

  report.roots = options.roots.empty() ? recorded_roots : options.roots;
  if (report.roots.empty()) throw UsageError("no paths to index: name the notes files or directories");
  for (fs::path& root : report.roots) root = fs::absolute(root).lexically_normal();

  std::vector<Diagnostic> walk_diagnostics;
  const std::vector<fs::path> files = FindNotesFiles(report.roots, &walk_diagnostics);
  for (const Diagnostic& d : walk_diagnostics) {
    // A mistyped root must not empty the index of everything it held.
    if (d.severity == Diagnostic::Severity::kError) {
      throw UsageError(d.file + ": " + d.message + "; the index was not changed");
    }
    diagnose(d);
  }
  report.files_found = files.size();

  std::map<std::string, FileRecord> records;
  // The shard that holds each file: where its path hashes to, unless the
  // shards are those of a new index whose merge failed, whose writers
  // shared the files out by size.
  std::map<std::string, std::size_t> held_by;
  if (!rebuild) {
    for (std::size_t k = 0; k < previous.size(); ++k) {
      for (FileRecord& record : ReadFileRecords(previous[k])) {
        held_by[record.path] = k;
        records[record.path] = std::move(record);
      }
    }
  }
  previous.clear();

  std::vector<FileJob> jobs;
  std::map<std::string, bool> seen;
  for (const fs::path& file : files) {
    seen[file.string()] = true;
    const auto stat = SizeAndMtime(file);
    if (!stat) {
      diagnose({Diagnostic::Severity::kWarning, file.string(), 0, "vanished before it could be read"});
      continue;
    }
    auto record = records.find(file.string());
    if (record != records.end() && record->second.size == stat->first &&
        record->second.mtime_ns == stat->second) {
      ++report.files_unchanged;
      continue;
    }
    FileJob job{file, stat->first, stat->second, std::nullopt};
    if (record != records.end()) job.previous = record->second;
    jobs.push_back(std::move(job));
  }

  // A new index of enough text is written as shards in parallel and merged
  // into one at the end: Xapian's writer is most of an index run and takes
  // one core, and merging is quick (xapian-compact; 0.36 s for 10 copies
  // of the notes, written in 5.0 s instead of 6.7 s by one writer).
  std::uint64_t bytes_to_index = 0;
  for (const FileJob& job : jobs) bytes_to_index += job.size;
  const bool merge_shards = rebuild && options.shards == 0 && shards == 1 &&
                            bytes_to_index >= options.parallel_build_bytes &&
                            std::thread::hardware_concurrency() >= kParallelBuildShards;
  const std::size_t writing = merge_shards ? kParallelBuildShards : shards;
  std::vector<std::unique_ptr<ShardWriter>> writers;
  for (std::size_t k = 0; k < writing; ++k) {
    const fs::path generation = rebuild ? index_store::NextGeneration(index_store::ShardDirectory(dir, k, writing))
                                        : current[k];
    // Each shard kept has its columns (the searcher interleaves them);
    // shards merged at the end do not need theirs.
    writers.push_back(std::make_unique<ShardWriter>(generation, rebuild, /*write_columns=*/!merge_shards));
  }
  // A new file goes to the shard its path hashes to, a file the index holds
  // stays in its shard; shards that are merged at the end may hold any
  // file, and are given even shares of the text (by path, one writer got 6
  // of 10 copies of the notes and ended a second after the other).
  std::map<std::string, std::size_t> merged_shard_of;
  if (merge_shards) {
    std::vector<std::uint64_t> sizes;
    for (const FileJob& job : jobs) sizes.push_back(job.size);
    const std::vector<std::size_t> shard = index_store::EvenShards(sizes, writing);
    for (std::size_t i = 0; i < jobs.size(); ++i) merged_shard_of[jobs[i].path.string()] = shard[i];
  }
  auto shard_of = [&](const std::string& path) {
    if (merge_shards) return merged_shard_of.at(path);
    const auto held = held_by.find(path);
    return held != held_by.end() ? held->second : index_store::ShardOf(path, writing);
  };
  auto writer_of = [&](const std::string& path) -> ShardWriter& { return *writers[shard_of(path)]; };
  auto forget = [&](const FileRecord& record) {
    writer_of(record.path).QueueDocumentChange([record](Xapian::WritableDatabase& db) {
      DeleteFileDocuments(db, record);
      db.set_metadata(FileRecordKey(record.path), "");
    });
  };
  std::map<std::uint64_t, std::string> removed_by_hash;  // to recognise renames
  for (const auto& [path, record] : records) {
    if (seen.contains(path)) continue;
    forget(record);
    ++report.files_removed;
    removed_by_hash.emplace(record.content_hash, path);
  }
  std::erase_if(records, [&](const auto& entry) { return !seen.contains(entry.first); });

  // Entities need the gazetteers and an extractor built from them (some
  // 40 ms), only when some file is to be indexed: built on a thread of their
  // own while the workers read, parse and analyse the first files, which
  // wait for them only to extract entities (one copy of the notes 0.47 ->
  // 0.44 s).
  std::optional<Gazetteer> gazetteer;
  std::optional<Analyzer> name_analyzer;
  std::optional<EntityExtractor> extractor;
  std::vector<Diagnostic> gazetteer_problems;
  std::promise<const EntityExtractor*> extractor_built;
  const std::shared_future<const EntityExtractor*> extractor_ready = extractor_built.get_future().share();
  std::jthread extractor_builder;  // joined on the way out, however left
  if (options.extract_entities && !jobs.empty()) {
    extractor_builder = std::jthread([&] {
      try {
        gazetteer.emplace(Gazetteer::Load(options.gazetteer_dir, /*with_cities=*/true, &gazetteer_problems));
        name_analyzer.emplace(MakeAnalyzer(options.analysis));
        extractor.emplace(*gazetteer, *name_analyzer);
        extractor_built.set_value(&*extractor);
      } catch (...) {
        extractor_built.set_exception(std::current_exception());
      }
    });
  } else {
    extractor_built.set_value(nullptr);
  }

  std::atomic<std::uint64_t> blocks_kept{0}, blocks_moved{0};  // added to on the writers' threads
  std::uint64_t changed_file_blocks = 0;  // blocks of files the index held before
  IndexProgress progress{0, jobs.size(), 0};
  const unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::size_t streamed = 0;  // documents of the current job added from its batches
  std::string streamed_spelling;  // the current job's, added before its documents (encoded)
  auto add_spelling = [&](std::size_t i, SpellingCounts& spelling) {
    streamed_spelling = EncodeSpelling(spelling);
    writer_of(jobs[i].path.string()).QueueBatch([spelling = std::move(spelling)](Xapian::WritableDatabase& db) {
      UpdateSpelling(db, "", spelling);
    });
  };
  auto add_batch = [&](std::size_t i, DocumentBatch& batch) {
    streamed += batch.size();
    // Shared: a task is a std::function, which must be copyable.
    writer_of(jobs[i].path.string())
        .QueueBatch([batch = std::make_shared<DocumentBatch>(std::move(batch))](Xapian::WritableDatabase& db) {
          for (const Xapian::Document& doc : batch->documents()) db.add_document(doc);
        });
  };
  FileWorkers workers(jobs, options.analysis, extractor_ready, threads);
  workers.Consume(add_spelling, add_batch, [&](std::size_t i, FileOutcome& outcome) {
    const std::string path = jobs[i].path.string();
    for (const Diagnostic& warning : outcome.warnings) diagnose(warning);
    if (outcome.status != SourceFile::Status::kText) {
      diagnose({Diagnostic::Severity::kWarning, path, 0,
                outcome.status == SourceFile::Status::kBinary ? "binary file skipped"
                                                              : "cannot read (" + outcome.error + "); skipped"});
      ++report.files_skipped;
      if (jobs[i].previous) {
        forget(*jobs[i].previous);
        records.erase(path);
      } else if (streamed != 0 || !streamed_spelling.empty()) {  // failed after some of it went to the writer
        writer_of(path).QueueDocumentChange(
            [term = PathTerm(path), spelling = streamed_spelling](Xapian::WritableDatabase& db) {
              db.delete_document(term);
              UpdateSpelling(db, spelling, {});
            });
      }
    } else if (outcome.content_unchanged) {
      ++report.files_unchanged;
      writer_of(path).Queue([record = outcome.record](Xapian::WritableDatabase& db) {
        db.set_metadata(FileRecordKey(record.path), record.ToJson());
      });
      records[path] = outcome.record;
    } else {
      ++report.files_indexed;
      if (auto moved = removed_by_hash.find(outcome.record.content_hash);
          !jobs[i].previous && moved != removed_by_hash.end()) {
        report.renamed.emplace_back(moved->second, path);
        removed_by_hash.erase(moved);
        --report.files_removed;
        --report.files_indexed;
      }
      report.bytes_indexed += jobs[i].size;
      report.bullets += outcome.record.bullets;
      report.paragraphs += outcome.record.paragraphs;
      report.headings += outcome.record.headings;
      report.skipped_bullets += outcome.skipped;
      progress.blocks += streamed + outcome.documents.size();
      if (jobs[i].previous) changed_file_blocks += outcome.documents.size();  // none streamed
      records[path] = outcome.record;
      writer_of(path).QueueDocumentChange([documents = std::make_shared<DocumentBatch>(std::move(outcome.documents)),
                                           spelling = std::move(outcome.spelling),
                                           record = std::move(outcome.record), previous = jobs[i].previous,
                                           &blocks_kept, &blocks_moved](Xapian::WritableDatabase& db) {
        if (previous) {
          const FileWrite write = WriteFileDocuments(db, record.path, documents->documents());
          blocks_kept += write.kept;
          blocks_moved += write.moved;
        } else {  // no old documents to match; any streamed are added already
          for (const Xapian::Document& doc : documents->documents()) db.add_document(doc);
        }
        UpdateSpelling(db, previous ? previous->spelling : "", spelling);
        db.set_metadata(FileRecordKey(record.path), record.ToJson());
      });
    }
    streamed = 0;
    streamed_spelling.clear();
    ++progress.files_done;
    if (options.on_progress) options.on_progress(progress);
  });
  if (extractor_builder.joinable()) extractor_builder.join();
  for (const Diagnostic& d : gazetteer_problems) diagnose(d);
  extractor_ready.get();  // throws what building it threw
  const std::optional<std::string> aliases =
      gazetteer ? std::optional<std::string>(AliasesOf(*gazetteer).Encode()) : std::nullopt;
  // Freed while the writers finish, rather than after: nothing is queued
  // before all of this is done, as queueing waits while a writer is behind.
  extractor.reset();
  name_analyzer.reset();
  gazetteer.reset();

  // What every shard records, and each shard's share of the lexicon.
  nlohmann::json roots = nlohmann::json::array();
  for (const fs::path& root : report.roots) roots.push_back(root.string());
  std::vector<ContextLexicon> lexicons(writing);
  std::vector<EntityAliases> page_aliases(writing);
  for (const auto& [path, record] : records) {
    for (const ContextEntry& entry : record.context) lexicons[shard_of(path)].Add(entry);
    page_aliases[shard_of(path)].AddNamesOfOne("page", record.page_names);
  }
  const std::string analysis = options.analysis.ToJson();
  const std::string now = std::to_string(std::time(nullptr));
  std::vector<std::string> lexicon_of_shard, pages_of_shard;
  for (std::size_t k = 0; k < writing; ++k) {
    lexicon_of_shard.push_back(lexicons[k].Encode());
    pages_of_shard.push_back(page_aliases[k].Encode());
  }
  for (std::size_t k = 0; k < writing; ++k) {
    writers[k]->Queue([roots = roots.dump(), lexicon = std::move(lexicon_of_shard[k]),
                       pages = std::move(pages_of_shard[k]), analysis, now, aliases](Xapian::WritableDatabase& db) {
      if (aliases) db.set_metadata(metadata_keys::kAliases, *aliases);
      db.set_metadata(metadata_keys::kRoots, roots);
      db.set_metadata(metadata_keys::kLexicon, lexicon);
      db.set_metadata(metadata_keys::kPageAliases, pages);
      db.set_metadata(metadata_keys::kAnalysis, analysis);
      db.set_metadata(metadata_keys::kLastIndexed, now);
    });
  }
  // Each shard's commit is atomic and each file lives in one shard, so a run
  // killed while they commit leaves every file either as it was or as it is
  // now.
  for (auto& writer : writers) writer->Commit();
  std::vector<fs::path> generations;
  for (auto& writer : writers) {
    writer->Close(diagnose);
    generations.push_back(writer->generation());
  }
  report.blocks_kept = blocks_kept;
  report.blocks_moved = blocks_moved;
  report.blocks_rewritten = changed_file_blocks - blocks_kept - blocks_moved;
  if (merge_shards) {
    // Published merged or not at all: a run stopped here leaves the index
    // as it was. A merge that fails (a full disk) leaves the shards, which
    // are an index too.
    try {
      generations = {MergeShards(dir, generations)};
      report.merged_shards = writing;
    } catch (const IndexError& e) {
      diagnose({Diagnostic::Severity::kWarning, dir.string(), 0,
                std::string(e.what()) + "; the index is kept as " + std::to_string(writing) +
                    " shards (`notesearch compact` merges them)"});
    }
  }
  if (rebuild) index_store::Publish(dir, generations);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

std::size_t CompactIndex(const fs::path& database, bool wait_for_lock) {
  const fs::path dir = fs::absolute(database).lexically_normal();
  index_store::RequireIndex(dir);
  WriteLock lock = WriteLock::Acquire(dir, wait_for_lock);
  const std::vector<fs::path> current = index_store::CurrentGenerations(dir);
  index_store::Publish(dir, {MergeShards(dir, current)});
  return current.size();
}

}  // namespace notesearch
