// Answers queries over a notesearch index — or several shards searched as
// one (local index directories, Xapian stub files, remote `tcp://HOST:PORT`
// shards served by xapian-tcpsrv): parses the query, analyses it as the
// index was analysed (settings read from the index), ranks with BM25 and the
// field weights, filters, counts facets over the whole match set, and
// returns hits with their stored context, entities and highlight spans.
//
// A Searcher reopens the index when it changed on disk (a re-index, or a
// rebuild that swapped generations), so a long-running server sees fresh
// results without a restart.
// Thread-safety: a Searcher owns Xapian::Database handles and an Analyzer,
// none of which is thread-safe: use one Searcher per thread. A search may
// read posting lists on a second thread of its own, joined before it returns.
#ifndef NOTESEARCH_SEARCHER_SEARCHER_H_
#define NOTESEARCH_SEARCHER_SEARCHER_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "core/block.h"
#include "core/context_lexicon.h"
#include "core/entity_aliases.h"
#include "searcher/context_matcher.h"
#include "searcher/highlighter.h"
#include "searcher/indexed_files.h"
#include "searcher/match_scorer.h"
#include "searcher/ranking.h"
#include "searcher/snippet.h"
#include "searcher/synonyms.h"

namespace notesearch {

class DocColumns;

inline constexpr std::size_t kMaxLimit = 1000;
inline constexpr std::size_t kMaxFacetLimit = 1000;

struct SearchRequest {
  std::string query;
  std::size_t offset = 0;
  std::size_t limit = 10;  // at most kMaxLimit
  std::vector<std::string> facets;  // field names with a facet slot
  std::size_t facet_limit = 10;     // values per facet, at most kMaxFacetLimit
  // (field, value): values of one field are ORed, fields are ANDed. Filters
  // restrict the results without changing their ranking.
  std::vector<std::pair<std::string, std::string>> filters;
  bool correct = true;  // correct words the index does not have
  bool last_word_prefix = false;  // search as you type: the last word is a prefix
  // Bullets with the same text (boilerplate repeated in many postings)
  // come back as one hit that lists the others' places.
  bool collapse = true;
};

struct Hit {
  StoredBlock stored;
  double score = 0;
  std::vector<Span> highlights;   // byte offsets into stored.block.text
  std::optional<Snippet> snippet;  // for long texts
  // Other bullets with the same text, collapsed into this hit.
  std::vector<std::pair<std::string, std::uint32_t>> also;  // file, line
};

struct FacetValue {
  std::string value;
  std::uint64_t count = 0;
};

struct Facet {
  std::string field;
  std::vector<FacetValue> values;  // by count, then value
};

struct SearchResponse {
  std::string query;
  std::uint64_t total = 0;  // exact number of hits (distinct texts when collapsing)
  std::uint64_t total_bullets = 0;  // exact number of matching blocks
  std::size_t offset = 0;
  std::size_t limit = 0;
  std::vector<Hit> hits;
  std::vector<Facet> facets;
  std::vector<std::pair<std::string, std::vector<std::string>>> filters;  // as applied, by field
  std::vector<std::string> notices;  // how the query was understood or fixed up
  // The query with its misspelled words corrected, when some were.
  std::optional<std::string> corrected;
};

// One block with what surrounds it, for `notesearch show` and editors.
struct BlockView {
  StoredBlock stored;
  std::vector<StoredBlock> children;
};

// A completion for search as you type.
struct Suggestion {
  std::string text;  // the whole query with its last words completed
  std::string kind;  // a field with names (Field::names: "tool", "page", ...) or "word"
  std::uint64_t count = 0;  // bullets with it
};

struct IndexStats {
  std::vector<std::string> databases;
  std::vector<std::string> roots;
  std::uint64_t files = 0;
  std::uint64_t documents = 0;
  std::uint64_t bullets = 0;
  std::uint64_t paragraphs = 0;
  std::uint64_t headings = 0;
  std::uint64_t skipped_empty = 0;
  std::uint64_t skipped_wordless = 0;
  std::uint64_t terms = 0;       // distinct terms
  std::uint64_t disk_bytes = 0;  // local shards only
  std::int64_t last_indexed = 0;  // seconds since the epoch
  std::string language;
};

class Searcher {
 public:
  // Throws IndexError when an index is missing or unusable, or when shards
  // were built with different analysis settings.
  explicit Searcher(std::vector<std::string> databases, RankingWeights weights = {});
  explicit Searcher(const std::filesystem::path& database, RankingWeights weights = {})
      : Searcher(std::vector<std::string>{database.string()}, std::move(weights)) {}
  ~Searcher();
  Searcher(Searcher&&) noexcept;

