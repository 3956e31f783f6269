// Brings an index directory up to date with notes files on disk.
//
// Files whose size, mtime and content hash are unchanged since the last run
// are skipped; changed files have their documents replaced; files that are
// gone have theirs removed. One run is one Xapian transaction: if it is
// killed at any moment, the previous index stays intact and searchable.
// A rebuild (asked for, or forced by changed analysis settings) fills a new
// generation and swaps it in atomically.
//
// Files are parsed and analysed on worker threads; one thread writes.
// Thread-safety: UpdateIndex may be called from any thread; concurrent calls
// on the same directory are serialised by its WriteLock (the second one
// fails with IndexError unless options.wait is set).
#ifndef NOTESEARCH_INDEXER_INDEXER_H_
#define NOTESEARCH_INDEXER_INDEXER_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "analysis/analysis_settings.h"
#include "core/diagnostic.h"
#include "indexer/outline_parser.h"

namespace notesearch {

struct IndexProgress {
  std::size_t files_done = 0;
  std::size_t files_total = 0;
  std::uint64_t blocks = 0;
};

struct IndexOptions {
  std::filesystem::path database;
  // The files and directories to index; the index then holds exactly these.
  // Empty: the roots recorded by the previous run.
  std::vector<std::filesystem::path> roots;
  bool rebuild = false;
  bool wait_for_lock = false;
  // Shards written in parallel, files split between them by path; 0 keeps
  // the index's current count (one database for a new index, written in
  // parallel and merged when there is much to index). A new count rebuilds.
  std::size_t shards = 0;
  // A new index of at least this much text (and a machine of two cores or
  // more) is written by two writers in parallel and merged into one
  // database; below it their start-up and the merge cost what they save
  // (one copy of the bundled notes, 0.7 MB, takes as long either way).
  std::uint64_t parallel_build_bytes = std::uint64_t{2} << 20;
  // Use AnalysisSettingsFor (gazetteer.h) to protect tool names from
  // stemming and record the gazetteers.
  AnalysisSettings analysis;
  bool extract_entities = true;
  std::filesystem::path gazetteer_dir;  // the user's gazetteer files, if any
  unsigned threads = 0;  // 0: one per core
  std::function<void(const IndexProgress&)> on_progress;  // called on the calling thread
  DiagnosticSink on_diagnostic;                          // called on the calling thread
};

struct IndexReport {
  std::size_t files_found = 0;
  std::size_t files_indexed = 0;    // new or changed, (re)indexed in this run
  std::size_t files_unchanged = 0;
  std::size_t files_removed = 0;    // gone from disk: their documents were deleted
  // Files gone from one path and found, unchanged, at another (a rename or
  // move): re-indexed under the new path, counted here rather than as
  // removed and indexed.
  std::vector<std::pair<std::string, std::string>> renamed;  // from, to
  std::size_t files_skipped = 0;    // binary or unreadable
  std::uint64_t bytes_indexed = 0;
  std::uint64_t bullets = 0;        // documents written in this run, by kind
  std::uint64_t paragraphs = 0;
  std::uint64_t headings = 0;
  SkippedCounts skipped_bullets;    // placeholders not indexed in this run
  // Blocks of changed files that came out as they were and were left in the
  // index as they are, those that came out as they were on other lines (a
  // line inserted or deleted above them) and were moved there, and the
  // other blocks of those files, written anew (all of bullets + paragraphs
  // + headings above, with new files' blocks).
  std::uint64_t blocks_kept = 0;
  std::uint64_t blocks_moved = 0;
  std::uint64_t blocks_rewritten = 0;
  std::size_t warnings = 0;
  bool rebuilt = false;
  std::string rebuild_reason;       // why a rebuild happened, if it did
  // Shards written in parallel and merged into the one database published
  // (a new index of much text); 0 when written as it is kept.
  std::size_t merged_shards = 0;
  std::vector<std::filesystem::path> roots;
  double seconds = 0;
};

// Throws IndexError (locked, unusable directory, no roots) and UsageError.
IndexReport UpdateIndex(const IndexOptions& options);

// Xapian's writer keeps postings in memory and flushes them every
// XAPIAN_FLUSH_THRESHOLD documents, 10,000 unless the environment says
// otherwise: a number for documents of about 18 terms, where a notesearch
// block has about 36 (context words, ids, entities). Sets the variable to
// kBlockFlushThreshold unless the environment already sets it: smaller
// buffers are quicker to fill, more flushes cost writes, and 3,500 did best
// for notes of up to ten copies of the bundled ones and cost 2 % on a
// hundred (README "Commands", `index`). It changes the environment: call
// it at start-up, before any thread runs.
inline constexpr int kBlockFlushThreshold = 3500;
void SetXapianFlushThreshold();

// Merges the shards of an index into one compacted database with Xapian's
// compactor (what xapian-compact does), merging their metadata, and swaps it
// in atomically. Also compacts a one-shard index. Returns the shard count
// it started from. Throws IndexError.
std::size_t CompactIndex(const std::filesystem::path& database, bool wait_for_lock);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_INDEXER_H_
