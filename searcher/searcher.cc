#include "searcher/searcher.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "analysis/analysis_settings.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/index_store.h"
#include "searcher/doc_bitmap.h"
#include "searcher/doc_columns.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"

namespace notesearch {

namespace fs = std::filesystem;

namespace {

// A writer can commit between our reads; Xapian then throws
// DatabaseModifiedError and a reopen sees the new revision.
constexpr int kMaxReopenAttempts = 3;
constexpr std::string_view kRemoteScheme = "tcp://";
// About 4 MiB of remembered term frequencies per searcher (a search looks
// up some 40 terms).
constexpr std::size_t kMaxRememberedTermFrequencies = 1 << 16;

// Searches running in this process. Reading posting lists on a second
// thread pays while a core has no search of its own; a server with every
// core busy lost 4 % of its rate to it (100 copies, 8 connections).
std::atomic<unsigned> searches_running{0};
class SearchRunning {
 public:
  SearchRunning() { ++searches_running; }
  ~SearchRunning() { --searches_running; }
  SearchRunning(const SearchRunning&) = delete;
  SearchRunning& operator=(const SearchRunning&) = delete;
};

std::string RebuildHint(const std::string& spec) {
  return "rebuild it with: notesearch index --rebuild --db " + spec + " [PATH...]";
}

// Search as you type: the word being typed is a prefix ("pyto" finds
// PyTorch); two letters at least, to bound the expansion. A word that starts
// no word of the index stays a word, so that a typo is still corrected.
void MarkLastWordAsPrefix(QueryNode& root, const Xapian::Database& db, const Analyzer& analyzer) {
  if (root.children.empty()) return;
  QueryNode& last = root.children.back();
  // A word~ is finished: the '~' came after it.
  if (last.type != QueryNode::Type::kWord || last.text.size() < 2 || last.edits > 0) return;
  const std::vector<Token> tokens = analyzer.Analyze(last.text);
  if (tokens.empty()) return;
  const std::string& start = tokens.back().term;
  if (db.allterms_begin(start) != db.allterms_end(start)) last.type = QueryNode::Type::kPrefix;
}

const Field& FacetField(const std::string& name) {
  const Field* field = FindField(name);
  if (field == nullptr || field->facet_slot == Xapian::BAD_VALUENO) {
    throw UsageError("no facet '" + name + "' (facets: " + FacetFieldNames() + ")");
  }
  return *field;
}

// The values of documents visited in increasing docid order, read by
// walking each slot's value stream (a chunk at a time) rather than seeking
// each document's value in the B-tree, which is what a match spy's
// Xapian::Document does.
class ValueStreams {
 public:
  explicit ValueStreams(const Xapian::Database& db) : db_(db) {}
  void MoveTo(Xapian::docid doc) { doc_ = doc; }
  std::string operator()(Xapian::valueno slot) {
    auto [entry, added] = streams_.try_emplace(slot);
    Xapian::ValueIterator& values = entry->second;
    if (added) values = db_.valuestream_begin(slot);
    const Xapian::ValueIterator end = db_.valuestream_end(slot);
    if (values != end && values.get_docid() < doc_) values.skip_to(doc_);
    return values != end && values.get_docid() == doc_ ? *values : std::string();
  }

 private:
  const Xapian::Database& db_;
  Xapian::docid doc_ = 0;
  std::map<Xapian::valueno, Xapian::ValueIterator> streams_;
};

// Counts the values of facet fields over the whole match set. Value i of a
// block is in slot base + i, and a block's slots fill from the base up, so
// counting reads a block's slots up to its first empty one, or its value ids
// from `columns` when the searcher holds them. On local shards one spy does
// that for every field; a remote shard runs stock match spies only, so there
// each slot in use gets a Xapian::ValueCountMatchSpy.
class FacetCounter {
 public:
  FacetCounter(const Xapian::Database& db, const std::vector<std::string>& fields, bool stock_spies,
               const DocColumns* columns, const EntityAliases& aliases)
      : db_(db), aliases_(aliases), stock_(stock_spies), columns_(columns) {
    for (const std::string& name : fields) {
      const Field& field = FacetField(name);
      Counted counted{&field, field.facet_slot, field.facet_slot, {}, {}, {}, {}, {}, {}};
      counted.aliased = field.notes_give_aliases && aliases_.HasAliasesIn(field.name);
      // With columns the slots are never read: no need to find those in use
      // (a read of the index's value statistics per slot and search).
      if (columns_ != nullptr) {
        counted.column = columns_->ValuesOf(field);
        counted.id_counts.assign(columns_->ValueCount(field), 0);
        if (counted.aliased) {
          for (DocColumns::ValueId id = 0; id < counted.id_counts.size(); ++id) {
            const std::string value(columns_->Value(field, id));
            if (aliases_.Resolve(field.name, value) != nullptr) counted.counted_as_of_id.emplace(id, CountedAs(counted, value));
          }
        }
        fields_.push_back(std::move(counted));
        continue;
      }
      while (counted.end < field.facet_slot + slots::kMaxFacetValues && db.get_value_freq(counted.end) != 0) {
        if (stock_spies) counted.spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(counted.end));
        ++counted.end;
      }
      fields_.push_back(std::move(counted));
    }
  }

  void Attach(Xapian::Enquire& enquire) {
    for (const Counted& counted : fields_) {
      for (const auto& spy : counted.spies) enquire.add_matchspy(spy.get());
    }
    if (!stock_ && !fields_.empty()) {
      spy_ = std::make_unique<Spy>(*this);
      enquire.add_matchspy(spy_.get());
    }
  }

  // Counts one match without a match spy: from the columns when constructed
  // with them, otherwise from the values `value_of(slot)` reads.
  template <typename ValueOf>
  void Count(Xapian::docid doc, ValueOf&& value_of) {
    CountOne(doc, value_of);
  }

  // With stock spies, before Collect: adds up what they counted. A spy
  // counts values, not matches, so a match linking two names of one page
  // would count twice; such a page's count is instead the matches linking
  // any of its names, as `count_matching(filter)` finds them.
  void TallySpies(const std::function<std::uint64_t(const Xapian::Query& filter)>& count_matching) {
    for (Counted& counted : fields_) {
      std::map<std::string, std::set<std::string>> names_of_page;  // the names each was counted under
      for (const auto& spy : counted.spies) {
        for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
          if (!counted.aliased) {
            counted.counts[*it] += it.get_termfreq();
            continue;
          }
          const std::string& page = CountedAs(counted, *it);
          counted.counts[page] += it.get_termfreq();
          names_of_page[page].insert(*it);
        }
      }
      for (const auto& [page, names] : names_of_page) {
        if (names.size() < 2) continue;
        std::vector<Xapian::Query> links;
        for (const std::string& name : names) links.emplace_back(ValueTerm(*counted.field, Analyzer::Normalize(name)));
        counted.counts[page] = count_matching(Xapian::Query(Xapian::Query::OP_OR, links.begin(), links.end()));
      }
    }
  }

