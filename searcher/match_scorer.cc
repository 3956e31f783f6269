#include "searcher/match_scorer.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <map>
#include <queue>
#include <set>
#include <span>
#include <string>

#include "core/thread_beside.h"
#include "searcher/doc_bitmap.h"

namespace notesearch {

Xapian::Query QueryWeights::Scaled(double factor, Xapian::Query query) {
  Xapian::Query scaled(Xapian::Query::OP_SCALE_WEIGHT, query, factor);
  // Xapian leaves value ranges unscaled (they weigh nothing).
  if (scaled.internal.get() != query.internal.get()) nodes_.insert_or_assign(scaled.internal.get(), Node{factor, {}});
  return scaled;
}

Xapian::Query QueryWeights::Fixed(double weight) {
  auto* source = new Xapian::FixedWeightPostingSource(weight);
  Xapian::Query query(source->release());
  nodes_.insert_or_assign(query.internal.get(), Node{weight, {}});
  return query;
}

Xapian::Query QueryWeights::Runs(std::shared_ptr<const WeightedRuns> docs) {
  auto* source = new DocRunsPostingSource(docs);
  Xapian::Query query(source->release());
  nodes_.insert_or_assign(query.internal.get(), Node{0, std::move(docs)});
  return query;
}

Xapian::Query QueryWeights::Phrase(const std::vector<Xapian::Query>& words, Xapian::termcount window) {
  Xapian::Query phrase(Xapian::Query::OP_PHRASE, words.begin(), words.end(), window);
  if (phrase.get_type() == Xapian::Query::OP_PHRASE) {
    nodes_.insert_or_assign(phrase.internal.get(), Node{0, {}, window});
  }
  return phrase;
}

void QueryWeights::NoteStemOf(const std::string& word_term, const std::string& stem_term) {
  std::vector<std::string>& words = words_of_stem_[stem_term];
  if (std::find(words.begin(), words.end(), word_term) == words.end()) words.push_back(word_term);
}

const std::vector<std::string>* QueryWeights::WordsOfStem(const std::string& stem_term) const {
  const auto it = words_of_stem_.find(stem_term);
  return it == words_of_stem_.end() ? nullptr : &it->second;
}

const QueryWeights::Node* QueryWeights::Find(const Xapian::Query& node) const {
  const auto it = nodes_.find(node.internal.get());
  return it == nodes_.end() ? nullptr : &it->second;
}

namespace {

using Q = Xapian::Query;

// Above this many documents with all words of a phrase, Xapian's matcher
// finds those with the phrase: it reads each word's positions along one
// cursor, where a lookup per document here costs 2-4 us. A quoted
// "machine learning" on 100 copies (52,600 documents with both words): 417
// ms checked here, 63 ms when the whole query went to Xapian's matcher, 41
// ms with only the phrase's documents from it; on one copy 835 -> 560 us.
constexpr Xapian::doccount kMaxPhraseCandidates = 256;

// Below this many postings in all, a query's lists are read on one thread:
// starting a thread (~50 us) would cost more than it saves. A posting costs
// ~100 instructions to read through Xapian's API; `machine learning` on
// 100 copies reads 389,000, on one copy 3,900.
constexpr Xapian::doccount kMinPostingsToShare = 20000;

struct Posting {
  Xapian::docid doc;
  Xapian::termcount wdf;
};
Xapian::docid DocOf(const Posting& posting) { return posting.doc; }

// A term's posting list, read once however often the query names it; its
// wdfs only once something weighs it.
struct TermPostings {
  std::shared_ptr<const DocBitmap> docs;
  std::vector<Posting> postings;
  bool weighed = false;  // `postings` hold the list
};

// `termfreq` is `term`'s in `db`.
TermPostings ReadPostings(const Xapian::Database& db, const std::string& term, Xapian::doccount termfreq,
                          bool weighed) {
  TermPostings read;
  DocBitmap docs = DocBitmap::None(db);
  docs.Expect(termfreq);
  if (weighed) read.postings.reserve(termfreq);  // no regrowth: lists run to 100,000s
  for (auto posting = db.postlist_begin(term); posting != db.postlist_end(term); ++posting) {
    docs.Set(*posting);
    if (weighed) read.postings.push_back({*posting, posting.get_wdf()});
  }
  read.docs = std::make_shared<const DocBitmap>(std::move(docs));
  read.weighed = weighed;
  return read;
}

// Something the query weighs: a term (or a synonym of terms) by BM25, or
// a posting source's constants. It adds its weight where it matches and
// every node in `within` matches too (the AND-like nodes above it whose
// matches its own do not imply).
struct WeightedPart {
  double factor;
  const std::vector<Posting>* postings = nullptr;  // a term's or synonym's
  Xapian::doccount termfreq = 0;
  bool synonym = false;
  const QueryWeights::Node* source = nullptr;
  std::vector<std::size_t> within;
};

class Scorer {
 public:
  Scorer(const Xapian::Database& db, const QueryWeights& weights) : db_(db), weights_(weights) {}

