// Every match of a ranked query with its weight, computed a posting list at
// a time instead of by Xapian's matcher.
//
// Xapian's matcher goes a document at a time: at each candidate it moves
// and weighs every posting list and source of the query, a dozen or more
// per word searched in its fields, stems, synonyms and context, and its
// pruning helps little when identical bullets collapse (a page of ten
// distinct texts over 100 copies of the notes ranks over a thousand
// matches). Here the matches are a set made from the posting lists (as
// doc_bitmap.h counts them), and each list and source then adds its
// weights to the matches in one pass over it.
//
// The weights are Xapian's: BM25Weight per term (a SYNONYM of terms, as
// Xapian weighs it: the query builder expands wildcards into one), scaled
// as OP_SCALE_WEIGHT scales it, the constants of FixedWeightPostingSource
// and DocRunsPostingSource, summed as OR, AND, AND_MAYBE, FILTER, AND_NOT
// and PHRASE sum them; a phrase matches where its words' positions say it
// does, as Xapian checks them. Only the order of the additions differs, so
// a weight may differ from Xapian's in its last bits; documents with the
// same terms get the same weight, so ties stay ties.
//
// Ownership and thread-safety: ScoreMatches and MatchesOf read the database
// they are given, which is not thread-safe (one handle per thread), and
// the second handle they may be given from a thread of their own, joined
// before they return. A
// QueryWeights belongs to the query builder that fills it.
#ifndef NOTESEARCH_SEARCHER_MATCH_SCORER_H_
#define NOTESEARCH_SEARCHER_MATCH_SCORER_H_

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "searcher/doc_bitmap.h"
#include "searcher/doc_runs.h"

namespace notesearch {

// What a Xapian::Query does not hand back about its nodes: the factors of
// its OP_SCALE_WEIGHTs, its posting sources and the windows of its
// phrases. The nodes are made here and looked up by their
// Xapian::Query::Internal.
class QueryWeights {
 public:
  // OP_SCALE_WEIGHT of `query` by `factor` (empty if `query` is).
  Xapian::Query Scaled(double factor, Xapian::Query query);
  // A query of a FixedWeightPostingSource(weight): every document weighs it.
  Xapian::Query Fixed(double weight);
  // A query of a DocRunsPostingSource over `docs`.
  Xapian::Query Runs(std::shared_ptr<const WeightedRuns> docs);
  // OP_PHRASE of `words` within `window` positions.
  Xapian::Query Phrase(const std::vector<Xapian::Query>& words, Xapian::termcount window);
  // Notes that `stem_term`'s posting list holds every posting of
  // `word_term`'s with at least its wdf, as a stem's holds its word's. With
  // the same term and collection frequencies the two are then one list,
  // read once (`python` and `Zpython` are, `learning` and `Zlearn` not).
  void NoteStemOf(const std::string& word_term, const std::string& stem_term);
  // The word terms noted for `stem_term`; null when none is.
  const std::vector<std::string>* WordsOfStem(const std::string& stem_term) const;

  void clear() {
    nodes_.clear();
    words_of_stem_.clear();
  }

  struct Node {
    double weight = 0;  // the scale factor, or what every document of a fixed source weighs
    std::shared_ptr<const WeightedRuns> runs;  // a DocRunsPostingSource's
    Xapian::termcount window = 0;              // a phrase's
  };
  // What a node made here weighs; null for any other node.
  const Node* Find(const Xapian::Query& node) const;

 private:
  std::unordered_map<const void*, Node> nodes_;
  std::unordered_map<std::string, std::vector<std::string>> words_of_stem_;
};

// What Xapian::BM25Weight(k1, 0, 1, b, min_normlen) is given.
struct Bm25Parameters {
  double k1;
  double b;
  double min_normlen;
};

struct ScoredMatch {
  Xapian::docid doc;
  double weight;
};

// A second handle on the same revision of the database searched, or null
// when there is none: long posting lists are then read on two threads
// (each handle on one). Asked for only when the lists are long enough.
using SecondHandle = std::function<const Xapian::Database*()>;

// The matches of `query`, unweighted (for counting), evaluated as
// ScoreMatches evaluates them; nullopt for what only Xapian's matcher
// evaluates (as for ScoreMatches; scalings need not be in `weights`).
std::optional<DocBitmap> MatchesOf(const Xapian::Query& query, const Xapian::Database& db,
                                   const QueryWeights& weights, const SecondHandle& second = {});

// The matches of `query` in increasing document order with their weights
// as Xapian::Enquire with BM25Weight(`bm25`) gives them, each document's
// length taken from `lengths` (by document id, DocColumns::Lengths) or, if
// it does not reach the database's last document id, from `db`. Nullopt
// when the query holds something only Xapian's matcher evaluates: NEAR,
// value ranges, wildcards, weighted synonyms of other than terms, weighted
// MatchAll, phrases of other than terms and ORs of terms, and scalings,
// posting sources and phrases not made by `weights`.
std::optional<std::vector<ScoredMatch>> ScoreMatches(const Xapian::Query& query, const Xapian::Database& db,
                                                     const QueryWeights& weights, const Bm25Parameters& bm25,
                                                     std::span<const std::uint32_t> lengths = {},
                                                     const SecondHandle& second = {});

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_MATCH_SCORER_H_