  std::vector<Facet> Collect(std::size_t limit, const ContextLexicon& lexicon) {
    std::vector<Facet> facets;
    for (Counted& counted : fields_) {
      // Sections are stored as heading ids; the heading is shown, and
      // orders ties.
      auto shown = [&](std::string_view value) {
        const ContextEntry* heading = counted.field->has_headings ? lexicon.Find(value) : nullptr;
        return heading != nullptr ? std::string_view(heading->text) : value;
      };
      std::vector<std::pair<std::string_view, std::uint64_t>> values;
      for (const auto& [value, count] : counted.counts) values.emplace_back(shown(value), count);
      for (DocColumns::ValueId id = 0; id < counted.id_counts.size(); ++id) {
        if (counted.id_counts[id] != 0) values.emplace_back(shown(columns_->Value(*counted.field, id)), counted.id_counts[id]);
      }
      // Only the values shown are ordered and copied (a facet of places
      // has thousands).
      const std::size_t shown_count = std::min(limit, values.size());
      std::partial_sort(values.begin(), values.begin() + shown_count, values.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
      });
      Facet facet{std::string(counted.field->name), {}};
      for (std::size_t i = 0; i < shown_count; ++i) facet.values.push_back({std::string(values[i].first), values[i].second});
      facets.push_back(std::move(facet));
    }
    return facets;
  }

 private:
  struct Counted {
    const Field* field;
    Xapian::valueno begin, end;  // the slots in use
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;  // stock: one per slot
    DocColumns::ValueColumn column;        // with columns
    std::vector<std::uint64_t> id_counts;  // by value id, with columns
    std::unordered_map<std::string, std::uint64_t> counts;  // by value
    // Values that are names of a page with others (Field::notes_give_aliases):
    // the name each is counted as, by id with columns, and by value as
    // looked up (CountedAs).
    std::unordered_map<DocColumns::ValueId, std::string> counted_as_of_id;
    std::unordered_map<std::string, std::string> counted_as;
    bool aliased = false;
  };

  // The name `value` is counted as: the first of its page's names the index
  // holds (the page's own when anything links to it by that name). Looked
  // up once per search and value.
  const std::string& CountedAs(Counted& counted, const std::string& value) const {
    auto [known, added] = counted.counted_as.try_emplace(value, value);
    if (!added) return known->second;
    if (const std::vector<std::string>* names = aliases_.Resolve(counted.field->name, value)) {
      for (const std::string& name : *names) {
        if (db_.term_exists(ValueTerm(*counted.field, name))) {
          known->second = name;
          break;
        }
      }
    }
    return known->second;
  }

  class Spy : public Xapian::MatchSpy {
   public:
    explicit Spy(FacetCounter& counter) : counter_(counter) {}
    void operator()(const Xapian::Document& doc, double) override {
      counter_.CountOne(doc.get_docid(), [&](Xapian::valueno slot) { return doc.get_value(slot); });
    }

   private:
    FacetCounter& counter_;
  };

  // One match: its value ids from `columns`, or without them its values
  // as `value_of(slot)` reads them. Names of one page count once.
  template <typename ValueOf>
  void CountOne(Xapian::docid doc, ValueOf&& value_of) {
    for (Counted& counted : fields_) {
      std::vector<std::string> pages;  // the names counted as, of a field with aliases
      if (columns_ != nullptr) {
        for (DocColumns::ValueId id : counted.column.Of(doc)) {
          if (id >= counted.id_counts.size()) continue;  // not so in a damaged file
          const auto page = counted.aliased ? counted.counted_as_of_id.find(id) : counted.counted_as_of_id.end();
          if (page == counted.counted_as_of_id.end()) {
            ++counted.id_counts[id];
          } else if (std::find(pages.begin(), pages.end(), page->second) == pages.end()) {
            pages.push_back(page->second);
          }
        }
      } else {
        for (Xapian::valueno slot = counted.begin; slot < counted.end; ++slot) {
          std::string value = value_of(slot);
          if (value.empty()) break;
          if (!counted.aliased) {
            ++counted.counts[std::move(value)];
            continue;
          }
          const std::string& page = CountedAs(counted, value);
          if (std::find(pages.begin(), pages.end(), page) == pages.end()) pages.push_back(page);
        }
      }
      for (std::string& page : pages) ++counted.counts[std::move(page)];
    }
  }

  const Xapian::Database& db_;
  const EntityAliases& aliases_;
  bool stock_;
  const DocColumns* columns_;
  std::vector<Counted> fields_;
  std::unique_ptr<Spy> spy_;
};

// The places (file, line) of the bullets with each text of a page, by its
// text hash, in place order: at most kMaxLimit + 1 each (the hit's own may
// be among them).
using PlacesByText = std::map<std::string, std::vector<std::pair<std::string, std::uint32_t>>, std::less<>>;

// From (sort key, text hash) pairs in any order.
PlacesByText GroupPlaces(std::vector<std::pair<std::string, std::string>> keyed) {
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return std::tie(a.second, a.first) < std::tie(b.second, b.first); });
  PlacesByText places;
  for (const auto& [sort_key, hash] : keyed) {
    auto& list = places[hash];
    if (list.size() > kMaxLimit) continue;
    if (auto place = ParseSortKey(sort_key)) list.push_back(std::move(*place));
  }
  return places;
}

// Over every match: how many distinct texts there are (exact, where
// Xapian's collapsing only estimates it) and, for the texts of the page,
// the places of all their bullets — counted and found in the one pass over
// the matches, where a query of their own would evaluate the query again.
// Local shards only: a remote one can run stock match spies alone.
class TextSpy : public Xapian::MatchSpy {
 public:
  TextSpy(std::set<std::string> page_texts, const DocColumns* columns)
      : page_texts_(std::move(page_texts)), columns_(columns) {
    if (columns_ == nullptr) return;
    seen_ids_.assign(columns_->TextCount() + 1, false);
    page_ids_.assign(columns_->TextCount() + 1, false);
    for (const std::string& hash : page_texts_) page_ids_[columns_->TextId(hash)] = true;
    page_ids_[DocColumns::kNoText] = false;
  }

