#include "searcher/query_builder.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <set>

#include "analysis/common_words.h"
#include "searcher/word_expansions.h"

namespace notesearch {
namespace {

// Prefix* words expand to at most this many terms, the most frequent first.
constexpr Xapian::termcount kMaxPrefixExpansion = 64;
// A word~ searches at most this many near words, the most frequent first:
// each is searched in every field as the word is.
constexpr std::size_t kMaxFuzzyExpansion = 16;
// Index terms looked at for the inflections of one phrase word, or for how
// many documents a prefix* word matches.
constexpr std::size_t kMaxTermScan = 256;

Xapian::Query Combine(Xapian::Query::op op, const std::vector<Xapian::Query>& queries) {
  std::vector<Xapian::Query> present;
  for (const Xapian::Query& q : queries) {
    if (!q.empty()) present.push_back(q);
  }
  if (present.empty()) return Xapian::Query();
  if (present.size() == 1) return present.front();
  return Xapian::Query(op, present.begin(), present.end());
}

// "'tool:py*' at column 3": a clause as the user typed it, for notices.
std::string ClauseAt(const QueryNode& leaf) {
  std::string text = leaf.text;
  if (leaf.type == QueryNode::Type::kPhrase) text = "\"" + text + "\"";
  if (leaf.type == QueryNode::Type::kRegex) text = "/" + text + "/";
  if (leaf.type == QueryNode::Type::kPrefix) text += "*";
  return "'" + (leaf.field != nullptr ? std::string(leaf.field->name) + ":" : "") + text + "' at column " +
         std::to_string(leaf.column);
}

std::size_t CountWords(const std::vector<Token>& tokens) {
  std::size_t words = 0;
  for (const Token& token : tokens) words += token.is_part() ? 0 : 1;
  return words;
}

// Adds `query` to an OR of matches: its terms (deduplicated) to `terms`,
// any other part to `others`.
void CollectAlternatives(const Xapian::Query& query, std::set<std::string>& terms, std::vector<Xapian::Query>& others);

// The same matches as `query` without what only weighs them: scaling and
// AND_MAYBE's optional side go, nested ORs and synonyms become one OR of
// distinct terms. Passes that only count run it over every match, where
// the weighted query cost them most of a search.
Xapian::Query Unweighted(const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::OP_SCALE_WEIGHT:
    case Xapian::Query::OP_AND_MAYBE:
      return Unweighted(query.get_subquery(0));
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_ELITE_SET: {
      std::set<std::string> terms;
      std::vector<Xapian::Query> others;
      CollectAlternatives(query, terms, others);
      for (const std::string& term : terms) others.emplace_back(term);
      return Combine(Xapian::Query::OP_OR, others);
    }
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_FILTER: {
      std::vector<Xapian::Query> parts;
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) parts.push_back(Unweighted(query.get_subquery(i)));
      return Xapian::Query(query.get_type(), parts.begin(), parts.end());
    }
    default:  // terms, phrases, wildcards, posting sources: as they are
      return query;
  }
}

void CollectAlternatives(const Xapian::Query& query, std::set<std::string>& terms, std::vector<Xapian::Query>& others) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      terms.insert(*query.get_terms_begin());
      return;
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_ELITE_SET:
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        CollectAlternatives(query.get_subquery(i), terms, others);
      }
      return;
    case Xapian::Query::OP_SCALE_WEIGHT:
    case Xapian::Query::OP_AND_MAYBE:
      CollectAlternatives(query.get_subquery(0), terms, others);
      return;
    default:
      others.push_back(Unweighted(query));
  }
}

}  // namespace

bool IsFilterClause(const QueryNode& node) {
  return node.is_leaf() && node.field != nullptr && node.field->type == FieldType::kBoolean;
}

bool IsScopedClause(const QueryNode& node) {
  if (node.is_leaf()) return node.field != nullptr;
  return !node.children.empty() &&
         std::all_of(node.children.begin(), node.children.end(), [](const QueryNode& c) { return IsScopedClause(c); });
}

Xapian::Query QueryBuilder::Build(const QueryNode& root, std::vector<std::string>* notices) {
  notices_ = notices;
  highlight_ = {};
  anchors_.clear();
  scoped_anchors_.clear();
  span_alternatives_.clear();
  span_texts_.clear();
  only_within_span_.clear();
  own_frequencies_.clear();
  corrections_.clear();
  query_weights_.clear();
  narrowed_ = false;
  Xapian::Query query = Node(root, /*positive=*/true);
  // One word or phrase: only the bullet's own words. Context that repeats
  // the one thing asked for only says that an ancestor is a hit as well,
  // and would push "Similar to Bazel:" above the bullet "Bazel" itself.
  if (root.children.size() == 1 && root.children[0].is_leaf() && anchors_.size() == 1 &&
      root.children[0].modifier == QueryNode::Modifier::kNone) {
    match_source_ = last_leaf_.own;
    return last_leaf_.own;
  }
  // Context ranks and completes a match but never makes one on its own: a
  // bullet must itself match some word of the query. Otherwise "C#" would
  // return every descendant of a bullet naming C#, and "machine learning"
  // everything below a heading that says it.
  // Field-scoped clauses narrow the match; they anchor it only when the
  // query has nothing else (section:"Computer Vision" alone).
  const std::vector<Xapian::Query>& anchors = anchors_.empty() ? scoped_anchors_ : anchors_;
  // The filter only matches, so it gets the anchors' distinct terms
  // without their weights (each word's own terms appear in it once, not once
  // per field weight and synonym).
  if (!query.empty() && !anchors.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, Unweighted(Combine(Xapian::Query::OP_OR, anchors)));
  }
  // Optional words alone match where their anchors do (the filter above
  // takes nothing from them), so counting need not look at the context.
  match_source_ = !narrowed_ && !anchors_.empty() ? Combine(Xapian::Query::OP_OR, anchors_) : query;
  return query;
}

