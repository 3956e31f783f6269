// Turns a parsed query into a Xapian::Query, analysing every word with the
// same Analyzer the index was built with. Each word searches its fields
// (exact and stemmed terms, each field scaled by its weight); phrases use
// positions; juxtaposed clauses get a fixed bonus per matched clause
// (Xapian::FixedWeightPostingSource, which remote shards understand) so that
// bullets with all the words outrank bullets with some, while partial matches
// still come back.
// Thread-safety: not thread-safe; one builder per thread (it borrows the
// thread's Analyzer).
#ifndef NOTESEARCH_SEARCHER_QUERY_BUILDER_H_
#define NOTESEARCH_SEARCHER_QUERY_BUILDER_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "core/entity_aliases.h"
#include "core/fields.h"
#include "searcher/context_matcher.h"
#include "searcher/doc_columns.h"
#include "searcher/indexed_files.h"
#include "searcher/match_scorer.h"
#include "searcher/synonyms.h"
#include "searcher/query_parser.h"
#include "searcher/ranking.h"

namespace notesearch {

// A query that matches every document. Use this, never a copy of
// Xapian::Query::MatchAll: that is one object shared by all threads, and
// Xapian's reference counts are not atomic.
inline Xapian::Query MatchEveryDocument() { return Xapian::Query(std::string()); }
// A clause that matches no document. Not Xapian::Query::MatchNothing: that
// is an empty query, which stands for a clause with nothing to search and
// is dropped from the clauses above it (`+zzz python` found every python).
inline Xapian::Query MatchNoDocument() { return Xapian::Query(std::string(prefixes::kNoMatch)); }

// What a hit's text should be highlighted for: the query's own words (not
// the excluded ones), their stems and the prefixes of prefix* words.
struct HighlightTerms {
  std::unordered_set<std::string> exact;
  std::unordered_set<std::string> stems;
  std::vector<std::string> prefixes;
};

class QueryBuilder {
 public:
  // All are borrowed and must outlive the builder. With `aliases`, a value
  // scoped to an entity field resolves as the indexer did (tool:K8s is
  // tool:Kubernetes); with `db`, a whole entity name matches that entity
  // exactly (location:"San Francisco" is not the San Francisco Bay Area).
  // With `synonyms`, words also find their synonyms; with `db`, words the
  // index does not have are corrected from its spelling data.
  QueryBuilder(const Analyzer& analyzer, const ContextMatcher& context, const RankingWeights& weights,
               const EntityAliases* aliases = nullptr, const Xapian::Database* db = nullptr,
               const Synonyms* synonyms = nullptr)
      : analyzer_(analyzer),
        context_(context),
        weights_(weights),
        aliases_(aliases),
        db_(db),
        synonyms_(synonyms),
        spelling_(db) {}

  // Appends to `notices` what was ignored (e.g. a word with no letters).
  Xapian::Query Build(const QueryNode& root, std::vector<std::string>* notices);

  // The last built query's matches without its weights, for passes that
  // only count matches: several times cheaper to evaluate. Built on each
  // call: most searches need none (the scorer evaluates the query).
  Xapian::Query MatchQuery() const;
  // The scale factors and posting sources of the last built query, for
  // weighing its matches without Xapian's matcher (match_scorer.h).
  const QueryWeights& query_weights() const { return query_weights_; }

  const HighlightTerms& highlight_terms() const { return highlight_; }

  // A word replaced by its spelling correction.
  struct Correction {
    std::uint32_t column;  // 1-based, of the word in the query
    std::string original;
    std::string corrected;
  };
  const std::vector<Correction>& corrections() const { return corrections_; }
  // Off: search the words exactly as typed, without corrections.
  void set_correct(bool correct) { correct_ = correct; }
  // Where spelling corrections come from (by default `db`): remote shards
  // have no spelling data, so a searcher with some passes its local shards
  // (`incomplete`), or nullptr when all are remote.
  void set_spelling(const Xapian::Database* spelling, bool incomplete) {
    spelling_ = spelling;
    spelling_incomplete_ = incomplete;
  }
  // Off: keep the terms the index lacks in the query (IndexTerm). Searchers
  // of remote shards turn it off: there each lookup would be a network
  // round trip, where the remote matcher looks an absent term up locally.
  void set_prune_absent_terms(bool prune) { prune_absent_terms_ = prune; }
  // The in-memory columns of `db` (a local database of one shard): the
  // bullets below the headings and intros a word matches are then found
  // there rather than in the posting lists of their ids, with the same
  // matches and weights (doc_runs.h).
  void set_columns(std::shared_ptr<const DocColumns> columns) { columns_ = std::move(columns); }
  // Term frequencies of `db` as it is now, kept by the caller across
  // searches until it reopens `db` (each lookup reads B-tree blocks; a
  // search looks up a dozen or more). Without it, a search's own.
  void set_term_frequencies(std::unordered_map<std::string, Xapian::doccount>* frequencies) {
    frequencies_ = frequencies != nullptr ? frequencies : &own_frequencies_;
  }
  // The indexed files, for dir: clauses (called only when one is built);
  // without them, a dir: clause matches nothing.
  void set_files(std::function<const IndexedFiles&()> files) { files_ = std::move(files); }
  // The index's language: its common words (analysis/common_words.h) are
  // left out of a query of other words.
  void set_language(std::string language) { language_ = std::move(language); }