  // Counts one match (also without a match spy): from the columns when
  // constructed with them, otherwise from its values as `value_of(slot)`
  // reads them.
  template <typename ValueOf>
  void Count(Xapian::docid doc, ValueOf&& value_of) {
    ++total_;
    if (columns_ != nullptr) {
      const DocColumns::ValueId id = columns_->Text(doc);
      if (!seen_ids_[id]) {
        seen_ids_[id] = true;
        ++distinct_ids_;
      }
      if (page_ids_[id]) page_matches_.emplace_back(id, columns_->PlaceRank(doc), doc);
      return;
    }
    const std::string hash = value_of(slots::kContentHash);
    // Content hashes are 16 hex digits: kept as numbers, they need no
    // allocation; anything else (from a future layout) as it is.
    std::uint64_t number = 0;
    const auto [end, error] = std::from_chars(hash.data(), hash.data() + hash.size(), number, 16);
    if (hash.size() == 16 && error == std::errc() && end == hash.data() + hash.size()) {
      numbers_.insert(number);
    } else {
      others_.insert(hash);
    }
    if (page_texts_.contains(hash)) keyed_places_.emplace_back(value_of(slots::kSortKey), hash);
  }

  void operator()(const Xapian::Document& doc, double) override {
    Count(doc.get_docid(), [&](Xapian::valueno slot) { return doc.get_value(slot); });
  }

  Xapian::doccount total() const { return total_; }
  std::uint64_t distinct() const { return distinct_ids_ + numbers_.size() + others_.size(); }
  // The places of the matches with a text of the page. With columns they
  // are ordered by number, and only those kept become strings: as sort key
  // strings, a page's texts copied into a hundred files cost a sixth of
  // the search.
  PlacesByText places() {
    if (columns_ == nullptr) return GroupPlaces(std::move(keyed_places_));
    std::sort(page_matches_.begin(), page_matches_.end());
    PlacesByText places;
    std::vector<std::pair<std::string, std::uint32_t>>* list = nullptr;
    DocColumns::ValueId text = DocColumns::kNoText;
    for (const auto& [id, rank, doc] : page_matches_) {
      if (id != text) {
        text = id;
        list = &places[std::string(columns_->TextHash(id))];
      }
      if (list->size() <= kMaxLimit) list->emplace_back(columns_->Path(doc), columns_->Line(doc));
    }
    return places;
  }

 private:
  std::set<std::string> page_texts_;
  const DocColumns* columns_;
  Xapian::doccount total_ = 0;
  std::vector<bool> seen_ids_, page_ids_;  // by text id, with columns
  std::uint64_t distinct_ids_ = 0;
  std::unordered_set<std::uint64_t> numbers_;
  std::unordered_set<std::string> others_;
  // Matches with a page text: (text id, place rank, document) with
  // columns, (sort key, text hash) without.
  std::vector<std::tuple<DocColumns::ValueId, std::uint64_t, Xapian::docid>> page_matches_;
  std::vector<std::pair<std::string, std::string>> keyed_places_;
};

// The bullets each collapsed hit stands for (same text, same query): at
// most kMaxLimit per hit, in the order of their place. `texts` holds each
// hit's text hash (empty: none).
void AddPlaces(const std::vector<std::string>& texts, const PlacesByText& places, std::vector<Hit>& hits) {
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto found = texts[i].empty() ? places.end() : places.find(texts[i]);
    if (found == places.end()) continue;
    Hit& hit = hits[i];
    for (const auto& [file, line] : found->second) {
      if (hit.also.size() == kMaxLimit) break;
      if (file != hit.stored.file || line != hit.stored.block.line) hit.also.emplace_back(file, line);
    }
  }
}

// Ties in score go by file, then line.
class PlaceOrder : public Xapian::KeyMaker {
 public:
  explicit PlaceOrder(const DocColumns* columns) : columns_(columns) {}
  std::string operator()(const Xapian::Document& doc) const override { return columns_->PlaceKey(doc.get_docid()); }

 private:
  const DocColumns* columns_;
};

// The hits of a page, with the text hash of each when identical bullets
// collapse.
struct RankedPage {
  struct Hit {
    Xapian::docid doc;
    double weight;
  };
  std::vector<Hit> hits;
  std::vector<std::string> texts;
};

// The page as Xapian ranks it, with the collapse key of each hit (empty
// when Xapian does not collapse).
RankedPage XapianPage(const SearchRequest& request, Xapian::Enquire& enquire, Xapian::doccount all) {
  RankedPage page;
  const Xapian::MSet mset = enquire.get_mset(
      static_cast<Xapian::doccount>(std::min<std::size_t>(request.offset, all)),
      static_cast<Xapian::doccount>(request.limit));
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    page.hits.push_back({*it, it.get_weight()});
    page.texts.push_back(it.get_collapse_key());
  }
  return page;
}

// Ranking as the index stores it: ties by the sort key, identical texts
// collapsed by Xapian; both read a value of each candidate from the index.
RankedPage RankFromValues(const SearchRequest& request, Xapian::Enquire& enquire, Xapian::doccount all) {
  enquire.set_sort_by_relevance_then_value(slots::kSortKey, false);
  if (request.collapse) enquire.set_collapse_key(slots::kContentHash);
  return XapianPage(request, enquire, all);
}

// Makes a page from matches offered best first: past the offset, and of
// identical texts only the first offered (the one Xapian's collapsing
// keeps) when the request collapses.
class PageOfDistinctTexts {
 public:
  PageOfDistinctTexts(const SearchRequest& request, const DocColumns& columns)
      : request_(request), columns_(columns) {}

  void Offer(Xapian::docid doc, double weight) {
    const DocColumns::ValueId text = request_.collapse ? columns_.Text(doc) : DocColumns::kNoText;
    if (text != DocColumns::kNoText && !seen_.insert(text).second) return;
    if (distinct_++ < request_.offset) return;
    page_.hits.push_back({doc, weight});
    page_.texts.emplace_back(request_.collapse ? columns_.TextHash(text) : std::string_view());
  }
  bool full() const { return page_.hits.size() >= request_.limit; }
  RankedPage Take() { return std::move(page_); }

 private:
  const SearchRequest& request_;
  const DocColumns& columns_;
  std::unordered_set<DocColumns::ValueId> seen_;
  std::size_t distinct_ = 0;
  RankedPage page_;
};

// How many of the best matches to rank first so that a page of distinct
// texts is likely among them: texts repeat (the same bullet in many
// postings) as often as the index's `all` documents per distinct text.
std::size_t FirstRanked(const SearchRequest& request, const DocColumns& columns, Xapian::doccount all) {
  const std::size_t copies_per_text = all / std::max<std::size_t>(1, columns.TextCount()) + 1;
  return std::max<std::size_t>(64, 2 * (request.offset + request.limit) * copies_per_text);
}