Xapian::Query QueryBuilder::MatchQuery() const { return Unweighted(match_source_); }

QueryBuilder::Families QueryBuilder::FamiliesFor(const Field* field) const {
  Families families;
  families.scoped = field != nullptr;
  // Scoped to a field, every family of it may match on its own; among the
  // default fields, only the bullet's own words and values do.
  const bool scoped = families.scoped;
  auto add = [&](const Field& f) {
    const double weight = weights_.FieldWeight(f);
    const bool own_anchors = scoped || &f != &ContextField();
    if (f.has_words) {
      const std::optional<std::string> rarity =
          f.counts_in_length ? std::nullopt : std::optional<std::string>(TextField().prefix);
      families.list.push_back({std::string(f.prefix), weight, f.positional, f.stemmed, own_anchors, rarity});
    }
    // Inherited terms, heading and intro ids are never in the length.
    if (!f.inherited_prefix.empty()) {
      families.list.push_back({std::string(f.inherited_prefix), weights_.InheritedWeight(f), f.positional, f.stemmed,
                               scoped, std::string(f.prefix)});
    }
    if (f.has_headings) {
      families.list.push_back({std::string(prefixes::kHeadingId), weight, false, false, scoped,
                               std::string(TextField().prefix), BlockKind::kHeading});
    }
    if (f.has_intros) {
      families.list.push_back({std::string(prefixes::kIntroId), weight, false, false, scoped,
                               std::string(TextField().prefix), BlockKind::kParagraph});
    }
  };
  if (field != nullptr) {
    add(*field);
  } else {
    for (const Field& f : AllFields()) {
      if (f.in_default_query) add(f);
    }
  }
  return families;
}

Xapian::Query QueryBuilder::Node(const QueryNode& node, bool highlight) {
  Xapian::Query query = NodeWithoutBoost(node, highlight);
  return node.boost == 1 || query.empty() ? query : query_weights_.Scaled(node.boost, query);
}

Xapian::Query QueryBuilder::NodeWithoutBoost(const QueryNode& node, bool highlight) {
  const bool highlight_children = highlight && node.modifier != QueryNode::Modifier::kExcluded;
  switch (node.type) {
    case QueryNode::Type::kWord:
    case QueryNode::Type::kPhrase:
    case QueryNode::Type::kPrefix:
    case QueryNode::Type::kPattern:
    case QueryNode::Type::kRegex:
      return Leaf(node, highlight_children);
    case QueryNode::Type::kSequence:
      return Sequence(node, highlight_children);
    case QueryNode::Type::kOr: {
      std::vector<Xapian::Query> children;
      for (const QueryNode& child : node.children) children.push_back(Node(child, highlight_children));
      return Combine(Xapian::Query::OP_OR, children);
    }
    case QueryNode::Type::kAnd:
    case QueryNode::Type::kAndNot: {
      narrowed_ = true;
      std::vector<Xapian::Query> wanted, unwanted;
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        const QueryNode& child = node.children[i];
        const bool excluded = child.modifier == QueryNode::Modifier::kExcluded ||
                              (node.type == QueryNode::Type::kAndNot && i > 0);
        Xapian::Query q = Node(child, highlight_children && !excluded);
        (excluded ? unwanted : wanted).push_back(IsFilterClause(child) ? query_weights_.Scaled(0, q) : q);
      }
      Xapian::Query positive = Combine(Xapian::Query::OP_AND, wanted);
      Xapian::Query negative = Combine(Xapian::Query::OP_OR, unwanted);
      if (negative.empty()) return positive;
      if (positive.empty()) positive = MatchEveryDocument();
      return Xapian::Query(Xapian::Query::OP_AND_NOT, positive, negative);
    }
  }
  return Xapian::Query();
}

bool QueryBuilder::IsCommonWordClause(const QueryNode& child) const {
  if (child.type != QueryNode::Type::kWord || child.field != nullptr || child.modifier != QueryNode::Modifier::kNone ||
      child.edits > 0 || child.boost != 1) {
    return false;
  }
  // Common words are words of ASCII letters, whose term is the word in
  // lower case: no need to analyse it. All capitals is a name: IT, OR.
  const std::string& text = child.text;
  const auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  const auto lower_case = [](char c) { return c >= 'a' && c <= 'z'; };
  if (!std::all_of(text.begin(), text.end(), letter) || std::none_of(text.begin(), text.end(), lower_case)) {
    return false;
  }
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return IsCommonWord(language_, lower);
}

