#include "searcher/query_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "analysis/analysis_settings.h"
#include "core/context_lexicon.h"
#include "core/index_store.h"
#include "searcher/doc_columns.h"
#include "searcher/searcher.h"
#include "tests/test_util.h"

namespace notesearch {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class QueryBuilderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_ = new testing::TestIndex(
        {{"ml.md",
          "# Machine Learning\n"                        // 1
          "Projects in machine learning:\n"             // 2
          "+ learning rate schedules\n"                 // 3
          "\t- for machine translation models\n"        // 4
          "+ python and pandas\n"                       // 5
          "+ python and java\n"                         // 6
          "+ python\n"                                  // 7
          "## Formal Verification\n"                    // 8
          "+ formal verification of hardware designs\n"  // 9
          "+ verification is not formal here\n"},       // 10
         {"other.md",
          "+ machine shop tools\n"                      // 1
          "+ design automation in python\n"},           // 2
         {"shop.md",
          "# Machine Shops\n"                           // 1
          "+ lathes and mills\n"}});                    // 2
  }
  static void TearDownTestSuite() { delete index_; }

  // The ranked query and the match query of `query`; with `columns`, the
  // builder has the in-memory columns of the index.
  static std::pair<Xapian::Query, Xapian::Query> Build(const std::string& query,
                                                       std::shared_ptr<const DocColumns> columns = nullptr) {
    const Xapian::Database db(index_->db().string());
    const Analyzer analyzer =
        MakeAnalyzer(*AnalysisSettings::FromJson(db.get_metadata(metadata_keys::kAnalysis)));
    const ContextLexicon lexicon = ContextLexicon::Decode(db.get_metadata(metadata_keys::kLexicon));
    const ContextMatcher context(lexicon);
    const RankingWeights weights;
    QueryBuilder builder(analyzer, context, weights, nullptr, &db);
    builder.set_columns(std::move(columns));
    std::vector<std::string> notices;
    Xapian::Query ranked = builder.Build(ParseQuery(query).root, &notices);
    return {ranked, builder.MatchQuery()};
  }

  static testing::TestIndex* index_;
};

testing::TestIndex* QueryBuilderTest::index_ = nullptr;

// Counting every match evaluated the whole ranked query, context included:
// 77 terms and posting sources for `machine learning`, most of a search's
// time on large indexes. Optional words match where their own terms do.
TEST_F(QueryBuilderTest, CountingLooksOnlyAtTheTermsThatMakeAMatch) {
  const auto [ranked, matches] = Build("machine learning");
  // The ranked query weighs the context (heading and intro ids, ancestors' words)...
  EXPECT_THAT(ranked.get_description(), HasSubstr("PostingSource"));
  EXPECT_THAT(ranked.get_description(), HasSubstr("XH"));
  // ...the match query has neither, and no term twice.
  EXPECT_THAT(matches.get_description(), Not(HasSubstr("PostingSource")));
  EXPECT_THAT(matches.get_description(), Not(HasSubstr("XH")));
  EXPECT_THAT(matches.get_description(), Not(HasSubstr("XC")));
  std::vector<std::string> terms(matches.get_terms_begin(), matches.get_terms_end());
  EXPECT_EQ(std::set<std::string>(terms.begin(), terms.end()).size(), terms.size());
  EXPECT_LT(terms.size(), std::vector<std::string>(ranked.get_terms_begin(), ranked.get_terms_end()).size());
}

// Every word was searched in every field, exact and stemmed: most of
// those terms (company:machine, location:learning) are in no document, and
// Xapian looked each one up and opened a posting list for it, twice, in
// every search (a single word on the bundled corpus read 42 index blocks;
// without them 38, and `machine learning` 122 -> 84). The query holds only
// terms the index has; what it matches and how it ranks do not change.
TEST_F(QueryBuilderTest, TheQueryHoldsOnlyTermsTheIndexHas) {
  const Xapian::Database db(index_->db().string());
  for (const std::string query : {"machine learning", "python", "\"machine learning\"", "formal verification -hardware",
                                  "translation models", "tool:python design"}) {
    const auto [ranked, matches] = Build(query);
    ASSERT_FALSE(ranked.empty()) << query;
    for (const Xapian::Query& q : {ranked, matches}) {
      for (auto it = q.get_terms_begin(); it != q.get_terms_end(); ++it) {
        EXPECT_TRUE(db.term_exists(*it)) << query << ": " << *it;
      }
    }
  }
  // A word the index lacks in every form leaves the others to match.
  const auto [ranked, matches] = Build("python zzyzx");
  EXPECT_THAT(ranked.get_description(), HasSubstr("python"));
  EXPECT_THAT(ranked.get_description(), Not(HasSubstr("zzyzx")));
}

// The filter that keeps only bullets matching some word themselves (not
// just through their context) repeated every word's weighted query, each
// synonym once per word it stands for: it only matches, so it holds the
// distinct terms once, unweighted.
TEST_F(QueryBuilderTest, TheOwnWordsFilterHoldsEachTermOnceUnweighted) {
  const auto [ranked, matches] = Build("machine learning");
  ASSERT_EQ(ranked.get_type(), Xapian::Query::OP_FILTER);
  const Xapian::Query filter = ranked.get_subquery(1);
  ASSERT_EQ(filter.get_type(), Xapian::Query::OP_OR);
  std::set<std::string> terms;
  for (std::size_t i = 0; i < filter.get_num_subqueries(); ++i) {
    const Xapian::Query term = filter.get_subquery(i);
    ASSERT_EQ(term.get_type(), Xapian::Query::LEAF_TERM) << filter.get_description();
    EXPECT_TRUE(terms.insert(*term.get_terms_begin()).second) << *term.get_terms_begin();
  }
  EXPECT_TRUE(terms.contains("machine"));
  EXPECT_TRUE(terms.contains("learning"));
}