// The page of matches weighed in memory (match_scorer.h), in the order
// Xapian gives them: by weight, then by place; of identical texts only the
// first in that order (the one Xapian's collapsing keeps). A page needs the
// best few hundred of maybe a hundred thousand matches: those weighing at
// least the best `ranked`-th are ordered and offered, and only if their
// distinct texts fall short are more ranked.
RankedPage RankFromScores(const SearchRequest& request, const std::vector<ScoredMatch>& matches,
                          const DocColumns& columns, Xapian::doccount all) {
  struct Candidate {
    double weight;
    std::uint64_t place;
    Xapian::docid doc;
  };
  auto before = [](const Candidate& a, const Candidate& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.place != b.place ? a.place < b.place : a.doc < b.doc;
  };
  std::vector<double> weights;  // in any order: nth_element only permutes them
  for (std::size_t ranked = FirstRanked(request, columns, all);; ranked *= 4) {
    ranked = std::min(ranked, matches.size());
    double least = -std::numeric_limits<double>::infinity();
    if (ranked < matches.size()) {
      if (weights.empty()) {
        weights.resize(matches.size());
        std::transform(matches.begin(), matches.end(), weights.begin(), [](const ScoredMatch& m) { return m.weight; });
      }
      std::nth_element(weights.begin(), weights.begin() + static_cast<std::ptrdiff_t>(ranked - 1), weights.end(),
                       std::greater<>());
      least = weights[ranked - 1];
    }
    std::vector<Candidate> candidates;
    for (const ScoredMatch& match : matches) {
      if (match.weight >= least) candidates.push_back({match.weight, columns.PlaceRank(match.doc), match.doc});
    }
    std::sort(candidates.begin(), candidates.end(), before);
    PageOfDistinctTexts page(request, columns);
    for (const Candidate& candidate : candidates) {
      if (page.full()) break;
      page.Offer(candidate.doc, candidate.weight);
    }
    if (page.full() || candidates.size() == matches.size()) return page.Take();
  }
}

// The same ranking with ties ordered and identical texts skipped from
// memory, for queries only Xapian's matcher evaluates: Xapian ranks the
// top matches without collapsing, and the first bullet of each text in
// that order is the one Xapian's collapsing keeps. How many to rank
// follows from how often texts repeat in the index; too few, and the pass
// runs again with more.
RankedPage RankFromMemory(const SearchRequest& request, Xapian::Enquire& enquire, PlaceOrder& order,
                          const DocColumns& columns, Xapian::doccount all) {
  enquire.set_sort_by_relevance_then_key(&order, false);
  if (!request.collapse) return XapianPage(request, enquire, all);
  for (std::size_t ranked = FirstRanked(request, columns, all);; ranked *= 4) {
    ranked = std::min<std::size_t>(ranked, all);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(ranked));
    PageOfDistinctTexts page(request, columns);
    for (auto it = mset.begin(); it != mset.end() && !page.full(); ++it) page.Offer(*it, it.get_weight());
    if (page.full() || mset.size() < ranked || ranked >= all) return page.Take();
  }
}

// What Xapian::BM25Weight is given, and the scorer with it.
Bm25Parameters Bm25Of(const RankingWeights& weights) { return {weights.Get("bm25.k1"), weights.Get("bm25.b"), 0.5}; }

// What the columns of a database are shared by (DocColumns::Shared).
std::string ColumnsSnapshot(const Xapian::Database& db) {
  return db.get_uuid() + "@" + std::to_string(db.get_revision());
}

}  // namespace

// The query with each corrected word replaced, from the last one back so
// that earlier columns stay right.
std::optional<std::string> CorrectedQuery(const std::string& query,
                                          std::vector<QueryBuilder::Correction> corrections) {
  if (corrections.empty()) return std::nullopt;
  std::sort(corrections.begin(), corrections.end(),
            [](const auto& a, const auto& b) { return a.column > b.column; });
  std::string corrected = query;
  for (const auto& c : corrections) {
    const std::size_t at = c.column - 1;
    if (corrected.compare(at, c.original.size(), c.original) == 0) corrected.replace(at, c.original.size(), c.corrected);
  }
  return corrected;
}

struct Searcher::Shard {
  std::string spec;  // as given: a directory, a stub file, tcp://host:port
  bool local_index = false;
  fs::path generation;  // of a local index
  std::string stamp;    // index_store::ChangeStamp when opened
  Xapian::Database db;
};

