// Answers queries over one notesearch index: parses the query, analyses it
// as the index was analysed (settings read from the index), ranks with BM25
// and the field weights, and returns hits with their stored context and
// highlight spans.
//
// A Searcher reopens the index when it changed on disk (a re-index, or a
// rebuild that swapped generations), so a long-running server sees fresh
// results without a restart.
// Thread-safety: a Searcher owns a Xapian::Database and an Analyzer, neither
// of which is thread-safe: use one Searcher per thread.
#ifndef NOTESEARCH_SEARCHER_SEARCHER_H_
#define NOTESEARCH_SEARCHER_SEARCHER_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "core/block.h"
#include "core/context_lexicon.h"
#include "searcher/context_matcher.h"
#include "searcher/highlighter.h"
#include "searcher/ranking.h"

namespace notesearch {

inline constexpr std::size_t kMaxLimit = 1000;

struct SearchRequest {
  std::string query;
  std::size_t offset = 0;
  std::size_t limit = 10;  // at most kMaxLimit
};

struct Hit {
  StoredBlock stored;
  double score = 0;
  std::vector<Span> highlights;  // byte offsets into stored.block.text
};

struct SearchResponse {
  std::string query;
  std::uint64_t total = 0;  // exact number of matching blocks
  std::size_t offset = 0;
  std::size_t limit = 0;
  std::vector<Hit> hits;
  std::vector<std::string> notices;  // how the query was understood or fixed up
};

struct IndexStats {
  std::filesystem::path database;
  std::vector<std::string> roots;
  std::uint64_t files = 0;
  std::uint64_t documents = 0;
  std::uint64_t bullets = 0;
  std::uint64_t paragraphs = 0;
  std::uint64_t headings = 0;
  std::uint64_t skipped_empty = 0;
  std::uint64_t skipped_wordless = 0;
  std::uint64_t terms = 0;       // distinct terms
  std::uint64_t disk_bytes = 0;
  std::int64_t last_indexed = 0;  // seconds since the epoch
  std::string language;
};

class Searcher {
 public:
  // Throws IndexError when the index is missing or unusable.
  explicit Searcher(std::filesystem::path database, RankingWeights weights = {});
  ~Searcher();
  Searcher(Searcher&&) noexcept;

  // Throws UsageError for a bad query or out-of-range limit.
  SearchResponse Search(const SearchRequest& request);
  IndexStats Stats();

 private:
  void OpenIfChanged();
  void LoadLexicon();

  std::filesystem::path database_;
  std::filesystem::path generation_;
  std::string stamp_;  // index_store::ChangeStamp when last opened
  RankingWeights weights_;
  Xapian::Database db_;
  std::optional<Analyzer> analyzer_;
  ContextLexicon lexicon_;
  ContextMatcher context_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_SEARCHER_H_