Xapian::Query QueryBuilder::Sequence(const QueryNode& node, bool highlight) {
  FindSynonymSpans(node);
  // Common words are left out when the sequence has other words to search
  // ("remote jobs in europe"), kept when it has none ("the who").
  std::vector<bool> common(node.children.size());
  bool others = false;
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    common[i] = IsCommonWordClause(node.children[i]);
    others = others || (!common[i] && node.children[i].modifier != QueryNode::Modifier::kExcluded);
  }
  std::vector<Xapian::Query> optional, required, excluded, filters;
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    const QueryNode& child = node.children[i];
    if (common[i] && others && span_texts_.contains(&child)) {
      only_within_span_.insert(&child);
    } else if (common[i] && others) {
      notices_->push_back("ignored '" + child.text + "' at column " + std::to_string(child.column) +
                          ", a common word (+" + child.text + " or a quoted phrase searches it)");
      continue;
    }
    const bool is_excluded = child.modifier == QueryNode::Modifier::kExcluded;
    Xapian::Query q = Node(child, highlight && !is_excluded);
    if (q.empty()) continue;
    if (is_excluded) {
      excluded.push_back(q);
    } else if (IsFilterClause(child)) {
      filters.push_back(q);
    } else if (child.modifier == QueryNode::Modifier::kRequired || IsScopedClause(child)) {
      required.push_back(q);
    } else {
      optional.push_back(q);
    }
  }
  narrowed_ = narrowed_ || !required.empty() || !filters.empty() || !excluded.empty();
  if (optional.size() > 1) {
    // Each matched clause adds the same large constant, so the number of
    // clauses matched decides first and BM25 orders bullets within a count.
    const double bonus = weights_.Get("coordination");
    for (Xapian::Query& clause : optional) {
      clause = Xapian::Query(Xapian::Query::OP_AND_MAYBE, clause, query_weights_.Fixed(bonus));
    }
  }
  Xapian::Query positive = Combine(Xapian::Query::OP_OR, optional);
  if (!required.empty()) {
    Xapian::Query all = Combine(Xapian::Query::OP_AND, required);
    positive = positive.empty() ? all : Xapian::Query(Xapian::Query::OP_AND_MAYBE, all, positive);
  }
  if (!filters.empty()) {
    Xapian::Query filter = Combine(Xapian::Query::OP_AND, filters);
    positive = positive.empty() ? query_weights_.Scaled(0, filter)
                                : Xapian::Query(Xapian::Query::OP_FILTER, positive, filter);
  }
  if (!excluded.empty()) {
    if (positive.empty()) positive = MatchEveryDocument();
    positive = Xapian::Query(Xapian::Query::OP_AND_NOT, positive, Combine(Xapian::Query::OP_OR, excluded));
  }
  return positive;
}

Xapian::Query QueryBuilder::Leaf(const QueryNode& leaf, bool positive) {
  if (leaf.field != nullptr && leaf.field->type == FieldType::kBoolean) return BooleanLeaf(leaf);
  if (leaf.field == nullptr || leaf.expands()) {
    if (positive && leaf.type == QueryNode::Type::kWord) HighlightEntityNames(leaf.text);
    return LeafWithoutAliases(leaf, positive);
  }
  // An alias scoped to its field stands for the canonical names.
  std::vector<std::string> names = {leaf.text};
  if (aliases_ != nullptr) {
    if (const auto* canonicals = aliases_->Resolve(leaf.field->name, Analyzer::Normalize(leaf.text))) names = *canonicals;
  }
  if (positive) {
    for (const std::string& name : names) HighlightEntityNames(name);
  }
  // A whole entity name (location:"San Francisco") means that entity, not
  // any entity with those words (San Francisco Bay Area): its exact value
  // term narrows the words' match when the index has it.
  std::vector<Xapian::Query> values;
  if (!leaf.field->value_prefix.empty() && !leaf.field->has_headings && db_ != nullptr) {
    for (const std::string& name : names) {
      const std::string term = ValueTerm(*leaf.field, Analyzer::Normalize(name));
      if (db_->term_exists(term)) values.emplace_back(term);
    }
  }
  const std::size_t anchors_before = anchors_.size() + scoped_anchors_.size();
  std::vector<Xapian::Query> alternatives;
  const std::size_t notices_before = notices_->size();
  for (const std::string& name : names) {
    QueryNode resolved = leaf;
    if (name != leaf.text) {
      resolved.type = QueryNode::Type::kPhrase;
      resolved.text = name;
    }
    alternatives.push_back(LeafWithoutAliases(resolved, positive));
  }
  // A page's names are seldom all linked to: one notice for the name as
  // typed, only when none of them matches.
  if (names.size() > 1 && notices_->size() > notices_before) {
    const bool none_matched = notices_->size() - notices_before == names.size();
    notices_->resize(notices_before);
    if (none_matched) NothingMatches(leaf, positive);
  }
  Xapian::Query query = Combine(Xapian::Query::OP_OR, alternatives);
  if (values.empty() || query.empty()) return query;
  const Xapian::Query value(Xapian::Query::OP_OR, values.begin(), values.end());
  auto narrow = [&](Xapian::Query& q) {
    if (!q.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, value);
  };
  narrow(query);
  narrow(last_leaf_.own);
  if (anchors_.size() + scoped_anchors_.size() > anchors_before) {
    narrow(scoped_anchors_.empty() ? anchors_.back() : scoped_anchors_.back());
  }
  return query;
}

Xapian::Query QueryBuilder::BooleanLeaf(const QueryNode& leaf) {
  const Field& field = *leaf.field;
  const bool prefix = leaf.type == QueryNode::Type::kPrefix;
  if (field.values_are_directories) {
    Xapian::Query files = files_ ? files_().QueryUnder(leaf.text, prefix) : Xapian::Query();
    if (files.empty()) {
      notices_->push_back(ClauseAt(leaf) + ": no indexed file is in a directory '" + leaf.text + (prefix ? "*" : "") +
                          "'");
      return MatchNoDocument();
    }
    return files;
  }
  const std::string term = ValueTerm(field, Analyzer::Normalize(leaf.text));
  Xapian::Query query = prefix ? PrefixExpansion(term) : Xapian::Query(term);
  // Whether an exact value is absent is asked of a local database only
  // (remote shards: see set_prune_absent_terms).
  const bool absent = prefix ? query.empty() : db_ != nullptr && prune_absent_terms_ && TermFrequency(term) == 0;
  return absent ? NothingMatches(leaf, db_ != nullptr) : query;
}