Searcher::Searcher(std::vector<std::string> databases, RankingWeights weights)
    : specs_(std::move(databases)), weights_(std::move(weights)) {
  if (specs_.empty()) throw UsageError("no index to search");
  OpenAll();
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;

// Every database a spec names: the shards of a local index, a stub file or
// plain database, or a remote one.
std::vector<Searcher::Shard> Searcher::OpenSpec(const std::string& spec) {
  std::vector<Shard> shards;
  try {
    if (spec.starts_with(kRemoteScheme)) {
      const std::string address = spec.substr(kRemoteScheme.size());
      const std::size_t colon = address.rfind(':');
      if (colon == std::string::npos) throw UsageError("remote shard " + spec + " needs a port: tcp://HOST:PORT");
      shards.push_back({spec, false, {}, {}, Xapian::Remote::open(address.substr(0, colon),
                                                                  static_cast<unsigned>(std::stoul(address.substr(colon + 1))))});
      remote_ = true;
    } else if (index_store::Exists(spec)) {
      for (const fs::path& generation : index_store::CurrentGenerations(spec)) {
        shards.push_back({spec, true, generation, index_store::ChangeStamp(spec, generation),
                          index_store::OpenForReading(spec, generation)});
      }
    } else if (fs::is_regular_file(spec) || fs::exists(fs::path(spec) / "iamglass")) {
      shards.push_back({spec, false, {}, {}, Xapian::Database(spec)});  // a Xapian stub file or database
    } else {
      index_store::RequireIndex(spec);  // throws the "no index" message
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot open " + spec + " (" + e.get_msg() + "); " + RebuildHint(spec));
  } catch (const std::invalid_argument&) {
    throw UsageError("remote shard " + spec + " has a bad port");
  }
  return shards;
}

void Searcher::OpenAll() {
  std::optional<AnalysisSettings> settings;
  ContextLexicon lexicon;
  EntityAliases aliases;
  Xapian::Database all;
  Xapian::Database local;
  shards_.clear();
  remote_ = false;
  for (const std::string& spec : specs_) {
    for (Shard& shard : OpenSpec(spec)) shards_.push_back(std::move(shard));
  }
  for (Shard& shard : shards_) {
    const auto shard_settings = AnalysisSettings::FromJson(shard.db.get_metadata(metadata_keys::kAnalysis));
    if (!shard_settings) {
      throw IndexError(shard.spec + " is not an index of this version of notesearch; " + RebuildHint(shard.spec));
    }
    if (settings && !(*settings == *shard_settings)) {
      throw IndexError(shard.spec + " was built with other analysis settings than " + specs_.front() +
                       " (language, protected words or gazetteers); rebuild the shards alike");
    }
    settings = shard_settings;
    const ContextLexicon shard_lexicon = ContextLexicon::Decode(shard.db.get_metadata(metadata_keys::kLexicon));
    for (const ContextEntry& entry : shard_lexicon.entries()) lexicon.Add(entry);
    aliases.Merge(EntityAliases::Decode(shard.db.get_metadata(metadata_keys::kAliases)));
    aliases.Merge(EntityAliases::Decode(shard.db.get_metadata(metadata_keys::kPageAliases)));
    all.add_database(shard.db);
    if (!shard.spec.starts_with(kRemoteScheme)) local.add_database(shard.db);
  }
  db_ = all;
  local_shards_ = local;
  second_handle_.reset();
  analyzer_.emplace(MakeAnalyzer(*settings));
  language_ = settings->language;
  lexicon_ = std::move(lexicon);
  context_ = ContextMatcher(lexicon_);
  aliases_ = std::move(aliases);
  entity_names_.clear();
  files_.reset();
  term_frequencies_.clear();
  values_read_ = 0;
  columns_.reset();
  // The indexer's columns file of one database, when it is of this
  // revision; otherwise, and over several shards, counting reads values
  // until holding them in memory pays (NoteValuesRead).
  if (shards_.size() == 1 && shards_.front().local_index) {
    const Shard& shard = shards_.front();
    columns_ = DocColumns::Shared(ColumnsSnapshot(shard.db), [&] {
      return DocColumns::Load(index_store::ColumnsFile(shard.generation), shard.db);
    });
  }
  std::vector<Diagnostic> problems;  // a bad user synonym line only loses that line
  synonyms_ = Synonyms::Load(*analyzer_, Synonyms::DefaultUserFile(), &problems);
}

void Searcher::OpenIfChanged() {
  for (const Shard& shard : shards_) {
    if (shard.local_index && index_store::ChangeStamp(shard.spec, shard.generation) != shard.stamp) {
      OpenAll();  // a commit or a new generation: settings and lexicon may have changed
      return;
    }
  }
}

std::optional<std::string> Searcher::Snapshot() {
  OpenIfChanged();
  std::string snapshot;
  for (const Shard& shard : shards_) {
    if (!shard.local_index) return std::nullopt;
    snapshot += shard.spec + '\0' + shard.db.get_uuid() + '@' + std::to_string(shard.db.get_revision()) + '\0' +
                shard.stamp + '\0';
  }
  return snapshot;
}

// Counting reads each match's values one by one until, since the index was
// opened, that adds up to an eighth of its documents: from then on holding
// them in memory (shared by the process, see doc_columns.h) has cost less,
// and counting and ranking read them there. One database's are read from
// its value streams, in order; several local shards' are their columns
// files interleaved (DocColumns::Interleave), which a one-shot search need
// not pay for (10 copies of the notes in 2 shards: 15 ms). Only for
// notesearch indexes on this machine: a remote one would send every value.
void Searcher::NoteValuesRead(Xapian::doccount matches) {
  const bool all_local_indexes =
      std::all_of(shards_.begin(), shards_.end(), [](const Shard& shard) { return shard.local_index; });
  if (columns_ != nullptr || !all_local_indexes) return;
  values_read_ += matches;
  if (values_read_ * 8 < db_.get_doccount()) return;
  std::string snapshot;  // of one shard as OpenAll names it
  for (const Shard& shard : shards_) snapshot += (snapshot.empty() ? "" : " ") + ColumnsSnapshot(shard.db);
  columns_ = DocColumns::Shared(snapshot, [&]() -> std::unique_ptr<const DocColumns> {
    if (shards_.size() == 1) return DocColumns::Build(shards_.front().db);
    std::vector<std::unique_ptr<const DocColumns>> of_shards;
    for (const Shard& shard : shards_) {
      of_shards.push_back(DocColumns::Load(index_store::ColumnsFile(shard.generation), shard.db));
      if (of_shards.back() == nullptr) return nullptr;  // a shard's file could not be written
    }
    return DocColumns::Interleave(of_shards, db_);
  });
}

const IndexedFiles& Searcher::Files() {
  if (!files_) {
    std::vector<std::string> paths;
    for (const Shard& shard : shards_) {
      for (std::string& path : ReadIndexedPaths(shard.db)) paths.push_back(std::move(path));
    }
    files_.emplace(std::move(paths));
  }
  return *files_;
}

Xapian::Query Searcher::FilterQuery(const std::vector<std::pair<std::string, std::string>>& filters,
                                    std::vector<std::pair<std::string, std::vector<std::string>>>* applied,
                                    std::vector<std::string>* notices) {
  std::map<std::string, std::vector<Xapian::Query>> by_field;
  for (const auto& [name, value] : filters) {
    const Field* field = FindField(name);
    if (field == nullptr || field->value_prefix.empty()) {
      std::string names;
      for (const Field& f : AllFields()) {
        if (!f.value_prefix.empty()) names += (names.empty() ? "" : ", ") + std::string(f.name);
      }
      throw UsageError("cannot filter on '" + name + "' (filters: " + names + ")");
    }
    // An empty value matches nothing: say so rather than answer 0 results.
    if (value.find_first_not_of(" \t") == std::string::npos) {
      throw UsageError("the " + std::string(field->name) + " filter has no value (" + name + "=VALUE)");
    }
    std::vector<std::string> values = {value};
    if (const auto* canonicals = aliases_.Resolve(field->name, Analyzer::Normalize(value))) values = *canonicals;
    std::vector<Xapian::Query>& queries = by_field[std::string(field->name)];
    const std::size_t before = queries.size();
    for (const std::string& v : values) {
      if (field->values_are_directories) {
        if (Xapian::Query files = Files().QueryUnder(v); !files.empty()) queries.push_back(std::move(files));
        continue;
      }
      const std::string term =
          ValueTerm(*field, field->has_headings ? ContextId(BlockKind::kHeading, v) : Analyzer::Normalize(v));
      // Remote shards are not asked: each lookup would be a round trip.
      if (remote_ || db_.term_exists(term)) queries.emplace_back(term);
    }
    if (queries.size() == before) {
      notices->push_back("filter " + std::string(field->name) + "=" + value + " matches no bullet of the index" +
                         (field->values_are_directories ? " (no indexed file is in a directory '" + value + "')" : ""));
      queries.push_back(MatchNoDocument());
    }
    auto it = std::find_if(applied->begin(), applied->end(), [&](const auto& entry) { return entry.first == field->name; });
    if (it == applied->end()) it = applied->insert(applied->end(), {std::string(field->name), {}});
    it->second.push_back(value);
  }
  std::vector<Xapian::Query> fields;
  for (const auto& [name, queries] : by_field) fields.emplace_back(Xapian::Query::OP_OR, queries.begin(), queries.end());
  if (fields.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, fields.begin(), fields.end());
}

SearchResponse Searcher::Search(const SearchRequest& request) {
  const SearchRunning running;
  if (request.limit > kMaxLimit) {
    throw UsageError("limit " + std::to_string(request.limit) + " is over the maximum of " + std::to_string(kMaxLimit));
  }
  if (request.facet_limit > kMaxFacetLimit) {
    throw UsageError("facet limit " + std::to_string(request.facet_limit) + " is over the maximum of " +
                     std::to_string(kMaxFacetLimit));
  }
  for (const std::string& facet : request.facets) FacetField(facet);
  SearchResponse response;
  response.query = request.query;
  response.offset = request.offset;
  response.limit = request.limit;
  // Filters without words browse: every bullet they keep, in file order.
  const bool browse = request.query.find_first_not_of(" \t\r\n") == std::string::npos && !request.filters.empty();
  ParsedQuery parsed = browse ? ParsedQuery{} : ParseQuery(request.query);

  for (int attempt = 1;; ++attempt) {
    try {
      OpenIfChanged();
      if (request.last_word_prefix && !browse) MarkLastWordAsPrefix(parsed.root, db_, *analyzer_);
      response.filters.clear();
      response.notices = parsed.notices;
      QueryBuilder builder(*analyzer_, context_, weights_, &aliases_, &db_, &synonyms_);
      builder.set_correct(request.correct);
      // Interleaved columns have no heading runs (DocColumns::Interleave).
      builder.set_columns(db_.size() == 1 ? columns_ : nullptr);
      builder.set_files([this]() -> const IndexedFiles& { return Files(); });
      builder.set_language(language_);
      if (remote_) {
        builder.set_spelling(local_shards_.size() > 0 ? &local_shards_ : nullptr, true);
        builder.set_prune_absent_terms(false);
      } else {
        // Each lookup reads B-tree blocks: 14 of the 35 that a search for
        // `python` reads. Not of remote shards: theirs may change unseen.
        // Forgotten when the index changes (OpenAll), and when many words
        // have been searched.
        if (term_frequencies_.size() > kMaxRememberedTermFrequencies) term_frequencies_.clear();
        builder.set_term_frequencies(&term_frequencies_);
      }
      Xapian::Query query = browse ? Xapian::Query() : builder.Build(parsed.root, &response.notices);
      response.corrected = CorrectedQuery(request.query, builder.corrections());
      const Xapian::Query filter = FilterQuery(request.filters, &response.filters, &response.notices);
      const bool filtered = !browse && !filter.empty() && !query.empty();
      if (browse) {
        query = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0);  // ties: by place
      } else if (filtered) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
      }
      auto matches = [&] {
        if (browse) return filter;
        const Xapian::Query unweighted = builder.MatchQuery();
        return filtered ? Xapian::Query(Xapian::Query::OP_FILTER, unweighted, filter) : unweighted;
      };
      Xapian::Enquire enquire(db_);
      enquire.set_query(query.empty() ? Xapian::Query::MatchNothing : query);
      const Bm25Parameters bm25 = Bm25Of(weights_);
      enquire.set_weighting_scheme(Xapian::BM25Weight(bm25.k1, 0, 1, bm25.b, bm25.min_normlen));
      if (remote_) {
        MatchWithRemoteShards(request, enquire, matches, builder.highlight_terms(), response);
      } else {
        Match(request, enquire, builder.query_weights(), matches, builder.highlight_terms(), response);
      }
      return response;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kMaxReopenAttempts) throw;
      OpenAll();
    } catch (const Xapian::DatabaseError& e) {
      throw IndexError("the index cannot be read (" + e.get_msg() + "); " + RebuildHint(shards_.front().spec));
    } catch (const std::runtime_error& e) {
      if (dynamic_cast<const UsageError*>(&e) != nullptr || dynamic_cast<const IndexError*>(&e) != nullptr) throw;
      throw IndexError(std::string("the index holds a damaged record (") + e.what() + "); " +
                       RebuildHint(shards_.front().spec));
    }
  }
}

