// Facet counts checked against counts computed another way (one filtered
// search per value), filters, shards, and the field boosts.
#include <algorithm>
#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "tests/test_util.h"

namespace notesearch {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const char* const kJobs =
    "+ skill set:\n"                                                         // 1
    "\t- Senior Software Engineer \u00b7 ASML \u00b7 United States\n"         // 2
    "\t- Experience with C++ and Python\n"                                  // 3
    "\t- Kubernetes and Docker\n"                                           // 4
    "+ skill set:\n"                                                         // 5
    "\t- Santa Clara Valley (Cupertino), California, United States\n"       // 6
    "\t- Apple 3DML team is looking for software engineers\n"               // 7
    "\t- Solid programming skills with Python and PyTorch.\n"               // 8
    "+ skill set:\n"                                                         // 9
    "\t- At NVIDIA, we build GPUs. Remote \u00b7 Santa Clara, CA\n"          // 10
    "\t- CUDA and Python\n";                                                 // 11
const char* const kNotes =
    "+ python scripts for the garden\n"                                     // 1
    "+ a kubernetes cluster at home\n";                                     // 2

class FacetsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { index_ = new testing::TestIndex({{"jobs.md", kJobs}, {"notes.md", kNotes}}); }
  static void TearDownTestSuite() { delete index_; }

  static SearchResponse Search(SearchRequest request, const std::vector<std::string>& dbs = {}) {
    Searcher searcher(dbs.empty() ? std::vector<std::string>{index_->db().string()} : dbs);
    return searcher.Search(request);
  }
  static testing::TestIndex* index_;
};
testing::TestIndex* FacetsTest::index_ = nullptr;

TEST_F(FacetsTest, CountsMatchOneFilteredSearchPerValue) {
  SearchRequest request{"python OR kubernetes OR engineer", 0, 10, {"tool", "company", "location", "country"}, 100, {}};
  const SearchResponse response = Search(request);
  ASSERT_EQ(response.facets.size(), 4u);
  std::size_t checked = 0;
  for (const Facet& facet : response.facets) {
    for (const FacetValue& value : facet.values) {
      SearchRequest filtered = request;
      filtered.facets.clear();
      filtered.filters = {{facet.field, value.value}};
      EXPECT_EQ(Search(filtered).total, value.count) << facet.field << "=" << value.value;
      ++checked;
    }
  }
  EXPECT_GT(checked, 8u);
}

TEST_F(FacetsTest, MultiValuedFieldsCountOncePerBullet) {
  // Line 3 names Python and C++; the Python count is bullets, not mentions.
  const SearchResponse response = Search({"python", 0, 100, {"tool"}, 100, {}});
  const Facet& tools = response.facets.at(0);
  auto python = std::find_if(tools.values.begin(), tools.values.end(), [](const FacetValue& v) { return v.value == "Python"; });
  ASSERT_NE(python, tools.values.end());
  std::uint64_t bullets_with_python = 0;
  for (const Hit& hit : response.hits) {
    const auto& own = hit.stored.block.entities.tools;
    const auto& inherited = hit.stored.block.inherited.tools;
    bullets_with_python += (std::count(own.begin(), own.end(), "Python") + std::count(inherited.begin(), inherited.end(), "Python")) > 0;
  }
  EXPECT_EQ(python->count, bullets_with_python);
}

TEST_F(FacetsTest, LocationsRollUpToCountries) {
  const SearchResponse response = Search({"python", 0, 10, {"location", "country"}, 100, {}});
  const auto count = [&](std::size_t facet, const std::string& name) -> std::uint64_t {
    for (const FacetValue& v : response.facets[facet].values) {
      if (v.value == name) return v.count;
    }
    return 0;
  };
  // Python bullets in the ASML (United States), Apple (Cupertino) and
  // NVIDIA (Santa Clara, CA) postings, none in notes.md.
  EXPECT_EQ(count(1, "United States"), 3u);
  EXPECT_EQ(count(0, "United States"), 3u);
  EXPECT_EQ(count(0, "California"), 2u);
  EXPECT_EQ(count(0, "Cupertino"), 1u);
}

TEST_F(FacetsTest, FacetLimitKeepsTheMostCommon) {
  const SearchResponse response = Search({"python OR kubernetes", 0, 10, {"tool"}, 2, {}});
  ASSERT_EQ(response.facets[0].values.size(), 2u);
  EXPECT_EQ(response.facets[0].values[0].value, "Python");
  EXPECT_GE(response.facets[0].values[0].count, response.facets[0].values[1].count);
}

