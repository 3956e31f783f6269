// The on-disk layout of an index directory, and the records kept in its
// Xapian metadata.
//
//   DIR/XAPIANDB    Xapian stub naming the current generation of each shard
//                   ("auto gen-3", or "auto shard-0/gen-2" and "auto
//                   shard-1/gen-2"); Xapian opens DIR through it as one
//                   database, so other Xapian tools can read it too
//   DIR/gen-3/      the glass database of a one-shard index, and in it
//                   notesearch.columns, the values searches read for every
//                   match, written after each commit (searcher/doc_columns.h)
//   DIR/shard-K/gen-N/  those of a sharded index (files split by path hash)
//   DIR/write.lock  held with flock() by the one writer; holds its PID
//
// A rebuild fills new generations and then swaps the stub with rename(2):
// readers see the old index or the new one, never a mix.
// Thread-safety: functions are safe to call concurrently; a WriteLock
// object belongs to one thread.
#ifndef NOTESEARCH_CORE_INDEX_STORE_H_
#define NOTESEARCH_CORE_INDEX_STORE_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/context_lexicon.h"

namespace notesearch {

namespace metadata_keys {
inline constexpr const char* kAnalysis = "notesearch.analysis";      // AnalysisSettings JSON
inline constexpr const char* kRoots = "notesearch.roots";            // JSON array of paths
inline constexpr const char* kLastIndexed = "notesearch.last_indexed";  // seconds since epoch
inline constexpr const char* kFilePrefix = "file:";                  // + path: FileRecord JSON
inline constexpr const char* kLexicon = "notesearch.lexicon";        // ContextLexicon record
inline constexpr const char* kAliases = "notesearch.aliases";        // EntityAliases record, of the gazetteers
inline constexpr const char* kPageAliases = "notesearch.page_aliases";  // EntityAliases record, of the pages
}  // namespace metadata_keys

// What the index remembers of one source file, to skip it when unchanged.
struct FileRecord {
  std::string path;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t content_hash = 0;
  std::uint64_t bullets = 0;
  std::uint64_t paragraphs = 0;
  std::uint64_t headings = 0;
  std::uint64_t skipped_empty = 0;
  std::uint64_t skipped_wordless = 0;
  std::vector<ContextEntry> context;  // its headings and list intros
  // "word\tcount\n" for each word of its text: what it added to the spelling
  // data, to take out again when the file changes or goes.
  std::string spelling;
  // The names of the page it is, when it gives the page other names
  // (indexer/page_links.h PageNamesOf).
  std::vector<std::string> page_names;

  std::string ToJson() const;
  static std::optional<FileRecord> FromJson(const std::string& json);
};

std::vector<FileRecord> ReadFileRecords(const Xapian::Database& db);
// The paths of the files `db` holds, without reading their records but for
// long paths (FileRecordKey). Of one database: a Xapian::Database of several
// reads only the first one's metadata.
std::vector<std::string> ReadIndexedPaths(const Xapian::Database& db);
// Metadata keys are limited in length; long paths are hashed into the key
// (the record itself always holds the full path).
std::string FileRecordKey(const std::string& path);

namespace index_store {

// True when DIR holds a notesearch index.
bool Exists(const std::filesystem::path& dir);

// Opens one generation for reading. Throws IndexError with the command to
// run when it is damaged or not a notesearch index.
Xapian::Database OpenForReading(const std::filesystem::path& dir, const std::filesystem::path& generation);
// Throws IndexError with the command to build one when DIR has no index.
void RequireIndex(const std::filesystem::path& dir);

// The current generation of each shard (empty if there is no index).
std::vector<std::filesystem::path> CurrentGenerations(const std::filesystem::path& dir);

// The directory that holds shard `shard` of `shards` (DIR itself for one).
std::filesystem::path ShardDirectory(const std::filesystem::path& dir, std::size_t shard, std::size_t shards);
// The shard a file's bullets go to.
std::size_t ShardOf(const std::string& path, std::size_t shards);
// Shards for files of `sizes` (bytes) that are written in parallel and
// merged, so that may go anywhere: each file in turn goes to the shard with
// the fewest bytes so far, and the writers finish together. One per file.
std::vector<std::size_t> EvenShards(std::span<const std::uint64_t> sizes, std::size_t shards);

// A fresh, empty generation directory path in `shard_dir` (not yet created).
std::filesystem::path NextGeneration(const std::filesystem::path& shard_dir);

// Makes `generations` (one per shard) current with an atomic stub swap and
// removes every other generation and unused shard directory.
void Publish(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& generations);

// The columns file of a generation (searcher/doc_columns.h).
std::filesystem::path ColumnsFile(const std::filesystem::path& generation);

// Changes whenever a writer commits to `generation`, writes its columns
// file or publishes another generation: three stat() calls, cheap enough
// to check before every search.
std::string ChangeStamp(const std::filesystem::path& dir, const std::filesystem::path& generation);

// Bytes used by DIR on disk.
std::uint64_t DiskUsage(const std::filesystem::path& dir);

}  // namespace index_store

// The writer's lock on DIR. Throws IndexError naming the PID of the process
// that holds it, unless `wait` is set, in which case it blocks until free.
class WriteLock {
 public:
  static WriteLock Acquire(const std::filesystem::path& dir, bool wait);
  WriteLock(WriteLock&& other) noexcept;
  WriteLock& operator=(WriteLock&&) = delete;
  ~WriteLock();

 private:
  explicit WriteLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_CORE_INDEX_STORE_H_