// A quoted phrase is searched as typed and inflected ("hardware
// designs" for "hardware design"); the phrase as typed only matches where
// the inflected one does, so counting, which weighs nothing, looks for the
// inflected one only.
TEST_F(QueryBuilderTest, CountingLooksForAPhraseOnceWithItsInflections) {
  // Both words are in the index, the phrase only inflected ("hardware designs").
  const auto [ranked, matches] = Build("\"hardware design\"");
  auto phrases = [](const Xapian::Query& q) {
    const std::string description = q.get_description();
    std::size_t count = 0;
    for (std::size_t at = description.find("PHRASE"); at != std::string::npos; at = description.find("PHRASE", at + 1)) {
      ++count;
    }
    return count;
  };
  EXPECT_EQ(phrases(ranked), 2u);
  EXPECT_EQ(phrases(matches), 1u);
  EXPECT_THAT(matches.get_description(), HasSubstr("designs"));
}

// Both passes of a search must agree on what matches: the ranked pass
// lists the hits, the counting pass gives the total. Every kind of clause
// that narrows or widens a match, with collapsing off so that a page holds
// every matching bullet.
TEST_F(QueryBuilderTest, TheMatchQueryMatchesWhatTheRankedQueryMatches) {
  Searcher searcher(index_->db());
  for (const std::string query :
       {"machine learning", "python", "python -java", "+python pandas", "python OR verification",
        "\"machine learning\"", "verif*", "formal verification -hardware", "section:\"Formal Verification\" formal",
        "file:other python", "machine -learning", "tool:python design", "(python OR machine) -java"}) {
    SearchRequest request{query, 0, kMaxLimit};
    request.collapse = false;
    const SearchResponse response = searcher.Search(request);
    EXPECT_GT(response.total, 0u) << query;
    EXPECT_EQ(response.total, response.hits.size()) << query;
  }
  SearchRequest filtered{"machine python", 0, kMaxLimit};
  filtered.collapse = false;
  filtered.filters = {{"file", "ml"}};
  const SearchResponse response = searcher.Search(filtered);
  EXPECT_GT(response.total, 0u);
  EXPECT_EQ(response.total, response.hits.size());
}

// Each heading and intro set a word matched was a posting source of its
// own (headings and intros, exact and stem-only, and again for each
// synonym: eight for "machine" on the bundled corpus), each moved and
// weighed at every candidate. A word's sets are one source of summed
// weights; HeadingsMatchedFromMemoryRankAsFromTheirPostings pins the weights.
TEST_F(QueryBuilderTest, AWordsHeadingsAndIntrosAreOneSource) {
  const Xapian::Database db(index_->db().string());
  const std::shared_ptr<const DocColumns> columns = DocColumns::Build(db);
  auto sources = [](const Xapian::Query& q) {
    const std::string description = q.get_description();
    std::size_t count = 0;
    for (std::size_t at = description.find("DocRunsPostingSource"); at != std::string::npos;
         at = description.find("DocRunsPostingSource", at + 1)) {
      ++count;
    }
    return count;
  };
  // Both words are in the heading "Machine Learning" and the intro
  // "Projects in machine learning:".
  EXPECT_EQ(sources(Build("machine learning", columns).first), 2u);
  EXPECT_EQ(sources(Build("machine", columns).first), 0u);  // one word ranks on its own text only
  EXPECT_EQ(sources(Build("machine python", columns).first), 1u);
}

// With the columns in memory, the bullets below a heading or intro are
// found there instead of in the posting lists of the heading ids (for
// `machine learning` on the bundled corpus, 17,000 postings to read for
// 3,300 of the bullets' own words): the ranking must not change.
TEST_F(QueryBuilderTest, HeadingsMatchedFromMemoryRankAsFromTheirPostings) {
  const Xapian::Database db(index_->db().string());
  const std::shared_ptr<const DocColumns> columns = DocColumns::Build(db);
  // "machine,lea* mills": the words before a prefix must match the context
  // along with it, and "lathes and mills" is below "Machine Shops" only.
  for (const std::string query : {"machine learning", "formal python", "\"machine learning\" shop", "verif* designs",
                                  "learn hardware", "section:\"Formal Verification\" formal", "machine,lea* mills",
                                  "formal,verif* shop"}) {
    SCOPED_TRACE(query);
    const Xapian::Query from_postings = Build(query).first;
    const Xapian::Query from_memory = Build(query, columns).first;
    EXPECT_THAT(from_postings.get_description(), HasSubstr("XH"));
    EXPECT_THAT(from_memory.get_description(), Not(HasSubstr("XH")));
    EXPECT_THAT(from_memory.get_description(), HasSubstr("DocRunsPostingSource"));
    auto ranking = [&](const Xapian::Query& q) {
      Xapian::Enquire enquire(db);
      enquire.set_query(q);
      std::vector<std::pair<Xapian::docid, double>> hits;
      const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
      for (auto it = mset.begin(); it != mset.end(); ++it) hits.emplace_back(*it, it.get_weight());
      return hits;
    };
    const auto expected = ranking(from_postings);
    const auto got = ranking(from_memory);
    ASSERT_EQ(got.size(), expected.size());
    EXPECT_FALSE(got.empty());
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].first, expected[i].first) << i;
      EXPECT_NEAR(got[i].second, expected[i].second, 1e-9) << i;
    }
  }
}

}  // namespace
}  // namespace notesearch
