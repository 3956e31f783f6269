// The on-disk layout of an index directory, and the records kept in its
// Xapian metadata.
//
//   DIR/XAPIANDB    Xapian stub naming the current generation ("auto gen-3");
//                   Xapian opens DIR through it, so readers need nothing else
//   DIR/gen-3/      the glass database
//   DIR/write.lock  held with flock() by the one writer; holds its PID
//
// A rebuild fills a new generation and then swaps the stub with rename(2):
// readers see the old index or the new one, never a mix.
// Thread-safety: functions are safe to call concurrently; a WriteLock
// object belongs to one thread.
#ifndef NOTESEARCH_CORE_INDEX_STORE_H_
#define NOTESEARCH_CORE_INDEX_STORE_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/context_lexicon.h"

namespace notesearch {

namespace metadata_keys {
inline constexpr const char* kAnalysis = "notesearch.analysis";      // AnalysisSettings JSON
inline constexpr const char* kRoots = "notesearch.roots";            // JSON array of paths
inline constexpr const char* kLastIndexed = "notesearch.last_indexed";  // seconds since epoch
inline constexpr const char* kSkipped = "notesearch.skipped";        // JSON counts
inline constexpr const char* kFilePrefix = "file:";                  // + path: FileRecord JSON
inline constexpr const char* kLexicon = "notesearch.lexicon";        // ContextLexicon record
inline constexpr const char* kAliases = "notesearch.aliases";        // EntityAliases record
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

  std::string ToJson() const;
  static std::optional<FileRecord> FromJson(const std::string& json);
};

std::vector<FileRecord> ReadFileRecords(const Xapian::Database& db);
// Metadata keys are limited in length; long paths are hashed into the key
// (the record itself always holds the full path).
std::string FileRecordKey(const std::string& path);

namespace index_store {

// True when DIR holds a notesearch index.
bool Exists(const std::filesystem::path& dir);

// Opens the current generation for reading. Throws IndexError with the
// command to run when DIR is missing, damaged or not a notesearch index.
Xapian::Database OpenForReading(const std::filesystem::path& dir);

// The directory of the current generation; nullopt if there is none.
std::optional<std::filesystem::path> CurrentGeneration(const std::filesystem::path& dir);

// A fresh, empty generation directory path (not yet created).
std::filesystem::path NextGeneration(const std::filesystem::path& dir);

// Makes `generation` current (atomic stub swap) and removes older ones.
void Publish(const std::filesystem::path& dir, const std::filesystem::path& generation);

// Changes whenever a writer commits to `generation` or publishes another
// one: two stat() calls, cheap enough to check before every search.
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