  // Reads the posting lists of `query`'s terms before evaluating it, the
  // longest half of them on a second thread with a handle from `second`
  // when they are long enough to pay for it.
  void ReadAhead(const Q& query, bool weighed, const SecondHandle& second);

  // The node of `query` weighed by `factor`, its weights added only within
  // the nodes `within`; nullopt when only Xapian's matcher evaluates it.
  std::optional<std::size_t> Evaluate(const Q& query, double factor, const std::vector<std::size_t>& within);

  // The matches of node `root` with their weights; `lengths` by document
  // id, or empty to read them from the database.
  std::vector<ScoredMatch> Weigh(std::size_t root, const Bm25Parameters& bm25, std::span<const std::uint32_t> lengths);
  // The matches of node `root`.
  DocBitmap MatchesOf(std::size_t root) const { return nodes_[root] ? *nodes_[root] : Universe(); }

 private:
  // A node's matches; null: every document (a fixed-weight source).
  using Matches = std::shared_ptr<const DocBitmap>;

  std::size_t Add(Matches docs) {
    nodes_.push_back(std::move(docs));
    return nodes_.size() - 1;
  }
  // A term's weight is linear in its factor, so a term weighed again under
  // the same nodes (a word and its synonym both naming it) adds its factor
  // to the first part rather than walking the postings twice.
  void AddTermPart(double factor, const TermPostings& read, Xapian::doccount termfreq,
                   const std::vector<std::size_t>& within) {
    for (WeightedPart& part : parts_) {
      if (part.postings == &read.postings && !part.synonym && part.within == within) {
        part.factor += factor;
        return;
      }
    }
    parts_.push_back({factor, &read.postings, termfreq, false, nullptr, within});
  }
  const TermPostings& Read(const std::string& term, bool weighed);
  // The term whose posting list is read for `term`: a stem's word's when
  // the two are one list (QueryWeights::NoteStemOf), else `term`.
  const std::string& ListOf(const std::string& term);
  // A term's frequency, looked up once per query (each lookup walks
  // Xapian's B-tree; a query asks for most terms several times).
  Xapian::doccount TermFrequency(const std::string& term);
  std::optional<std::size_t> Synonym(const std::vector<std::string>& terms, double factor,
                                     const std::vector<std::size_t>& within);
  std::optional<std::size_t> Source(const Q& query, double factor, const std::vector<std::size_t>& within);
  std::optional<std::size_t> Combination(const Q& query, double factor, const std::vector<std::size_t>& within);
  std::optional<std::size_t> Phrase(const Q& query, double factor, const std::vector<std::size_t>& within);
  // The documents of `candidates` where the phrase of the words `forms`
  // (each word's terms) within `window` matches; `query` is that phrase,
  // or a query that finds it at least in `candidates`, for Xapian's
  // matcher.
  DocBitmap PhraseMatches(const Q& query, const std::vector<std::vector<std::string>>& forms,
                          Xapian::termcount window, const DocBitmap& candidates);
  DocBitmap Universe() const;