 private:
  // Terms of one field: its words (prefix + term), or the ids of the
  // headings / intros containing the word (see context_matcher.h).
  struct TermFamily {
    std::string prefix;
    double weight;
    bool positional = false;
    bool stemmed = false;
    bool anchors = false;  // a match here alone makes the bullet a hit
    // Set for terms outside the bullet's length (Field::counts_in_length):
    // the prefix of the own terms whose rarity a match weighs by, the text's
    // for context and headings, the field's own mentions for inherited ones,
    // so that field weights compare a word with itself.
    std::optional<std::string> rarity_prefix;
    std::optional<BlockKind> lexicon;
  };
  // The term families a clause searches; `scoped` when the query named the
  // field (field:value) rather than searching the default fields.
  struct Families {
    std::vector<TermFamily> list;
    bool scoped = false;
  };

  // The node's query, weighed by its boost (clause^N); NodeWithoutBoost without.
  Xapian::Query Node(const QueryNode& node, bool highlight);
  Xapian::Query NodeWithoutBoost(const QueryNode& node, bool highlight);
  // `positive`: the leaf is wanted (not excluded); its words are then
  // highlighted and anchor the match.
  // An empty query for a leaf with nothing to search (ignored, with a
  // notice); MatchNoDocument() for one that searched and found no term.
  Xapian::Query Leaf(const QueryNode& leaf, bool positive);
  // A filter field's clause (kind:heading, dir:work), with a notice when
  // it matches nothing.
  Xapian::Query BooleanLeaf(const QueryNode& leaf);
  // MatchNoDocument() for a leaf no term matched; `say_so`: with a notice
  // naming it ('tag:ops' at column 1 matches no bullet of the index).
  Xapian::Query NothingMatches(const QueryNode& leaf, bool say_so);
  Xapian::Query LeafWithoutAliases(const QueryNode& leaf, bool positive);
  Xapian::Query LeafOver(QueryNode::Type type, const std::vector<Token>& tokens, const Families& families,
                         bool positive, Xapian::termcount slop = 0);
  Xapian::Query Sequence(const QueryNode& node, bool highlight);
  // Whether a child of a sequence is a common word on its own, typed in
  // lower case ("in", not "IT" or +in or "in" or in*).
  bool IsCommonWordClause(const QueryNode& child) const;
  Xapian::Query Word(const std::vector<Token>& tokens, const Families& families, bool highlight);
  // `slop`: how many other words may come between the phrase's words.
  Xapian::Query Phrase(const std::vector<Token>& tokens, const Families& families,
                       bool highlight, Xapian::termcount slop = 0);
  Xapian::Query Prefix(const std::vector<Token>& tokens, const Families& families,
                       bool highlight);
  // The index's words matching a pattern (py*on) or regex leaf, as tokens
  // of a word each.
  std::vector<Token> PatternWords(const QueryNode& leaf) const;
  // Any of `words` (a pattern's), in each family as one word.
  Xapian::Query AnyOfWords(const std::vector<Token>& words, const Families& families, bool highlight);
  // Per phrase word, the other words of the index with its stem; empty
  // when no word has any.
  std::vector<std::vector<std::string>> PhraseInflections(const std::vector<Token>& tokens) const;
  Xapian::Query TokenQuery(const Token& token, const Families& families, bool exact_only,
                           bool highlight);
  // The share of a word's weight that its exact form carries: all of it,
  // or, when its stem is searched too (which the exact form also matches),
  // what the stem's share leaves, so that an exact match weighs the same
  // either way and a stemmed-only match weighs the "stem" share of it.
  double ExactShare(bool stems_too) const;
  Families FamiliesFor(const Field* field) const;

  struct Alternative {
    std::string text;
    double weight;  // relative to the words as typed
  };
  std::vector<Alternative> AlternativesOf(const QueryNode& leaf, const std::vector<Token>& tokens);
  void FindSynonymSpans(const QueryNode& sequence);
  void HighlightEntityNames(const std::string& name);
  double RarityRatio(const std::vector<std::string>& typed, const std::string& alternative) const;