Hit Searcher::MakeHit(Xapian::docid doc, double weight, const HighlightTerms& terms) const {
  Hit hit;
  hit.stored = DecodeStoredBlock(db_.get_document(doc, Xapian::DOC_ASSUME_VALID).get_value(slots::kRecord), lexicon_);
  hit.score = weight;
  hit.highlights = FindHighlights(*analyzer_, hit.stored.block.text, terms);
  hit.snippet = MakeSnippet(hit.stored.block.text, hit.highlights);
  return hit;
}

const Xapian::Database* Searcher::SecondHandle() {
  if (shards_.size() != 1 || !shards_.front().local_index) return nullptr;
  if (searches_running >= std::max(1u, std::thread::hardware_concurrency())) return nullptr;
  const Shard& shard = shards_.front();
  if (!second_handle_) {
    try {
      second_handle_ = index_store::OpenForReading(shard.spec, shard.generation);
    } catch (const IndexError&) {
      return nullptr;  // a rebuild replaced the generation: this search reads on one thread
    }
  }
  // An index run committed since the first handle was opened: its revision
  // is gone for new handles, and the lists are read on one thread.
  if (second_handle_->get_revision() != shard.db.get_revision()) return nullptr;
  return &*second_handle_;
}

// The page first: from every match weighed in memory (match_scorer.h), or
// in a ranked pass of Xapian's matcher that may skip what cannot reach it
// (its pruning leaves the page as it would be; only its estimates change).
// Then every match, unweighted and unsorted (the scorer's, or another
// pass), makes `total` and the facet counts exact and finds the page's
// duplicates.
void Searcher::Match(const SearchRequest& request, Xapian::Enquire& enquire, const QueryWeights& weights,
                     const std::function<Xapian::Query()>& matches, const HighlightTerms& terms,
                     SearchResponse& response) {
  const Xapian::doccount all = db_.get_doccount();
  const DocColumns* columns = columns_.get();
  // With the columns in memory, the matches are weighed and ordered there
  // when the scorer can evaluate the query.
  std::optional<std::vector<ScoredMatch>> scored;
  if (columns != nullptr) {
    scored = ScoreMatches(enquire.get_query(), db_, weights, Bm25Of(weights_), columns->Lengths(),
                          [this] { return SecondHandle(); });
  }
  // Xapian's matcher hands match spies and key makers a shard's own
  // document ids, where the columns hold the joined database's: over
  // shards, its passes read values.
  if (!scored && db_.size() > 1) columns = nullptr;
  PlaceOrder order(columns);  // outlives the ranked pass
  // Otherwise the match query is evaluated from the posting lists as the
  // scorer would (MatchesOf), or, with what only Xapian's matcher
  // evaluates, counted by a pass of its own.
  const Xapian::Query unweighted = scored ? Xapian::Query() : matches();
  std::optional<DocBitmap> posting_matches;
  if (!scored) posting_matches = MatchesOf(unweighted, db_, weights, [this] { return SecondHandle(); });
  const RankedPage page = scored               ? RankFromScores(request, *scored, *columns, all)
                          : columns != nullptr ? RankFromMemory(request, enquire, order, *columns, all)
                                               : RankFromValues(request, enquire, all);
  response.hits.clear();
  std::set<std::string> page_texts;
  for (std::size_t i = 0; i < page.hits.size(); ++i) {
    response.hits.push_back(MakeHit(page.hits[i].doc, page.hits[i].weight, terms));
    if (!page.texts[i].empty()) page_texts.insert(page.texts[i]);
  }
  FacetCounter facets(db_, request.facets, /*stock_spies=*/false, columns, aliases_);
  TextSpy texts(std::move(page_texts), columns);
  Xapian::doccount matched = 0;
  // Each match's values come from the columns or the value streams; without
  // either list of matches, a pass of Xapian's matcher counts with spies.
  ValueStreams values(db_);
  auto count = [&](Xapian::docid doc) {
    values.MoveTo(doc);
    if (request.collapse) texts.Count(doc, values);
    facets.Count(doc, values);
  };
  if (scored) {
    for (const ScoredMatch& match : *scored) count(match.doc);
    matched = static_cast<Xapian::doccount>(scored->size());
  } else if (posting_matches) {
    posting_matches->ForEach(count);
    matched = posting_matches->count();
  } else {
    Xapian::Enquire counting(db_);
    counting.set_query(unweighted);
    counting.set_weighting_scheme(Xapian::BoolWeight());
    if (request.collapse) counting.add_matchspy(&texts);
    facets.Attach(counting);
    matched = counting.get_mset(0, 0, all).get_matches_estimated();
  }
  if (!request.facets.empty() || request.collapse) NoteValuesRead(matched);
  response.total = response.total_bullets = matched;
  if (request.collapse) {
    response.total_bullets = texts.total();
    response.total = texts.distinct();
    AddPlaces(page.texts, texts.places(), response.hits);
  }
  response.facets = facets.Collect(request.facet_limit, lexicon_);
}