  const Xapian::Database& db_;
  const QueryWeights& weights_;
  std::vector<Matches> nodes_;
  std::unordered_map<std::string, TermPostings> terms_;
  std::unordered_map<std::string, Xapian::doccount> termfreqs_;
  std::unordered_map<std::string, std::string> lists_;  // ListOf's answers for stems
  std::deque<std::vector<Posting>> merged_;  // synonyms' postings
  std::vector<WeightedPart> parts_;          // in the query's order
  // The phrase nodes evaluated so far: each word's terms, and the window.
  struct PhraseShape {
    std::vector<std::vector<std::string>> forms;
    Xapian::termcount window;
  };
  std::unordered_map<std::size_t, PhraseShape> phrases_;
  // The matches of each phrase checked in full, by its words' terms and
  // window: a query of several words names a phrase twice (with all words
  // and with some), and its check is the costliest part of the search.
  std::map<std::pair<std::vector<std::vector<std::string>>, Xapian::termcount>, Matches> checked_phrases_;
};

std::optional<std::size_t> Scorer::Evaluate(const Q& query, double factor, const std::vector<std::size_t>& within) {
  switch (query.get_type()) {
    case Q::LEAF_TERM: {
      const std::string term = *query.get_terms_begin();
      const TermPostings& read = Read(term, factor != 0);
      if (factor != 0) AddTermPart(factor, read, TermFrequency(term), within);
      return Add(read.docs);
    }
    case Q::LEAF_MATCH_NOTHING:
      return Add(std::make_shared<const DocBitmap>(DocBitmap::None(db_)));
    case Q::LEAF_MATCH_ALL:
      if (factor != 0) return std::nullopt;
      return Add(nullptr);
    case Q::LEAF_POSTING_SOURCE:
      return Source(query, factor, within);
    case Q::OP_SCALE_WEIGHT: {
      // What weighs nothing stays so, whatever the scale.
      if (factor == 0) return Evaluate(query.get_subquery(0), 0, within);
      const QueryWeights::Node* scale = weights_.Find(query);
      if (scale == nullptr) return std::nullopt;
      return Evaluate(query.get_subquery(0), factor * scale->weight, within);
    }
    case Q::OP_SYNONYM: {
      if (factor == 0) return Combination(query, 0, within);  // as an OR
      std::vector<std::string> terms;
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        const Q sub = query.get_subquery(i);
        if (sub.get_type() != Q::LEAF_TERM) return std::nullopt;
        terms.push_back(*sub.get_terms_begin());
      }
      return Synonym(terms, factor, within);
    }
    case Q::OP_MAX:
    case Q::OP_ELITE_SET:
      if (factor == 0) return Combination(query, 0, within);  // as an OR
      return std::nullopt;
    case Q::OP_OR:
    case Q::OP_AND:
    case Q::OP_AND_MAYBE:
    case Q::OP_FILTER:
    case Q::OP_AND_NOT:
      return Combination(query, factor, within);
    case Q::OP_PHRASE:
      return Phrase(query, factor, within);
    default:  // wildcards, NEAR, value ranges, ...
      return std::nullopt;
  }
}

const TermPostings& Scorer::Read(const std::string& term, bool weighed) {
  const std::string& list = ListOf(term);
  TermPostings& read = terms_[list];
  if (read.docs == nullptr || (weighed && !read.weighed)) read = ReadPostings(db_, list, TermFrequency(list), weighed);
  return read;
}

const std::string& Scorer::ListOf(const std::string& term) {
  const std::vector<std::string>* words = weights_.WordsOfStem(term);
  if (words == nullptr) return term;
  const auto [known, added] = lists_.try_emplace(term, term);
  if (!added) return known->second;
  for (const std::string& word : *words) {
    // Every posting of the word's is one of the stem's with at most its
    // wdf: as many postings and as much wdf in all means the same list.
    if (TermFrequency(word) == TermFrequency(term) &&
        db_.get_collection_freq(word) == db_.get_collection_freq(term)) {
      known->second = word;
      break;
    }
  }
  return known->second;
}

Xapian::doccount Scorer::TermFrequency(const std::string& term) {
  const auto [it, added] = termfreqs_.try_emplace(term, 0);
  if (added) it->second = db_.get_termfreq(term);
  return it->second;
}

void Scorer::ReadAhead(const Q& query, bool weighed, const SecondHandle& second) {
  if (!second) return;
  std::vector<std::pair<Xapian::doccount, std::string>> terms;
  Xapian::doccount postings = 0;
  std::set<std::string> lists;
  for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term) {
    const std::string list = ListOf(*term);  // may be the iterator's temporary
    if (!lists.insert(list).second) continue;
    terms.emplace_back(TermFrequency(list), list);
    postings += terms.back().first;
  }
  if (postings < kMinPostingsToShare) return;
  const Xapian::Database* other = second();
  if (other == nullptr) return;
  // Longest first, each to the thread with fewer postings so far.
  std::sort(terms.begin(), terms.end(), std::greater<>());
  std::vector<const std::string*> here;
  struct Ahead {
    std::string term;
    Xapian::doccount termfreq;
    TermPostings read;
  };
  std::vector<Ahead> there;  // the helper touches nothing of the scorer's but these
  Xapian::doccount here_postings = 0, there_postings = 0;
  for (const auto& [length, term] : terms) {
    if (here_postings <= there_postings) {
      here.push_back(&term);
      here_postings += length;
    } else {
      there.push_back({term, length, {}});
      there_postings += length;
    }
  }
  std::exception_ptr error;
  {
    ThreadBeside helper([&] {
      try {
        for (Ahead& ahead : there) ahead.read = ReadPostings(*other, ahead.term, ahead.termfreq, weighed);
      } catch (...) {
        error = std::current_exception();
      }
    });
    for (const std::string* term : here) Read(*term, weighed);
  }
  if (error) std::rethrow_exception(error);
  for (Ahead& ahead : there) terms_.insert_or_assign(ahead.term, std::move(ahead.read));
}