Xapian::Query QueryBuilder::LeafWithoutAliases(const QueryNode& leaf, bool positive) {
  // A pattern's or regex's tokens are the index's words it matches; none: no match.
  const bool pattern = leaf.type == QueryNode::Type::kPattern || leaf.type == QueryNode::Type::kRegex;
  const std::vector<Token> tokens = pattern ? PatternWords(leaf) : analyzer_.Analyze(leaf.text);
  if (pattern && tokens.empty()) return NothingMatches(leaf, positive);
  if (tokens.empty()) {
    notices_->push_back(ClauseAt(leaf) + " has nothing searchable; ignored");
    return Xapian::Query();
  }
  // The families that can make a match (the bullet's own words) and those
  // that only complete one (context), built apart so that the own part can
  // also serve as the query's anchor without being built twice.
  const Families families = FamiliesFor(leaf.field);
  Families own{{}, families.scoped};
  Families context{{}, families.scoped};
  for (const TermFamily& family : families.list) (family.anchors ? own : context).list.push_back(family);
  context_runs_.clear();
  context_scale_ = 1;
  collect_context_runs_ = true;
  // Other ways to say it, ranked just below the words as typed: a
  // correction of a word the index does not have, and synonyms.
  std::vector<Alternative> alternatives = AlternativesOf(leaf, tokens);
  if (only_within_span_.contains(&leaf)) {
    // Its span's words in a row count as its match, and weigh nothing more
    // than they do as the span's other words.
    last_leaf_ = {};
    alternatives.push_back({span_texts_.at(&leaf), 0});
  } else {
    last_leaf_ = {LeafOver(leaf.type, tokens, own, positive, leaf.slop),
                  LeafOver(leaf.type, tokens, context, false, leaf.slop)};
  }
  // Quotes insist on the wording: the phrase as typed (or inflected) ranks
  // above all its alternatives (an abbreviation such as EDA can mean
  // something else), by a bonus well below a matched clause's. So does a
  // word~ over its near words.
  const bool as_typed_first = leaf.type == QueryNode::Type::kPhrase || leaf.edits > 0;
  if (as_typed_first && !alternatives.empty() && !last_leaf_.own.empty()) {
    last_leaf_.own = Xapian::Query(Xapian::Query::OP_AND_MAYBE, last_leaf_.own,
                                   query_weights_.Fixed(weights_.Get("coordination") / 10));
  }
  for (const Alternative& alternative : alternatives) {
    const std::vector<Token> alt_tokens = analyzer_.Analyze(alternative.text);
    if (alt_tokens.empty()) continue;
    const QueryNode::Type type = CountWords(alt_tokens) > 1 ? QueryNode::Type::kPhrase : QueryNode::Type::kWord;
    auto add = [&](Xapian::Query& part, const Families& part_families, bool highlight) {
      Xapian::Query alt = LeafOver(type, alt_tokens, part_families, highlight);
      if (!alt.empty()) part = Combine(Xapian::Query::OP_OR, {part, query_weights_.Scaled(alternative.weight, alt)});
    };
    add(last_leaf_.own, own, positive);
    context_scale_ = alternative.weight;
    add(last_leaf_.context, context, false);
  }
  if (!context_runs_.empty()) {
    Xapian::Query below = query_weights_.Runs(std::make_shared<const WeightedRuns>(WeightedRuns::Sum(context_runs_)));
    last_leaf_.context = Combine(Xapian::Query::OP_OR, {last_leaf_.context, below});
  }
  context_runs_.clear();
  collect_context_runs_ = false;
  if (positive) (families.scoped ? scoped_anchors_ : anchors_).push_back(last_leaf_.own);
  // Words the index has in no field: `+zzz python` finds nothing, and a
  // wanted one says why (with remote shards absent terms stay in the query).
  const Xapian::Query query = Combine(Xapian::Query::OP_OR, {last_leaf_.own, last_leaf_.context});
  return query.empty() ? NothingMatches(leaf, positive) : query;
}

Xapian::Query QueryBuilder::NothingMatches(const QueryNode& leaf, bool say_so) {
  if (say_so) notices_->push_back(ClauseAt(leaf) + " matches no bullet of the index");
  return MatchNoDocument();
}

// A field match shows in the text under any name of the entity: a search
// for kubernetes marks "K8s" too.
void QueryBuilder::HighlightEntityNames(const std::string& name) {
  if (aliases_ == nullptr) return;
  std::vector<std::string> canonicals = {name};
  for (std::string_view field : {"tool", "company", "location"}) {
    if (const auto* found = aliases_->Resolve(field, Analyzer::Normalize(name))) {
      canonicals.insert(canonicals.end(), found->begin(), found->end());
    }
  }
  for (const std::string& canonical : canonicals) {
    for (const std::string& alias : aliases_->NamesOf(canonical)) {
      for (const Token& token : PhraseTokens(analyzer_.Analyze(alias))) highlight_.exact.insert(token.term);
    }
  }
}