// With remote shards, only stock match spies work, and the page's
// duplicates get a query of their own.
void Searcher::MatchWithRemoteShards(const SearchRequest& request, Xapian::Enquire& enquire,
                                     const std::function<Xapian::Query()>& matches, const HighlightTerms& terms,
                                     SearchResponse& response) {
  const Xapian::Query unweighted = matches();
  // Xapian only estimates how many hits collapsing leaves; a spy on the
  // same slot sees every match and counts the distinct texts exactly.
  Xapian::ValueCountMatchSpy distinct_texts(slots::kContentHash);
  FacetCounter facets(db_, request.facets, /*stock_spies=*/true, nullptr, aliases_);
  // Xapian 1.4 counts some documents of a remote shard twice in match
  // spies when results are sorted by relevance then value (pinned by
  // ShardsTest.ARemoteShardServedByXapianTcpsrvJoinsTheLocalOnes), so the
  // counting is a pass of its own, unsorted, and the ranked pass may prune.
  Xapian::Enquire counting(db_);
  counting.set_query(unweighted);
  counting.set_weighting_scheme(Xapian::BoolWeight());
  if (request.collapse) counting.add_matchspy(&distinct_texts);
  facets.Attach(counting);
  const Xapian::doccount all = db_.get_doccount();
  response.total = response.total_bullets = counting.get_mset(0, 0, all).get_matches_estimated();
  if (request.collapse) {
    response.total_bullets = distinct_texts.get_total();
    response.total = static_cast<std::uint64_t>(std::distance(distinct_texts.values_begin(), distinct_texts.values_end()));
  }
  facets.TallySpies([&](const Xapian::Query& filter) {
    return CountMatches(Xapian::Query(Xapian::Query::OP_FILTER, unweighted, filter));
  });
  response.facets = facets.Collect(request.facet_limit, lexicon_);
  const RankedPage page = RankFromValues(request, enquire, all);
  response.hits.clear();
  for (const RankedPage::Hit& hit : page.hits) response.hits.push_back(MakeHit(hit.doc, hit.weight, terms));
  AddPlaces(page.texts, GroupPlaces(PlacesOfPageTexts(unweighted, page.texts)), response.hits);
}

std::vector<Facet> Searcher::FacetCounts(const std::vector<std::string>& fields, std::size_t limit) {
  OpenIfChanged();
  Xapian::Enquire enquire(db_);
  enquire.set_query(MatchEveryDocument());
  NoteValuesRead(db_.get_doccount());
  // Match spies see a shard's own document ids, the columns the joined ones.
  FacetCounter facets(db_, fields, /*stock_spies=*/remote_, db_.size() == 1 ? columns_.get() : nullptr, aliases_);
  facets.Attach(enquire);
  enquire.get_mset(0, 0, db_.get_doccount());
  facets.TallySpies([&](const Xapian::Query& filter) { return CountMatches(filter); });
  return facets.Collect(limit, lexicon_);
}

std::uint64_t Searcher::CountMatches(const Xapian::Query& query) {
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();  // exact: every match checked
}

// The (sort key, content hash) of the matches with the text of a hit of
// the page, with one query for the whole page.
std::vector<std::pair<std::string, std::string>> Searcher::PlacesOfPageTexts(const Xapian::Query& query,
                                                                            const std::vector<std::string>& texts) {
  std::vector<Xapian::Query> keys;
  for (const std::string& text : texts) {
    // Not only hits with a collapse count: the ranked pass prunes, so its
    // counts are lower bounds.
    if (!text.empty()) keys.emplace_back(std::string(prefixes::kDuplicate) + text);
  }
  std::vector<std::pair<std::string, std::string>> places;
  if (keys.empty()) return places;
  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query(Xapian::Query::OP_OR, keys.begin(), keys.end())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  // The first kMaxLimit + 1 places of each text (a hit's own may be among
  // them): a text repeated more often takes no other text's places.
  enquire.set_sort_by_value(slots::kSortKey, false);
  enquire.set_collapse_key(slots::kContentHash, static_cast<Xapian::doccount>(kMaxLimit + 1));
  const Xapian::MSet same = enquire.get_mset(0, static_cast<Xapian::doccount>((kMaxLimit + 1) * keys.size()));
  for (auto it = same.begin(); it != same.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    places.emplace_back(doc.get_value(slots::kSortKey), doc.get_value(slots::kContentHash));
  }
  return places;
}