// Xapian weighs a synonym as one term: its wdf is the sum of its terms',
// its frequency estimated from theirs assuming independence, two at a
// time from the rarest up (Xapian's tree of OrPostLists), rounded each time.
std::optional<std::size_t> Scorer::Synonym(const std::vector<std::string>& terms, double factor,
                                           const std::vector<std::size_t>& within) {
  if (terms.empty()) return Add(std::make_shared<const DocBitmap>(DocBitmap::None(db_)));
  std::vector<const TermPostings*> each;
  std::priority_queue<double, std::vector<double>, std::greater<>> rarest;
  for (const std::string& term : terms) {
    each.push_back(&Read(term, factor != 0));
    rarest.push(TermFrequency(term));
  }
  auto docs = std::make_shared<DocBitmap>(*each.front()->docs);
  for (std::size_t i = 1; i < each.size(); ++i) docs->Unite(*each[i]->docs);
  if (factor == 0) return Add(std::move(docs));
  const double documents = db_.get_doccount();
  while (rarest.size() > 1) {
    const double r = rarest.top();
    rarest.pop();
    const double l = rarest.top();
    rarest.pop();
    rarest.push(static_cast<Xapian::doccount>(l + r - l * r / documents + 0.5));
  }
  std::vector<Posting>& merged = merged_.emplace_back(each.front()->postings);
  for (std::size_t t = 1; t < each.size(); ++t) {
    const std::vector<Posting>& a = merged;
    const std::vector<Posting>& b = each[t]->postings;
    std::vector<Posting> both;
    both.reserve(a.size() + b.size());
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
      if (j == b.size() || (i < a.size() && a[i].doc < b[j].doc)) {
        both.push_back(a[i++]);
      } else if (i == a.size() || b[j].doc < a[i].doc) {
        both.push_back(b[j++]);
      } else {
        both.push_back({a[i].doc, a[i].wdf + b[j].wdf});
        ++i, ++j;
      }
    }
    merged = std::move(both);
  }
  parts_.push_back({factor, &merged, static_cast<Xapian::doccount>(rarest.top()), true, nullptr, within});
  return Add(std::move(docs));
}