std::vector<QueryBuilder::Alternative> QueryBuilder::AlternativesOf(const QueryNode& leaf,
                                                                    const std::vector<Token>& tokens) {
  std::vector<Alternative> alternatives;
  // A quoted phrase has its synonyms too ("design for manufacturing" finds
  // DFM): quotes ask for the words in order, as its inflections show.
  if (leaf.field != nullptr || leaf.expands()) return alternatives;
  if (auto it = span_alternatives_.find(&leaf); it != span_alternatives_.end()) alternatives = it->second;
  std::vector<std::string> terms;
  for (const Token& token : PhraseTokens(tokens)) terms.push_back(token.term);
  if (synonyms_ != nullptr) {
    for (const std::string& text : synonyms_->Alternatives(terms)) {
      alternatives.push_back({text, weights_.Get("synonym") * RarityRatio(terms, text)});
    }
  }
  const bool one_word = tokens.size() == 1 && tokens[0].kind == Token::Kind::kWord;
  // word~: the index's words near it, ranked as corrections are.
  if (leaf.edits > 0) {
    if (!one_word) {
      notices_->push_back("ignored '~' after '" + leaf.text + "' at column " + std::to_string(leaf.column) +
                          ": only a word of letters can be fuzzy");
      return alternatives;
    }
    if (spelling_ == nullptr || spelling_incomplete_) {
      notices_->push_back("'" + leaf.text + "~' finds " +
                          std::string(spelling_ == nullptr ? "no near words" : "near words in the local shards only") +
                          ": remote shards send no word lists");
    }
    if (spelling_ != nullptr) {
      for (std::string& near : NearWords(*spelling_, tokens[0].term, leaf.edits, kMaxFuzzyExpansion)) {
        alternatives.push_back({std::move(near), weights_.Get("correction")});
      }
    }
    return alternatives;
  }
  // A typo: one plain word of four letters or more that the index has in
  // no form, corrected from Xapian's spelling data. Short words are left
  // alone (too many near neighbours), as are words the index knows. Words
  // under seven letters get one edit, longer ones two (as Typesense does).
  if (correct_ && db_ != nullptr && leaf.type == QueryNode::Type::kWord && leaf.modifier == QueryNode::Modifier::kNone &&
      one_word && tokens[0].term.size() >= 4) {
    const std::string& term = tokens[0].term;
    const std::string stem = analyzer_.Stem(tokens[0]);
    if (!db_->term_exists(term) && (stem.empty() || !db_->term_exists(StemmedPrefix("") + stem))) {
      // Remote shards have no spelling data over the wire: the local ones
      // answer, and the user hears when none can.
      const std::string suggestion =
          spelling_ != nullptr ? spelling_->get_spelling_suggestion(term, EditsForLength(term)) : "";
      if (spelling_ == nullptr || spelling_incomplete_) {
        notices_->push_back("'" + leaf.text + "' is not in the index; spelling corrections " +
                            std::string(spelling_ == nullptr ? "are unavailable" : "come from the local shards only") +
                            " with remote shards");
      }
      if (!suggestion.empty() && suggestion != term) {
        alternatives.push_back({suggestion, weights_.Get("correction")});
        corrections_.push_back({leaf.column, leaf.text, suggestion});
      }
    }
  }
  return alternatives;
}

// How the rarity (idf) of the words as typed compares with an
// alternative's, at most 1: scaling a synonym by it keeps a two-word
// synonym ("machine learning" for ML) from outweighing the typed word.
double QueryBuilder::RarityRatio(const std::vector<std::string>& typed, const std::string& alternative) const {
  if (db_ == nullptr) return 1.0;
  const double documents = std::max<double>(1, db_->get_doccount());
  auto idf = [&](const std::string& term) { return std::log(documents / (TermFrequency(term) + 0.5)); };
  double typed_idf = 0;
  for (const std::string& term : typed) typed_idf += std::max(0.0, idf(term));
  double alternative_idf = 0;
  for (const Token& token : PhraseTokens(analyzer_.Analyze(alternative))) alternative_idf += std::max(0.0, idf(token.term));
  if (alternative_idf <= 0) return 1.0;
  return std::min(1.0, std::max(typed_idf, 1.0) / alternative_idf);
}

void QueryBuilder::FindSynonymSpans(const QueryNode& sequence) {
  if (synonyms_ == nullptr || synonyms_->empty()) return;
  // Runs of plain words ("machine learning engineer") whose words together
  // are a synonym expression; a single word is handled by its own leaf.
  std::vector<const QueryNode*> words;
  std::vector<std::vector<std::string>> terms;
  for (const QueryNode& child : sequence.children) {
    const bool plain = child.type == QueryNode::Type::kWord && child.field == nullptr &&
                       child.modifier == QueryNode::Modifier::kNone;
    if (plain) {
      words.push_back(&child);
      terms.emplace_back();
      for (const Token& token : PhraseTokens(analyzer_.Analyze(child.text))) terms.back().push_back(token.term);
    } else {
      words.push_back(nullptr);
      terms.emplace_back();
    }
  }
  for (std::size_t start = 0; start < words.size(); ++start) {
    std::vector<std::string> joined;
    for (std::size_t end = start; end < words.size() && words[end] != nullptr; ++end) {
      joined.insert(joined.end(), terms[end].begin(), terms[end].end());
      if (joined.size() > synonyms_->max_terms()) break;
      const std::size_t count = end - start + 1;
      if (count < 2) continue;
      const std::vector<std::string> alternatives = synonyms_->Alternatives(joined);
      for (const std::string& text : alternatives) {
        // Each word of the run carries a share, so that a bullet saying
        // "ML" matches every word's clause, like one saying both words.
        const double weight = weights_.Get("synonym") * RarityRatio(joined, text) / static_cast<double>(count);
        for (std::size_t k = start; k <= end; ++k) span_alternatives_[words[k]].push_back({text, weight});
      }
      if (alternatives.empty()) continue;
      std::string typed;
      for (std::size_t k = start; k <= end; ++k) typed += (typed.empty() ? "" : " ") + words[k]->text;
      for (std::size_t k = start; k <= end; ++k) span_texts_.emplace(words[k], typed);
    }
  }
}