TEST_F(FacetsTest, FiltersOrWithinAFieldAndAcrossFields) {
  EXPECT_EQ(Search({"python", 0, 10, {}, 10, {{"company", "Apple"}}}).total, 1u);
  EXPECT_EQ(Search({"python", 0, 10, {}, 10, {{"company", "Apple"}, {"company", "ASML"}}}).total, 2u);
  EXPECT_EQ(Search({"python", 0, 10, {}, 10, {{"company", "Apple"}, {"location", "Remote"}}}).total, 0u);
  EXPECT_EQ(Search({"python", 0, 10, {}, 10, {{"company", "nvidia"}, {"location", "Remote"}}}).total, 1u);
  EXPECT_EQ(Search({"python", 0, 10, {}, 10, {{"location", "California"}}}).total, 2u);
  const SearchResponse response = Search({"python", 0, 10, {}, 10, {{"company", "Apple"}, {"company", "ASML"}}});
  ASSERT_EQ(response.filters.size(), 1u);
  EXPECT_THAT(response.filters[0].second, ElementsAre("Apple", "ASML"));
}

// Filters without words browse by facet, as a click on a facet with an
// empty search box would: every bullet kept, in file and line order, with
// exact totals and the facets of what is kept.
TEST_F(FacetsTest, FiltersAloneListEveryBulletTheyKeepInFileOrder) {
  const SearchResponse response = Search({"", 0, 10, {"company"}, 10, {{"location", "California"}}});
  std::vector<std::pair<std::string, std::uint32_t>> places;
  for (const Hit& hit : response.hits) places.emplace_back(hit.stored.file, hit.stored.block.line);
  EXPECT_GT(places.size(), 2u);
  EXPECT_TRUE(std::is_sorted(places.begin(), places.end()));
  EXPECT_EQ(response.total_bullets, places.size());
  for (const Hit& hit : response.hits) EXPECT_THAT(hit.highlights, IsEmpty());
  ASSERT_EQ(response.facets.size(), 1u);
  EXPECT_THAT(response.facets[0].values, Contains(::testing::Field(&FacetValue::value, "Apple")));
  // A query of no words and no filters is still an error.
  EXPECT_THROW(Search({" ", 0, 10, {}, 10, {}}), UsageError);
}

TEST_F(FacetsTest, FiltersDoNotChangeTheRanking) {
  const SearchResponse all = Search({"python", 0, 100, {}, 10, {}});
  const SearchResponse filtered = Search({"python", 0, 100, {}, 10, {{"country", "United States"}}});
  std::vector<double> scores_all;
  for (const Hit& hit : all.hits) {
    for (const Hit& f : filtered.hits) {
      if (f.stored.block.line == hit.stored.block.line && f.stored.file == hit.stored.file) {
        EXPECT_DOUBLE_EQ(f.score, hit.score);
      }
    }
  }
  EXPECT_LT(filtered.total, all.total);
}

TEST_F(FacetsTest, AliasesResolveInFieldQueriesAndFilters) {
  EXPECT_THAT(index_->Lines("tool:K8s"), Contains("jobs.md:4"));
  EXPECT_THAT(index_->Lines("company:nvidia"), Contains("jobs.md:11"));
  EXPECT_THAT(index_->Lines("location:US python"), Contains("jobs.md:3"));
  EXPECT_EQ(Search({"python", 0, 10, {}, 10, {{"tool", "k8s"}}}).total, 0u);
  EXPECT_EQ(Search({"kubernetes", 0, 10, {}, 10, {{"tool", "k8s"}}}).total, 2u);
}

TEST_F(FacetsTest, FieldQueriesScopeToTheirField) {
  // notes.md names python in plain text, without a tool context... it is a
  // tool all the same; but company:Apple python is only the Apple posting.
  EXPECT_THAT(index_->Lines("company:Apple python"), ElementsAre("jobs.md:8"));
  EXPECT_THAT(index_->Lines("location:Remote"), Contains("jobs.md:11"));
}

TEST_F(FacetsTest, BadFacetsAndFiltersAreUsageErrors) {
  EXPECT_THROW(Search({"python", 0, 10, {"colour"}, 10, {}}), UsageError);
  EXPECT_THROW(Search({"python", 0, 10, {"text"}, 10, {}}), UsageError);
  EXPECT_THROW(Search({"python", 0, 10, {}, 10, {{"colour", "red"}}}), UsageError);
  EXPECT_THROW(Search({"python", 0, 10, {"tool"}, kMaxFacetLimit + 1, {}}), UsageError);
}