std::optional<std::size_t> Scorer::Source(const Q& query, double factor, const std::vector<std::size_t>& within) {
  const QueryWeights::Node* source = weights_.Find(query);
  if (source == nullptr) return std::nullopt;
  if (factor != 0) parts_.push_back({factor, nullptr, 0, false, source, within});
  if (source->runs == nullptr) return Add(nullptr);
  auto docs = std::make_shared<DocBitmap>(DocBitmap::None(db_));
  for (const WeightedRuns::Run& run : source->runs->runs()) docs->SetRange(run.first, run.last);
  return Add(std::move(docs));
}

// How Xapian weighs the operators: OR and AND add their parts' weights;
// AND_MAYBE adds its optional parts' where its first part matches; FILTER
// and AND_NOT weigh by their first part only. Unweighted, SYNONYM, MAX and
// ELITE_SET match as OR does.
std::optional<std::size_t> Scorer::Combination(const Q& query, double factor, const std::vector<std::size_t>& within) {
  const Q::op op = query.get_type();
  const bool any = op == Q::OP_OR || op == Q::OP_SYNONYM || op == Q::OP_MAX || op == Q::OP_ELITE_SET;
  // The node's own index, reserved before its parts so that they can be
  // weighed within it; its matches are set at the end.
  const std::size_t self = Add(nullptr);
  std::vector<std::size_t> inner = within;
  inner.push_back(self);
  // What the node matches so far, shared with its first part until a
  // second one changes it (a copy is 185 KiB on 100 copies of the notes).
  Matches docs;
  std::shared_ptr<DocBitmap> changed;  // `docs` once copied
  auto change = [&]() -> DocBitmap& {
    if (changed == nullptr) docs = changed = std::make_shared<DocBitmap>(*docs);
    return *changed;
  };
  bool every = !any;  // what the node matches so far, when `docs` is empty
  std::optional<DocBitmap> excluded;  // AND_NOT's
  bool excludes_every = false;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    const bool first = i == 0;
    const bool weighed = first || any || op == Q::OP_AND || op == Q::OP_AND_MAYBE;
    // An OR's part adds weight only where it matches, and so where the OR
    // does; AND_MAYBE matches where its first part does.
    const bool implied = any || (op == Q::OP_AND_MAYBE && first);
    const std::optional<std::size_t> part =
        Evaluate(query.get_subquery(i), weighed ? factor : 0, implied ? within : inner);
    if (!part) return std::nullopt;
    const Matches matched = nodes_[*part];
    if (op == Q::OP_AND_MAYBE) {
      if (first) {
        nodes_[self] = matched;
        inner.back() = *part;  // the optional parts weigh within the first's matches
      }
      continue;
    }
    if (op == Q::OP_AND_NOT && !first) {
      if (!matched) excludes_every = true;
      else if (excluded) excluded->Unite(*matched);
      else excluded = *matched;
    } else if (any) {
      if (!matched) every = true;
      else if (docs) change().Unite(*matched);
      else docs = matched;
    } else if (matched) {  // AND, FILTER and AND_NOT's first part; every document takes nothing away
      if (docs) change().Intersect(*matched);
      else docs = matched;
      every = false;
    }
  }
  if (op == Q::OP_AND_MAYBE) return self;
  if (excludes_every) {
    nodes_[self] = std::make_shared<const DocBitmap>(DocBitmap::None(db_));
  } else if (excluded) {
    if (every) docs = changed = std::make_shared<DocBitmap>(Universe());
    change().Subtract(*excluded);
    nodes_[self] = docs;
  } else if (every) {
    return self;  // every document
  } else {
    nodes_[self] = docs ? docs : std::make_shared<const DocBitmap>(DocBitmap::None(db_));
  }
  return self;
}

