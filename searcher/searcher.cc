#include "searcher/searcher.h"

#include <nlohmann/json.hpp>

#include "analysis/analysis_settings.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/index_store.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"

namespace notesearch {

namespace {

// A writer can commit between our reads; Xapian then throws
// DatabaseModifiedError and a reopen sees the new revision.
constexpr int kMaxReopenAttempts = 3;

}  // namespace

Searcher::Searcher(std::filesystem::path database, RankingWeights weights)
    : database_(std::move(database)), weights_(std::move(weights)) {
  OpenIfChanged();
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;

void Searcher::OpenIfChanged() {
  if (analyzer_ && index_store::ChangeStamp(database_, generation_) == stamp_) return;
  const std::optional<std::filesystem::path> generation = index_store::CurrentGeneration(database_);
  if (analyzer_ && generation && *generation == generation_) {
    stamp_ = index_store::ChangeStamp(database_, generation_);
    if (db_.reopen()) LoadLexicon();  // a commit may have changed the lexicon
    return;
  }
  db_ = index_store::OpenForReading(database_);
  generation_ = generation.value_or(std::filesystem::path());
  stamp_ = index_store::ChangeStamp(database_, generation_);
  const auto settings = AnalysisSettings::FromJson(db_.get_metadata(metadata_keys::kAnalysis));
  if (!settings) {
    throw IndexError("the index at " + database_.string() +
                     " was built by another version of notesearch; rebuild it with: notesearch index --rebuild --db " +
                     database_.string());
  }
  analyzer_.emplace(MakeAnalyzer(*settings));
  LoadLexicon();
}

void Searcher::LoadLexicon() {
  lexicon_ = ContextLexicon::Decode(db_.get_metadata(metadata_keys::kLexicon));
  context_ = ContextMatcher(lexicon_);
}

SearchResponse Searcher::Search(const SearchRequest& request) {
  if (request.limit > kMaxLimit) {
    throw UsageError("limit " + std::to_string(request.limit) + " is over the maximum of " +
                     std::to_string(kMaxLimit));
  }
  SearchResponse response;
  response.query = request.query;
  response.offset = request.offset;
  response.limit = request.limit;
  const ParsedQuery parsed = ParseQuery(request.query);
  response.notices = parsed.notices;

  for (int attempt = 1;; ++attempt) {
    try {
      OpenIfChanged();
      QueryBuilder builder(*analyzer_, context_, weights_);
      std::vector<std::string> notices;
      const Xapian::Query query = builder.Build(parsed.root, &notices);
      Xapian::Enquire enquire(db_);
      enquire.set_query(query.empty() ? Xapian::Query::MatchNothing : query);
      enquire.set_weighting_scheme(Xapian::BM25Weight(weights_.Get("bm25.k1"), 0, 1, weights_.Get("bm25.b"), 0.5));
      enquire.set_sort_by_relevance_then_value(slots::kSortKey, false);
      // Counting every match makes `total` exact rather than an estimate.
      const Xapian::doccount check_at_least = db_.get_doccount();
      const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(std::min<std::size_t>(
                                                     request.offset, db_.get_doccount())),
                                                 static_cast<Xapian::doccount>(request.limit), check_at_least);
      response.total = mset.get_matches_estimated();
      response.hits.clear();
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        Hit hit;
        hit.stored = DecodeStoredBlock(it.get_document().get_data(), lexicon_);
        hit.score = it.get_weight();
        hit.highlights = FindHighlights(*analyzer_, hit.stored.block.text, builder.highlight_terms());
        response.hits.push_back(std::move(hit));
      }
      response.notices.insert(response.notices.end(), notices.begin(), notices.end());
      return response;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kMaxReopenAttempts) throw;
      db_.reopen();
    } catch (const Xapian::DatabaseError& e) {
      throw IndexError("the index at " + database_.string() + " cannot be read (" + e.get_msg() +
                       "); rebuild it with: notesearch index --rebuild --db " + database_.string() + " [PATH...]");
    }
  }
}

IndexStats Searcher::Stats() {
  OpenIfChanged();
  IndexStats stats;
  stats.database = database_;
  stats.documents = db_.get_doccount();
  for (const FileRecord& record : ReadFileRecords(db_)) {
    ++stats.files;
    stats.bullets += record.bullets;
    stats.paragraphs += record.paragraphs;
    stats.headings += record.headings;
    stats.skipped_empty += record.skipped_empty;
    stats.skipped_wordless += record.skipped_wordless;
  }
  for (auto it = db_.allterms_begin(); it != db_.allterms_end(); ++it) ++stats.terms;
  const nlohmann::json roots = nlohmann::json::parse(db_.get_metadata(metadata_keys::kRoots), nullptr, false);
  if (roots.is_array()) {
    for (const auto& root : roots) stats.roots.push_back(root.get<std::string>());
  }
  const std::string last = db_.get_metadata(metadata_keys::kLastIndexed);
  stats.last_indexed = last.empty() ? 0 : std::stoll(last);
  if (auto settings = AnalysisSettings::FromJson(db_.get_metadata(metadata_keys::kAnalysis))) {
    stats.language = settings->language;
  }
  stats.disk_bytes = index_store::DiskUsage(database_);
  return stats;
}

}  // namespace notesearch