  // Throws UsageError for a bad query, filter, facet or out-of-range limit.
  // A query of no words with filters lists every bullet the filters keep,
  // in file and line order (browsing by facet).
  SearchResponse Search(const SearchRequest& request);
  // Facet counts over every block of the index.
  std::vector<Facet> FacetCounts(const std::vector<std::string>& fields, std::size_t limit);
  // The block at file:line (file absolute or relative to the working
  // directory; the line any line of the block, continuation lines too),
  // or nullopt when no indexed block is there.
  std::optional<BlockView> Show(const std::string& file, std::uint32_t line);
  // Completions of the last word of `query`: entity names first (by how
  // many bullets have them), then indexed words (by frequency).
  std::vector<Suggestion> Suggest(std::string_view query, std::size_t limit);
  IndexStats Stats();
  // Names the contents a search would read now (reopening the index if it
  // changed): equal snapshots give equal answers, for caching them. Nullopt
  // when changes cannot be seen from here (a remote shard or a stub file).
  std::optional<std::string> Snapshot();
  // Counting and ranking read facet values, text hashes and places from memory (see
  // doc_columns.h) rather than from the index: for tests and benchmarks.
  bool holds_values_in_memory() const { return columns_ != nullptr; }

 private:
  struct Shard;
  void OpenIfChanged();
  void OpenAll();
  void NoteValuesRead(Xapian::doccount matches);
  std::vector<Shard> OpenSpec(const std::string& spec);
  // The filters as one query; `notices` says which match nothing.
  Xapian::Query FilterQuery(const std::vector<std::pair<std::string, std::string>>& filters,
                            std::vector<std::pair<std::string, std::vector<std::string>>>* applied,
                            std::vector<std::string>* notices);
  // The files of every shard, read when a dir: clause or filter first needs them.
  const IndexedFiles& Files();
  // The first `limit` blocks `query` matches in file and line order, or
  // in reverse.
  Xapian::MSet Blocks(const Xapian::Query& query, Xapian::doccount limit, bool reverse);
  // Fill the response's hits, totals and facets for an enquire set up with
  // the query and weights; they choose the order and the collapsing.
  // `matches` builds the query's matches without its weights, for the
  // passes that only count (called only when one runs).
  // `weights` are the query's (QueryBuilder::query_weights).
  void Match(const SearchRequest& request, Xapian::Enquire& enquire, const QueryWeights& weights,
             const std::function<Xapian::Query()>& matches, const HighlightTerms& terms, SearchResponse& response);
  void MatchWithRemoteShards(const SearchRequest& request, Xapian::Enquire& enquire,
                             const std::function<Xapian::Query()>& matches, const HighlightTerms& terms,
                             SearchResponse& response);
  Hit MakeHit(Xapian::docid doc, double weight, const HighlightTerms& terms) const;
  // A second handle on the revision of a local index of one database, for
  // reading long posting lists on two threads; null otherwise.
  const Xapian::Database* SecondHandle();
  std::vector<std::pair<std::string, std::string>> PlacesOfPageTexts(const Xapian::Query& query,
                                                                     const std::vector<std::string>& texts);
  // How many documents match `query`, counted exactly.
  std::uint64_t CountMatches(const Xapian::Query& query);

  std::vector<std::string> specs_;
  std::vector<Shard> shards_;
  bool remote_ = false;  // some shard is remote: no spelling data
  RankingWeights weights_;
  Xapian::Database db_;  // all shards
  Xapian::Database local_shards_;  // those not remote: they have spelling data
  std::optional<Xapian::Database> second_handle_;  // opened when first needed
  std::optional<Analyzer> analyzer_;
  std::string language_;  // the index's stemming language
  ContextLexicon lexicon_;
  ContextMatcher context_;
  EntityAliases aliases_;
  Synonyms synonyms_;
  std::vector<Facet> entity_names_;  // for Suggest; refreshed when the index changes
  std::shared_ptr<const DocColumns> columns_;  // once counting has read enough values
  std::optional<IndexedFiles> files_;          // refreshed when the index changes
  // Of the local shards as opened (QueryBuilder::set_term_frequencies).
  std::unordered_map<std::string, Xapian::doccount> term_frequencies_;
  std::uint64_t values_read_ = 0;              // documents whose values counting read
};

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_SEARCHER_H_