Xapian::Query QueryBuilder::LeafOver(QueryNode::Type type, const std::vector<Token>& tokens,
                                     const Families& families, bool positive, Xapian::termcount slop) {
  switch (type) {
    case QueryNode::Type::kPhrase:
      return Phrase(PhraseTokens(tokens), families, positive, slop);
    case QueryNode::Type::kPrefix:
      return Prefix(tokens, families, positive);
    case QueryNode::Type::kPattern:
    case QueryNode::Type::kRegex:
      return AnyOfWords(tokens, families, positive);
    default:
      return Word(tokens, families, positive);
  }
}

Xapian::Query QueryBuilder::Word(const std::vector<Token>& tokens, const Families& families,
                                 bool highlight) {
  // "foo,bar" or a CJK run analyse to several words: they must be adjacent.
  if (CountWords(tokens) > 1) return Phrase(PhraseTokens(tokens), families, highlight);
  if (!HasParts(tokens, 0)) return TokenQuery(tokens[0], families, /*exact_only=*/false, highlight);
  // "tcp/ip" is found as the whole term and as its parts in a row, so that
  // "end-to-end" also finds "end to end".
  std::vector<Token> parts(tokens.begin() + 1, tokens.end());
  return Combine(Xapian::Query::OP_OR,
                 {TokenQuery(tokens[0], families, true, highlight), Phrase(parts, families, highlight)});
}

Xapian::Query QueryBuilder::Phrase(const std::vector<Token>& tokens, const Families& families,
                                   bool highlight, Xapian::termcount slop) {
  if (tokens.empty()) return Xapian::Query();
  if (tokens.size() == 1) return TokenQuery(tokens[0], families, /*exact_only=*/true, highlight);
  const Xapian::termcount window = tokens.back().position - tokens.front().position + 1 + slop;
  const double stem_weight = weights_.Get("stem");
  const std::vector<std::vector<std::string>> inflections = PhraseInflections(tokens);
  // Fields without positions (context, section) are too costly to store with
  // them; a phrase scoped to one of them (section:"computer vision") asks
  // for all its words there, which is as close as they allow.
  std::vector<Xapian::Query> alternatives;
  for (const TermFamily& family : families.list) {
    if (family.lexicon) {
      // A phrase is at most as common as its rarest word.
      const Frequency rarest = [&](const std::string& rarity_prefix) {
        Xapian::doccount least = std::numeric_limits<Xapian::doccount>::max();
        for (const Token& token : tokens) least = std::min(least, OfWord(token.term)(rarity_prefix));
        return least;
      };
      alternatives.push_back(
          LexiconQuery(family, context_.WithPhrase(*family.lexicon, tokens), family.weight, rarest));
      continue;
    }
    if (family.weight == 0 || (!family.positional && !families.scoped)) continue;
    std::vector<Xapian::Query> terms;
    for (const Token& token : tokens) terms.push_back(IndexTerm(family.prefix + token.term));
    if (!family.positional) {
      std::vector<Xapian::Query> weighed;
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        weighed.push_back(Weigh(family, family.weight, terms[i], OfWord(tokens[i].term)));
      }
      alternatives.push_back(Xapian::Query(Xapian::Query::OP_AND, weighed.begin(), weighed.end()));
      continue;
    }
    // The phrase inflected ("code reviews" for "code review"), ranked as a
    // stem match. Stems carry no positions, so each word becomes the OR of
    // the index's words with its stem. The exact phrase matches both.
    const bool inflected_too = !inflections.empty() && stem_weight > 0;
    Xapian::Query exact =
        query_weights_.Scaled(family.weight * ExactShare(inflected_too), query_weights_.Phrase(terms, window));
    if (!inflected_too) {
      alternatives.push_back(exact);
      continue;
    }
    std::vector<Xapian::Query> inflected;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      std::vector<Xapian::Query> forms = {terms[i]};
      for (const std::string& form : inflections[i]) forms.push_back(IndexTerm(family.prefix + form));
      inflected.push_back(Combine(Xapian::Query::OP_OR, forms));
    }
    // The exact phrase matches only where the inflected one does: looked
    // for only there, and not at all by the passes that only count.
    alternatives.push_back(Xapian::Query(
        Xapian::Query::OP_AND_MAYBE,
        query_weights_.Scaled(family.weight * stem_weight, query_weights_.Phrase(inflected, window)),
        exact));
  }
  if (highlight) {
    for (const Token& token : tokens) highlight_.exact.insert(token.term);
    for (const auto& forms : inflections) highlight_.exact.insert(forms.begin(), forms.end());
  }
  return Combine(Xapian::Query::OP_OR, alternatives);
}

std::vector<std::vector<std::string>> QueryBuilder::PhraseInflections(const std::vector<Token>& tokens) const {
  std::vector<std::vector<std::string>> inflections(tokens.size());
  bool any = false;
  for (std::size_t i = 0; i < tokens.size() && db_ != nullptr; ++i) {
    const std::string stem = analyzer_.Stem(tokens[i]);
    if (stem.size() < 3) continue;
    // Snowball may change a stem's last letter (studies: studi), so the
    // scan starts one letter earlier.
    const std::string start = stem.substr(0, std::max<std::size_t>(3, stem.size() - 1));
    std::size_t scanned = 0;
    for (auto it = db_->allterms_begin(start); it != db_->allterms_end(start) && scanned < kMaxTermScan;
         ++it, ++scanned) {
      Token form = tokens[i];
      form.term = *it;
      if (form.term != tokens[i].term && analyzer_.Stem(form) == stem) inflections[i].push_back(form.term);
    }
    any = any || !inflections[i].empty();
  }
  if (!any) inflections.clear();
  return inflections;
}