TEST_F(FacetsTest, TwoShardsGiveTheSameCountsAndRankingAsOneIndex) {
  testing::TestIndex jobs({{"jobs.md", kJobs}});
  testing::TestIndex notes({{"notes.md", kNotes}});
  testing::TestIndex both({{"jobs.md", kJobs}, {"notes.md", kNotes}});
  const SearchRequest request{"python OR kubernetes", 0, 20, {"tool", "company", "location", "country"}, 100, {}};
  const SearchResponse sharded = Search(request, {jobs.db().string(), notes.db().string()});
  Searcher single(both.db());
  const SearchResponse whole = single.Search(request);
  EXPECT_EQ(sharded.total, whole.total);
  ASSERT_EQ(sharded.facets.size(), whole.facets.size());
  for (std::size_t f = 0; f < whole.facets.size(); ++f) {
    ASSERT_EQ(sharded.facets[f].values.size(), whole.facets[f].values.size()) << whole.facets[f].field;
    for (std::size_t v = 0; v < whole.facets[f].values.size(); ++v) {
      EXPECT_EQ(sharded.facets[f].values[v].value, whole.facets[f].values[v].value);
      EXPECT_EQ(sharded.facets[f].values[v].count, whole.facets[f].values[v].count);
    }
  }
  ASSERT_EQ(sharded.hits.size(), whole.hits.size());
  // Equal scores are ordered by path, and the shards' files live in other
  // directories than the whole index's: compare within a score by text.
  const auto ranked = [](const SearchResponse& response) {
    std::vector<std::pair<long long, std::string>> hits;
    for (const Hit& hit : response.hits) hits.emplace_back(-std::llround(hit.score * 1e9), hit.stored.block.text);
    std::sort(hits.begin(), hits.end());
    return hits;
  };
  EXPECT_EQ(ranked(sharded), ranked(whole));
}

TEST_F(FacetsTest, FacetsOverTheWholeIndex) {
  Searcher searcher(index_->db());
  const std::vector<Facet> facets = searcher.FacetCounts({"company"}, 10);
  ASSERT_EQ(facets.size(), 1u);
  EXPECT_THAT(facets[0].values, Not(IsEmpty()));
  std::uint64_t asml = 0;
  for (const FacetValue& v : facets[0].values) asml += v.value == "ASML" ? v.count : 0;
  EXPECT_EQ(asml, Search({"company:ASML", 0, 10, {}, 10, {}}).total);
}

TEST_F(FacetsTest, ShowReturnsTheBlockWithItsChildren) {
  Searcher searcher(index_->db());
  const auto view = searcher.Show((index_->notes() / "jobs.md").string(), 5);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->stored.block.text, "skill set:");
  ASSERT_EQ(view->children.size(), 3u);
  EXPECT_EQ(view->children[0].block.line, 6u);
  EXPECT_FALSE(searcher.Show((index_->notes() / "jobs.md").string(), 999).has_value());
  EXPECT_FALSE(searcher.Show("/etc/passwd", 1).has_value());
}

// An editor asks for the bullet under its cursor, which may be on a
// continuation line of a bullet or a paragraph: that answered "no bullet"
// (only the first line of a block was indexed).
TEST(ShowTest, AContinuationLineShowsItsBullet) {
  testing::TestIndex index({{"notes.md",
                             "Openings in\n"                              // 1
                             "Berlin and Munich:\n"                       // 2
                             "\n"                                        // 3
                             "+ embedded engineer\n"                     // 4
                             "  with Rust and Zephyr\n"                  // 5
                             "  and some Yocto\n"                        // 6
                             "\t- at Bosch\n"}});                       // 7
  Searcher searcher(index.db());
  const std::string file = (index.notes() / "notes.md").string();
  for (const std::uint32_t line : {4u, 5u, 6u}) {
    const auto view = searcher.Show(file, line);
    ASSERT_TRUE(view.has_value()) << line;
    EXPECT_EQ(view->stored.block.line, 4u);
    EXPECT_EQ(view->stored.block.text, "embedded engineer with Rust and Zephyr and some Yocto");
    ASSERT_EQ(view->children.size(), 1u) << line;
    EXPECT_EQ(view->children[0].block.line, 7u);
  }
  const auto paragraph = searcher.Show(file, 2);
  ASSERT_TRUE(paragraph.has_value());
  EXPECT_EQ(paragraph->stored.block.line, 1u);
  EXPECT_FALSE(searcher.Show(file, 3).has_value());  // the blank line between them
}

// Children are found by their parent's fingerprint, which identical
// bullets under the same headings share: each shows its own children only.
TEST(ShowTest, IdenticalBulletsShowTheirOwnChildren) {
  testing::TestIndex index({{"todo.md",
                             "+ follow up\n"        // 1
                             "\t- call Alice\n"     // 2
                             "+ follow up\n"        // 3
                             "\t- email Bob\n"      // 4
                             "\t- email Carol\n"}});  // 5
  Searcher searcher(index.db());
  const std::string file = (index.notes() / "todo.md").string();
  const auto first = searcher.Show(file, 1);
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(first->children.size(), 1u);
  EXPECT_EQ(first->children[0].block.text, "call Alice");
  const auto second = searcher.Show(file, 3);
  ASSERT_TRUE(second.has_value());
  ASSERT_EQ(second->children.size(), 2u);
  EXPECT_EQ(second->children[0].block.text, "email Bob");
  EXPECT_EQ(second->children[1].block.text, "email Carol");
}

}  // namespace
}  // namespace notesearch