// Xapian weighs a phrase as the AND of its words (each word a term or an
// OR of its forms) and matches it where the words come in order within
// the window (one after the other when the window is the word count).
std::optional<std::size_t> Scorer::Phrase(const Q& query, double factor, const std::vector<std::size_t>& within) {
  const QueryWeights::Node* phrase = weights_.Find(query);
  if (phrase == nullptr) return std::nullopt;
  const std::size_t self = Add(nullptr);
  std::vector<std::size_t> inner = within;
  inner.push_back(self);
  std::vector<std::vector<std::string>> words;  // the forms of each word
  std::optional<DocBitmap> candidates;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    const Q word = query.get_subquery(i);
    std::vector<std::string>& forms = words.emplace_back();
    if (word.get_type() == Q::LEAF_TERM) {
      forms.push_back(*word.get_terms_begin());
    } else if (word.get_type() == Q::OP_OR) {
      for (std::size_t f = 0; f < word.get_num_subqueries(); ++f) {
        if (word.get_subquery(f).get_type() != Q::LEAF_TERM) return std::nullopt;
        forms.push_back(*word.get_subquery(f).get_terms_begin());
      }
    } else {
      return std::nullopt;
    }
    const std::optional<std::size_t> part = Evaluate(word, factor, inner);
    if (!part) return std::nullopt;
    if (candidates) candidates->Intersect(*nodes_[*part]);
    else candidates = *nodes_[*part];
  }
  if (!candidates) return std::nullopt;
  // A window of 0 is the word count.
  const auto window = std::max<Xapian::termcount>(phrase->window, static_cast<Xapian::termcount>(words.size()));
  auto [checked, first_check] = checked_phrases_.try_emplace({words, window});
  if (!first_check) {
    nodes_[self] = checked->second;
    phrases_[self] = {std::move(words), window};
    return self;
  }
  // The phrase as typed weighs within its inflected form's matches (the
  // query builder's AND_MAYBE): it can match only there, and it matches
  // wherever that one does in a document with no other form of its words,
  // since every place the inflected phrase found is then of its forms. Only
  // the rest need positions read: for quoted "machine learning" on 100
  // copies, the documents with "machines", "learned", ... among the 51,800
  // with both words.
  std::optional<DocBitmap> implied;
  Q to_check = query;  // for Xapian's matcher
  for (auto node = within.rbegin(); node != within.rend() && !implied; ++node) {
    const auto wider = phrases_.find(*node);
    if (wider == phrases_.end() || wider->second.window != window || wider->second.forms.size() != words.size() ||
        nodes_[*node] == nullptr) {
      continue;
    }
    DocBitmap other_forms = DocBitmap::None(db_);
    std::vector<Q> other_terms;
    bool contains = true;
    for (std::size_t i = 0; i < words.size() && contains; ++i) {
      const std::vector<std::string>& theirs = wider->second.forms[i];
      for (const std::string& form : words[i]) contains = contains && std::ranges::count(theirs, form) > 0;
      for (const std::string& form : theirs) {
        if (std::ranges::count(words[i], form) > 0) continue;
        other_forms.Unite(*Read(form, false).docs);
        other_terms.emplace_back(form);
      }
    }
    if (!contains) continue;
    candidates->Intersect(*nodes_[*node]);
    implied = *candidates;
    implied->Subtract(other_forms);
    candidates->Intersect(other_forms);
    to_check = Q(Q::OP_FILTER, query, Q(Q::OP_OR, other_terms.begin(), other_terms.end()));
  }
  auto docs = std::make_shared<DocBitmap>(PhraseMatches(to_check, words, window, *candidates));
  if (implied) {
    docs->Unite(*implied);
    checked_phrases_.erase(checked);  // only where the inflected phrase matched
  } else {
    checked->second = docs;
  }
  phrases_[self] = {std::move(words), window};
  nodes_[self] = std::move(docs);
  return self;
}