Xapian::Query QueryBuilder::Prefix(const std::vector<Token>& tokens, const Families& families,
                                   bool highlight) {
  // The last whole token is the prefix; earlier words of the same chunk
  // ("machine-lea*") must match as words.
  std::size_t last = tokens.size() - 1;
  while (last > 0 && tokens[last].is_part()) --last;
  const bool collecting = collect_context_runs_;
  collect_context_runs_ = collecting && last == 0;
  std::vector<Xapian::Query> clauses;
  for (std::size_t i = 0; i < last; ++i) {
    if (!tokens[i].is_part() && !HasParts(tokens, i)) {
      clauses.push_back(TokenQuery(tokens[i], families, false, highlight));
    }
  }
  const std::string& stem = tokens[last].term;
  std::vector<Xapian::Query> expansions;
  for (const TermFamily& family : families.list) {
    if (family.lexicon) {
      expansions.push_back(LexiconQuery(family, context_.WithPrefix(*family.lexicon, stem), family.weight,
                                        [&](const std::string& rarity_prefix) { return AnyWithPrefix(rarity_prefix + stem); }));
      continue;
    }
    if (family.weight == 0) continue;
    expansions.push_back(Weigh(family, family.weight,
                               PrefixExpansion(family.prefix + stem),
                               [&](const std::string& rarity_prefix) { return AnyWithPrefix(rarity_prefix + stem); }));
  }
  clauses.push_back(Combine(Xapian::Query::OP_OR, expansions));
  if (highlight) highlight_.prefixes.push_back(stem);
  collect_context_runs_ = collecting;
  return Combine(Xapian::Query::OP_AND, clauses);
}

std::vector<Token> QueryBuilder::PatternWords(const QueryNode& leaf) const {
  std::vector<Token> words;
  if (db_ == nullptr) return words;
  std::vector<std::string> found;
  if (leaf.type == QueryNode::Type::kRegex) {
    std::string error;
    bool slow = false;
    // The parser made it a regex only if it compiles.
    if (const std::optional<WordRegex> regex = WordRegex::Compile(leaf.text, &error)) {
      found = regex->WordsMatching(*db_, kMaxPrefixExpansion, &slow);
    }
    if (slow) notices_->push_back(ClauseAt(leaf) + " took too long to match some words of the index; they were left out");
  } else {
    found = WordsMatching(*db_, Analyzer::Normalize(leaf.text), kMaxPrefixExpansion);
  }
  for (std::string& word : found) words.push_back({std::move(word), 0, 0, 0, Token::Kind::kWord});
  return words;
}

Xapian::Query QueryBuilder::AnyOfWords(const std::vector<Token>& words, const Families& families, bool highlight) {
  const Frequency frequency = [&](const std::string& rarity_prefix) {
    std::vector<std::string> terms;
    for (const Token& word : words) terms.push_back(rarity_prefix + word.term);
    return AnyOf(terms);
  };
  std::vector<Xapian::Query> expansions;
  for (const TermFamily& family : families.list) {
    if (family.lexicon) {
      std::set<std::string> ids;
      for (const Token& word : words) {
        for (std::string& id : context_.WithTerm(*family.lexicon, word.term)) ids.insert(std::move(id));
      }
      expansions.push_back(LexiconQuery(family, {ids.begin(), ids.end()}, family.weight, frequency));
      continue;
    }
    if (family.weight == 0) continue;
    std::vector<Xapian::Query> terms;
    for (const Token& word : words) terms.push_back(IndexTerm(family.prefix + word.term));
    expansions.push_back(Weigh(family, family.weight, Combine(Xapian::Query::OP_SYNONYM, terms), frequency));
  }
  if (highlight) {
    for (const Token& word : words) highlight_.exact.insert(word.term);
  }
  return Combine(Xapian::Query::OP_OR, expansions);
}

Xapian::Query QueryBuilder::TokenQuery(const Token& token, const Families& families,
                                       bool exact_only, bool highlight) {
  const std::string stem = exact_only ? std::string() : analyzer_.Stem(token);
  const double stem_weight = weights_.Get("stem");
  // Snowball leaves some word families apart: "verified" stems to verifi,
  // "verification" to verif. The stem with or without the final i joins
  // them, when the index has it.
  std::vector<std::string> related_stems;
  if (!stem.empty() && db_ != nullptr && stem.size() > 3) {
    const std::string related = stem.back() == 'i' ? stem.substr(0, stem.size() - 1) : stem + 'i';
    if (TermFrequency(StemmedPrefix("") + related) > 0) related_stems.push_back(related);
  }
  std::vector<std::string> all_stems = {stem};
  all_stems.insert(all_stems.end(), related_stems.begin(), related_stems.end());
  const Frequency word_frequency = OfWord(token.term);
  const Frequency stems_frequency = [&](const std::string& rarity_prefix) {
    std::vector<std::string> terms;
    for (const std::string& s : all_stems) terms.push_back(StemmedPrefix(rarity_prefix) + s);
    return AnyOf(terms);
  };
  std::vector<Xapian::Query> alternatives;
  for (const TermFamily& family : families.list) {
    if (family.lexicon) {
      alternatives.push_back(
          LexiconQuery(family, context_.WithTerm(*family.lexicon, token.term), family.weight, word_frequency));
      if (!stem.empty() && stem_weight > 0) {
        alternatives.push_back(LexiconQuery(family, context_.WithStemOnly(*family.lexicon, stem, token.term),
                                            family.weight * stem_weight, stems_frequency));
      }
      continue;
    }
    if (family.weight == 0) continue;
    // The word as typed also has its stem: together they weigh the family's
    // weight, so that a word weighs the same whether stems are searched.
    const bool stems_too = !stem.empty() && stem_weight > 0 && family.stemmed;
    Xapian::Query q = Weigh(family, family.weight * ExactShare(stems_too), IndexTerm(family.prefix + token.term),
                            word_frequency);
    if (stems_too) {
      query_weights_.NoteStemOf(family.prefix + token.term, StemmedPrefix(family.prefix) + stem);
      std::vector<Xapian::Query> stems;
      for (const std::string& s : all_stems) stems.push_back(IndexTerm(StemmedPrefix(family.prefix) + s));
      q = Combine(Xapian::Query::OP_OR,
                  {q, Weigh(family, family.weight * stem_weight, Combine(Xapian::Query::OP_SYNONYM, stems), stems_frequency)});
    }
    alternatives.push_back(q);
  }
  if (highlight) {
    highlight_.exact.insert(token.term);
    if (!stem.empty()) highlight_.stems.insert(stem);
    for (const std::string& related : related_stems) highlight_.stems.insert(related);
  }
  return Combine(Xapian::Query::OP_OR, alternatives);
}