Xapian::MSet Searcher::Blocks(const Xapian::Query& query, Xapian::doccount limit, bool reverse) {
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(slots::kSortKey, reverse);
  return enquire.get_mset(0, limit);
}

std::optional<BlockView> Searcher::Show(const std::string& file, std::uint32_t line) {
  OpenIfChanged();
  const std::string path = fs::absolute(file).lexically_normal().string();
  const Xapian::Query in_file(PathTerm(path));
  // The last block to start at or above the line, if its text reaches it
  // (an editor asks for the line its cursor is on).
  const Xapian::Query at_or_above(Xapian::Query::OP_VALUE_RANGE, slots::kSortKey, SortKey(path, 0), SortKey(path, line));
  const Xapian::MSet found = Blocks(Xapian::Query(Xapian::Query::OP_AND, in_file, at_or_above), 1, /*reverse=*/true);
  if (found.empty()) return std::nullopt;
  const Xapian::Document doc = found.begin().get_document();
  BlockView view{DecodeStoredBlock(doc.get_value(slots::kRecord), lexicon_), {}};
  const Block& block = view.stored.block;
  if (line > std::max(block.line, block.last_line)) return std::nullopt;
  // Identical blocks share a parent term; the children's records say whose they are.
  const Xapian::MSet children =
      Blocks(Xapian::Query(Xapian::Query::OP_AND, in_file, Xapian::Query(ParentTerm(doc.get_value(slots::kFingerprint)))),
             kMaxLimit, /*reverse=*/false);
  for (auto it = children.begin(); it != children.end(); ++it) {
    StoredBlock child = DecodeStoredBlock(it.get_document().get_value(slots::kRecord), lexicon_);
    if (child.block.parent_line == block.line) view.children.push_back(std::move(child));
  }
  return view;
}

std::vector<Suggestion> Searcher::Suggest(std::string_view query, std::size_t limit) {
  OpenIfChanged();
  std::vector<Suggestion> suggestions;
  // Word starts in the query: an entity name may complete the last words
  // ("san fra" -> "San Francisco"), a word only the last one.
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < query.size(); ++i) {
    if (query[i] != ' ' && query[i] != '\t' && (i == 0 || query[i - 1] == ' ' || query[i - 1] == '\t')) starts.push_back(i);
  }
  if (starts.empty() || limit == 0) return suggestions;
  if (entity_names_.empty()) {
    std::vector<std::string> fields;
    for (const Field* field : NamedValueFields()) fields.emplace_back(field->name);
    entity_names_ = FacetCounts(fields, kMaxFacetLimit);
  }
  // The tail from each word start, normalised once, not once per name.
  // "[[proj" completes page names, as a link (the query parser reads
  // [[Page]] as page:"Page"); "[[" alone lists the pages.
  struct Tail {
    std::size_t start;
    bool link;
    std::string normalized;
  };
  std::vector<Tail> tails;
  for (std::size_t start : starts) {
    const std::string_view typed = query.substr(start);
    const bool link = typed.starts_with("[[");
    tails.push_back({start, link, Analyzer::Normalize(link ? typed.substr(2) : typed)});
  }
  for (const Facet& facet : entity_names_) {
    for (const FacetValue& value : facet.values) {
      const std::string name = Analyzer::Normalize(value.value);
      for (const Tail& tail : tails) {  // the longest completed tail first
        if (tail.link && facet.field != "page") continue;
        if ((!tail.normalized.empty() || tail.link) && name.starts_with(tail.normalized)) {
          const std::string completed = tail.link ? "[[" + value.value + "]]" : value.value;
          suggestions.push_back({std::string(query.substr(0, tail.start)) + completed, facet.field, value.count});
          break;
        }
      }
    }
  }
  std::stable_sort(suggestions.begin(), suggestions.end(),
                   [](const Suggestion& a, const Suggestion& b) { return a.count > b.count; });
  if (suggestions.size() > limit) suggestions.resize(limit);
  // Then words of the text, most frequent first (bounded scan).
  const std::string head(query.substr(0, starts.back()));
  const std::string prefix = Analyzer::Normalize(query.substr(starts.back()));
  constexpr std::size_t kMaxScannedTerms = 2000;
  std::vector<std::pair<std::string, Xapian::doccount>> words;
  std::size_t scanned = 0;
  for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix) && scanned < kMaxScannedTerms; ++it, ++scanned) {
    words.emplace_back(*it, it.get_termfreq());
  }
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [word, count] : words) {
    if (suggestions.size() >= limit) break;
    const std::string text = head + word;
    const bool named = std::any_of(suggestions.begin(), suggestions.end(), [&](const Suggestion& s) {
      return Analyzer::Normalize(s.text) == Analyzer::Normalize(text);
    });
    if (!named) suggestions.push_back({text, "word", count});
  }
  return suggestions;
}

IndexStats Searcher::Stats() {
  OpenIfChanged();
  IndexStats stats;
  stats.documents = db_.get_doccount();
  stats.databases = specs_;
  for (const Shard& shard : shards_) {
    for (const FileRecord& record : ReadFileRecords(shard.db)) {
      ++stats.files;
      stats.bullets += record.bullets;
      stats.paragraphs += record.paragraphs;
      stats.headings += record.headings;
      stats.skipped_empty += record.skipped_empty;
      stats.skipped_wordless += record.skipped_wordless;
    }
    const nlohmann::json roots = nlohmann::json::parse(shard.db.get_metadata(metadata_keys::kRoots), nullptr, false);
    if (roots.is_array()) {
      for (const auto& root : roots) {
        const bool known = std::find(stats.roots.begin(), stats.roots.end(), root) != stats.roots.end();
        if (root.is_string() && !known) stats.roots.push_back(root.get<std::string>());
      }
    }
    const std::string last = shard.db.get_metadata(metadata_keys::kLastIndexed);
    if (!last.empty()) stats.last_indexed = std::max<std::int64_t>(stats.last_indexed, std::stoll(last));
    if (shard.local_index) stats.disk_bytes += index_store::DiskUsage(shard.generation);
  }
  for (auto it = db_.allterms_begin(); it != db_.allterms_end(); ++it) ++stats.terms;
  if (auto settings = AnalysisSettings::FromJson(shards_.front().db.get_metadata(metadata_keys::kAnalysis))) {
    stats.language = settings->language;
  }
  return stats;
}

}  // namespace notesearch