DocBitmap Scorer::PhraseMatches(const Q& query, const std::vector<std::vector<std::string>>& forms,
                                Xapian::termcount window, const DocBitmap& candidates) {
  // Each candidate checked here costs a position list per word (a B-tree
  // lookup each); Xapian's matcher reads each word's positions along one
  // cursor in document order. Its match spies see a shard's own document
  // ids, so over shards the matches are read from its MSet instead.
  if (candidates.count() > kMaxPhraseCandidates) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    DocBitmap docs = DocBitmap::None(db_);
    if (db_.size() != 1) {
      const Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
      for (auto it = mset.begin(); it != mset.end(); ++it) docs.Set(*it);
    } else {
      DocBitmapSpy matches(db_);
      enquire.add_matchspy(&matches);
      enquire.get_mset(0, 0, db_.get_doccount());
      docs = std::move(matches.docs());
    }
    return docs;
  }
  DocBitmap docs = DocBitmap::None(db_);
  std::vector<std::vector<Xapian::termpos>> positions(forms.size());
  candidates.ForEach([&](Xapian::docid doc) {
    for (std::size_t i = 0; i < forms.size(); ++i) {
      positions[i].clear();
      for (const std::string& form : forms[i]) {
        if (!Read(form, false).docs->Contains(doc)) continue;
        for (auto it = db_.positionlist_begin(doc, form); it != db_.positionlist_end(doc, form); ++it) {
          positions[i].push_back(*it);
        }
      }
      std::sort(positions[i].begin(), positions[i].end());
    }
    // From each place of the first word, the earliest later place of each
    // next word ends the shortest window.
    for (const Xapian::termpos start : positions[0]) {
      Xapian::termpos at = start;
      bool placed = true;
      for (std::size_t i = 1; i < forms.size() && placed; ++i) {
        const auto next = std::upper_bound(positions[i].begin(), positions[i].end(), at);
        placed = next != positions[i].end();
        if (placed) at = *next;
      }
      if (placed && at - start < window) {
        docs.Set(doc);
        break;
      }
    }
  });
  return docs;
}

DocBitmap Scorer::Universe() const {
  DocBitmap docs = DocBitmap::None(db_);
  docs.SetPostings(std::string(), db_);
  return docs;
}