double QueryBuilder::ExactShare(bool stems_too) const { return stems_too ? 1 - weights_.Get("stem") : 1; }

Xapian::Query QueryBuilder::LexiconQuery(const TermFamily& family, const std::vector<std::string>& ids,
                                         double weight, const Frequency& frequency) {
  if (ids.empty() || weight == 0) return Xapian::Query();
  std::vector<std::string> terms;
  for (const std::string& id : ids) terms.push_back(family.prefix + id);
  // A word in five headings counts once: one synonym of their ids, or the
  // union of their documents.
  if (columns_ != nullptr) {
    WeightedRuns::Part part{std::make_shared<const DocRuns>(columns_->DocsWithAny(terms)),
                            ConstantWeight(family, weight, frequency)};
    if (!family.anchors && collect_context_runs_) {
      part.weight *= context_scale_;
      context_runs_.push_back(std::move(part));
      return Xapian::Query();
    }
    return query_weights_.Runs(std::make_shared<const WeightedRuns>(WeightedRuns::Sum({part})));
  }
  return Weigh(family, weight, Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end()), frequency);
}

Xapian::Query QueryBuilder::Weigh(const TermFamily& family, double weight, Xapian::Query query,
                                  const Frequency& frequency) {
  if (query.empty()) return query;
  if (!family.rarity_prefix) return query_weights_.Scaled(weight, std::move(query));
  return Xapian::Query(Xapian::Query::OP_FILTER, query_weights_.Fixed(ConstantWeight(family, weight, frequency)),
                       std::move(query));
}

double QueryBuilder::ConstantWeight(const TermFamily& family, double weight, const Frequency& frequency) const {
  // Xapian's BM25 idf, which is what one occurrence weighs in a bullet of
  // average length; without a database, 1.
  if (db_ == nullptr || !family.rarity_prefix) return weight;
  const double documents = db_->get_doccount();
  const double matching = std::min(frequency(*family.rarity_prefix), db_->get_doccount());
  const double rarity = (documents - matching + 0.5) / (matching + 0.5);
  return weight * std::log(rarity < 2 ? rarity * 0.5 + 1 : rarity);
}

QueryBuilder::Frequency QueryBuilder::OfWord(const std::string& word) const {
  return [this, word](const std::string& rarity_prefix) { return AnyOf({rarity_prefix + word}); };
}

Xapian::doccount QueryBuilder::AnyOf(const std::vector<std::string>& terms) const {
  Xapian::doccount sum = 0;
  for (const std::string& term : terms) sum += TermFrequency(term);
  return sum;
}

Xapian::doccount QueryBuilder::TermFrequency(const std::string& term) const {
  if (db_ == nullptr) return 1;
  auto [it, inserted] = frequencies_->try_emplace(term, 0);
  if (inserted) it->second = db_->get_termfreq(term);
  return it->second;
}

Xapian::Query QueryBuilder::IndexTerm(const std::string& term) const {
  return prune_absent_terms_ && TermFrequency(term) == 0 ? Xapian::Query() : Xapian::Query(term);
}

Xapian::doccount QueryBuilder::AnyWithPrefix(const std::string& prefix) const {
  Xapian::doccount sum = 0;
  std::size_t scanned = 0;
  for (auto it = db_->allterms_begin(prefix); it != db_->allterms_end(prefix) && scanned < kMaxTermScan;
       ++it, ++scanned) {
    sum += it.get_termfreq();
  }
  return sum;
}

Xapian::Query QueryBuilder::PrefixExpansion(const std::string& prefix) const {
  if (db_ == nullptr) return Xapian::Query();
  std::vector<std::pair<Xapian::doccount, std::string>> terms;  // in term order
  for (auto it = db_->allterms_begin(prefix); it != db_->allterms_end(prefix); ++it) {
    terms.emplace_back(it.get_termfreq(), *it);
  }
  if (terms.empty()) return Xapian::Query();
  if (terms.size() > kMaxPrefixExpansion) {
    std::stable_sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    terms.resize(kMaxPrefixExpansion);
  }
  std::vector<Xapian::Query> kept;
  for (auto& [frequency, term] : terms) kept.emplace_back(std::move(term));
  return Xapian::Query(Xapian::Query::OP_SYNONYM, kept.begin(), kept.end());
}

}  // namespace notesearch