  // How many documents have the own form of what a query matches: a
  // function, as only families outside the length need it.
  using Frequency = std::function<Xapian::doccount(const std::string& rarity_prefix)>;
  // The bullets below the headings or intros `ids`, weighing `weight` each.
  // With columns, a context family's sets are summed into context_runs_
  // instead, to become one source per leaf (WeightedRuns).
  Xapian::Query LexiconQuery(const TermFamily& family, const std::vector<std::string>& ids, double weight,
                             const Frequency& frequency);
  // `query` over the family's terms scaled by `weight`. BM25 weighs terms
  // outside the bullet's length nothing (their wdf is 0), so a match on
  // them weighs instead what one occurrence of the word weighs among the
  // own terms of family.rarity_prefix in a bullet of average length.
  Xapian::Query Weigh(const TermFamily& family, double weight, Xapian::Query query, const Frequency& frequency);
  // What one match on a family outside the length weighs (see Weigh).
  double ConstantWeight(const TermFamily& family, double weight, const Frequency& frequency) const;
  // The frequency of one word in the family's own terms.
  Frequency OfWord(const std::string& word) const;
  // Documents with any of `terms`, at most (the frequency of their OR,
  // capped at the document count by Weigh). Only with a database.
  Xapian::doccount AnyOf(const std::vector<std::string>& terms) const;
  // The same for the terms starting with `prefix` (the first few hundred).
  Xapian::doccount AnyWithPrefix(const std::string& prefix) const;
  // A prefix* word: the SYNONYM of the index's terms starting with
  // `prefix`, its kMaxPrefixExpansion most frequent when more do (ties to
  // the first in term order); empty when none does, or without a
  // database. Expanded here from the whole index, not by Xapian's matcher,
  // which over shards would keep each shard's most frequent and weigh the
  // synonym by the shards' estimates of its frequency.
  Xapian::Query PrefixExpansion(const std::string& prefix) const;
  // How many documents have `term` (looked up once per build); without a
  // database, 1.
  Xapian::doccount TermFrequency(const std::string& term) const;
  // A query for `term`, or an empty one when the index has no document
  // with it: most fields of most words are, and Xapian would look each one
  // up and open a posting list for it twice per search.
  Xapian::Query IndexTerm(const std::string& term) const;

  const Analyzer& analyzer_;
  const ContextMatcher& context_;
  const RankingWeights& weights_;
  const EntityAliases* aliases_;
  const Xapian::Database* db_;
  const Synonyms* synonyms_;
  std::shared_ptr<const DocColumns> columns_;
  std::function<const IndexedFiles&()> files_;
  std::string language_;
  std::map<const QueryNode*, std::vector<Alternative>> span_alternatives_;
  // The words of each synonym span as typed ("design for manufacturing"),
  // by word of the span; and the common words searched only as part of
  // theirs (its "for": alone it would match most bullets).
  std::map<const QueryNode*, std::string> span_texts_;
  std::set<const QueryNode*> only_within_span_;
  mutable std::unordered_map<std::string, Xapian::doccount> own_frequencies_;
  std::unordered_map<std::string, Xapian::doccount>* frequencies_ = &own_frequencies_;
  std::vector<Correction> corrections_;
  bool correct_ = true;
  const Xapian::Database* spelling_;
  bool spelling_incomplete_ = false;
  bool prune_absent_terms_ = true;
  HighlightTerms highlight_;
  std::vector<Xapian::Query> anchors_;         // positive leaves over default fields
  std::vector<Xapian::Query> scoped_anchors_;  // positive field:value leaves
  struct LeafParts {
    Xapian::Query own;      // over the families that make a match
    Xapian::Query context;  // over those that only complete one
  };
  LeafParts last_leaf_;
  // Collected while a leaf is built: its context families' bullets below
  // matching headings and intros, each set scaled by context_scale_ (the
  // weight of the alternative being built, 1 for the words as typed).
  // Only an OR of such sets can be summed: off while building an AND of
  // them (a prefix* word after other words of its chunk).
  std::vector<WeightedRuns::Part> context_runs_;
  double context_scale_ = 1;
  bool collect_context_runs_ = false;
  // Some clause is required, excluded or a filter: the query matches fewer
  // bullets than its anchors.
  bool narrowed_ = false;
  Xapian::Query match_source_;  // what MatchQuery takes the weights from
  QueryWeights query_weights_;
  std::vector<std::string>* notices_ = nullptr;
};

// True when the node is a filter on an exact-value field (file:, kind:):
// such clauses restrict the results without changing their ranking.
bool IsFilterClause(const QueryNode& node);
// True when every word of the clause is scoped to a field (section:x,
// tool:(a OR b)): such clauses are required, as if written with '+'.
bool IsScopedClause(const QueryNode& node);

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_QUERY_BUILDER_H_