std::vector<ScoredMatch> Scorer::Weigh(std::size_t root, const Bm25Parameters& bm25,
                                       std::span<const std::uint32_t> lengths) {
  std::optional<DocBitmap> every;  // when the root matches every document
  const DocBitmap& matches = nodes_[root] ? *nodes_[root] : every.emplace(Universe());
  DocBitmap::Ranks rank(matches);
  // Where each part may add weight: the matches within its nodes (the
  // root's are the matches themselves, a null node's every document);
  // parts under the same nodes share one set.
  std::map<std::vector<std::size_t>, DocBitmap> allowed_within;
  auto allowed = [&](const std::vector<std::size_t>& within) -> const DocBitmap& {
    const auto narrows = [&](std::size_t node) { return node != root && nodes_[node] != nullptr; };
    if (std::none_of(within.begin(), within.end(), narrows)) return matches;
    auto [it, inserted] = allowed_within.try_emplace(within, matches);
    if (inserted) {
      for (const std::size_t node : within) {
        if (narrows(node)) it->second.Intersect(*nodes_[node]);
      }
    }
    return it->second;
  };
  std::vector<double> weights(matches.count(), 0.0);  // by rank among the matches
  // Without them, the lengths of the documents a term weighs, read in
  // document order (Xapian reads lengths from a list of its own, fastest
  // forward, about 2,500 instructions a document).
  std::vector<std::uint32_t> read_lengths;  // by rank
  const bool lengths_held = lengths.size() > db_.get_lastdocid();
  if (!lengths_held) {
    DocBitmap needs_length = DocBitmap::None(db_);
    for (const WeightedPart& part : parts_) {
      if (part.postings == nullptr) continue;
      const DocBitmap& where = allowed(part.within);
      where.ForEachIn(*part.postings, DocOf, [&](const Posting& posting) { needs_length.Set(posting.doc); });
    }
    read_lengths.resize(weights.size(), 0);
    needs_length.ForEach([&](Xapian::docid doc) { read_lengths[rank.Of(doc)] = db_.get_doclength(doc); });
  }
  // BM25Weight::init and get_sumpart of Xapian 1.4 (k2 = 0, k3 = 1, wqf = 1).
  const double collection = db_.get_doccount();
  const double average_length = db_.get_avlength();
  const double length_factor = average_length == 0 ? 0 : 1 / average_length;
  for (const WeightedPart& part : parts_) {
    const DocBitmap& where = allowed(part.within);
    if (part.source != nullptr) {
      if (part.source->runs == nullptr) {
        const double weight = part.factor * part.source->weight;
        where.ForEach([&](Xapian::docid doc) { weights[rank.Of(doc)] += weight; });
        continue;
      }
      for (const WeightedRuns::Run& run : part.source->runs->runs()) {
        const double weight = part.factor * run.weight;
        where.ForEachInRange(run.first, run.last, [&](Xapian::docid doc) { weights[rank.Of(doc)] += weight; });
      }
      continue;
    }
    double rarity = (collection - part.termfreq + 0.5) / (part.termfreq + 0.5);
    if (rarity < 2) rarity = rarity * 0.5 + 1;
    const double termweight = std::log(rarity) * part.factor * (bm25.k1 + 1);
    where.ForEachIn(*part.postings, DocOf, [&](const Posting& posting) {
      const Xapian::doccount at = rank.Of(posting.doc);
      const Xapian::termcount length = lengths_held ? lengths[posting.doc] : read_lengths[at];
      // A synonym's wdf may exceed the length; Xapian clamps it.
      const double wdf = part.synonym ? std::min(posting.wdf, length) : posting.wdf;
      const double normalised = std::max(length * length_factor, bm25.min_normlen);
      weights[at] += termweight * (wdf / (bm25.k1 * (normalised * bm25.b + (1 - bm25.b)) + wdf));
    });
  }
  std::vector<ScoredMatch> scored;
  scored.reserve(weights.size());
  matches.ForEach([&](Xapian::docid doc) { scored.push_back({doc, weights[scored.size()]}); });
  return scored;
}

}  // namespace

std::optional<DocBitmap> MatchesOf(const Xapian::Query& query, const Xapian::Database& db,
                                   const QueryWeights& weights, const SecondHandle& second) {
  Scorer scorer(db, weights);
  scorer.ReadAhead(query, /*weighed=*/false, second);
  const std::optional<std::size_t> root = scorer.Evaluate(query, 0, {});
  if (!root) return std::nullopt;
  return scorer.MatchesOf(*root);
}

std::optional<std::vector<ScoredMatch>> ScoreMatches(const Xapian::Query& query, const Xapian::Database& db,
                                                     const QueryWeights& weights, const Bm25Parameters& bm25,
                                                     std::span<const std::uint32_t> lengths,
                                                     const SecondHandle& second) {
  Scorer scorer(db, weights);
  scorer.ReadAhead(query, /*weighed=*/true, second);
  const std::optional<std::size_t> root = scorer.Evaluate(query, 1, {});
  if (!root) return std::nullopt;
  return scorer.Weigh(*root, bm25, lengths);
}

}  // namespace notesearch
