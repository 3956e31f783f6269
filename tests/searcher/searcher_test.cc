#include "searcher/searcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/errors.h"
#include "tests/test_util.h"

namespace notesearch {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

class SearcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_ = new testing::TestIndex(
        {{"jobs.md",
          "# Embedded\n"                                              // 1
          "## Platform Software\n"                                    // 2
          "+ skill set for Platform Software Engineer (BMC):\n"       // 3
          "\t- What you will bring:\n"                                // 4
          "\t\t* Experience with yocto based projects, bitbake\n"    // 5
          "\t\t* Linux kernel drivers\n"                              // 6
          "+ yocto recipes for a different board\n"                   // 7
          "## Formal Verification\n"                                  // 8
          "Skills for formal verification:\n"                         // 9
          "+ model checking with SAT solvers\n"                       // 10
          "+ theorem proving in Coq\n"                                // 11
          "+ formal verification of hardware designs\n"               // 12
          "+ verification is not formal here\n"                       // 13
          "+ python and pandas\n"                                     // 14
          "+ python and java\n"                                       // 15
          "+ python\n"},                                              // 16
         {"other.md",
          "+ python scripting\n"                                      // 1
          "+ design automation tools\n"                               // 2
          "+ automation of design reviews\n"}});                      // 3
  }
  static void TearDownTestSuite() { delete index_; }

  std::vector<std::string> Lines(const std::string& query, std::size_t limit = 10) {
    return index_->Lines(query, limit);
  }
  static testing::TestIndex* index_;
};

testing::TestIndex* SearcherTest::index_ = nullptr;

TEST_F(SearcherTest, ContextFindsTheChildUnderAParentNamingTheOtherWord) {
  // As "BMC yocto" in corpus/skill-sets.md:141.
  const std::vector<std::string> lines = Lines("BMC yocto");
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "jobs.md:5");
  EXPECT_THAT(lines, Contains("jobs.md:7"));  // a partial match still comes back
}

TEST_F(SearcherTest, BulletsWithAllWordsRankAboveThoseWithSome) {
  const std::vector<std::string> lines = Lines("python pandas");
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], "jobs.md:14");
}

TEST_F(SearcherTest, HeadingsAndListIntrosAreContext) {
  // "model checking" sits below "## Formal Verification" and its intro.
  EXPECT_EQ(Lines("formal verification checking")[0], "jobs.md:10");
  EXPECT_EQ(Lines("formal verification SAT")[0], "jobs.md:10");
}

TEST_F(SearcherTest, ContextAloneIsNotAMatch) {
  // The children of line 3 have "BMC" only in their context.
  EXPECT_THAT(Lines("BMC"), ElementsAre("jobs.md:3"));
  EXPECT_THAT(Lines("formal verification"), UnorderedElementsAre("jobs.md:8", "jobs.md:9", "jobs.md:12", "jobs.md:13"));
}

TEST_F(SearcherTest, ContextCompletesAMatch) {
  // Lines 5 and 7 both name yocto; only line 5's parent names BMC.
  const std::vector<std::string> lines = Lines("yocto bmc");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "jobs.md:5");
  EXPECT_THAT(lines, Contains("jobs.md:3"));  // BMC only
  EXPECT_THAT(lines, Contains("jobs.md:7"));  // yocto only
}

TEST_F(SearcherTest, PhrasesRequireOrder) {
  EXPECT_THAT(Lines("\"design automation\""), ElementsAre("other.md:2"));
  EXPECT_THAT(Lines("design automation"), Contains("other.md:3"));
}

// A phrase whose words are together in more bullets than the scorer checks
// positions for is found by Xapian's matcher: totals, collapsing and
// facets must count every match, also those a ranked pass could skip as
// unable to reach the page (once the first bullets, which also name the
// synonym ML, fill the page, the others weigh too little).
TEST(PhraseWithManyCandidatesTest, CountsEveryMatchOnce) {
  std::string notes;
  for (int i = 0; i < 100; ++i) notes += "+ machine learning ML note " + std::to_string(i) + " with Python\n";
  for (int i = 0; i < 300; ++i) notes += "+ machine learning note " + std::to_string(i) + "\n";
  for (int i = 0; i < 50; ++i) notes += "+ machine learning again\n";  // one text, collapsed
  for (int i = 0; i < 150; ++i) notes += "+ learning about the machine " + std::to_string(i) + "\n";  // not the phrase
  const testing::TestIndex index({{"notes.md", notes}});
  Searcher searcher(index.db());
  SearchRequest request;
  request.query = "\"machine learning\"";
  request.facets = {"tool"};
  const SearchResponse response = searcher.Search(request);
  EXPECT_EQ(response.total_bullets, 450u);
  EXPECT_EQ(response.total, 401u);
  ASSERT_EQ(response.facets.size(), 1u);
  EXPECT_THAT(response.facets[0].values, ElementsAre(::testing::Field(&FacetValue::count, 100u)));
  ASSERT_EQ(response.hits.size(), 10u);
  for (const Hit& hit : response.hits) EXPECT_THAT(hit.stored.block.text, HasSubstr("machine learning"));
}

// A wildcard that expands to more than 64 terms keeps the 64 most frequent,
// and among equally frequent ones the first in term order; totals and
// collapsing count every match of those. 70 words, the k-th in k bullets
// of one text: the 64 kept are those in 7 to 70 bullets. 66 words once
// each: the first 64.
TEST(WideWildcardTest, CountsEveryMatchOfTheKeptTerms) {
  std::string notes;
  for (int k = 1; k <= 70; ++k) {
    for (int i = 0; i < k; ++i) notes += "+ wa" + std::to_string(100 + k) + "\n";
  }
  for (int k = 1; k <= 66; ++k) notes += "+ wb" + std::to_string(100 + k) + "\n";
  const testing::TestIndex index({{"notes.md", notes}});
  Searcher searcher(index.db());
  ASSERT_TRUE(searcher.holds_values_in_memory());
  SearchRequest request;
  request.query = "wa*";
  const SearchResponse response = searcher.Search(request);
  EXPECT_EQ(response.total_bullets, 2464u);  // 7 + 8 + ... + 70
  EXPECT_EQ(response.total, 64u);
  ASSERT_EQ(response.hits.size(), 10u);
  // One synonym, bullets of one word: equal weights, so the first kept by place.
  EXPECT_EQ(response.hits.front().stored.block.text, "wa107");
  request.query = "wb*";
  request.limit = 100;
  const SearchResponse ties = searcher.Search(request);
  EXPECT_EQ(ties.total, 64u);
  ASSERT_EQ(ties.hits.size(), 64u);
  EXPECT_EQ(ties.hits.back().stored.block.text, "wb164");
}

TEST_F(SearcherTest, ExclusionAndBooleanOperators) {
  EXPECT_THAT(Lines("python -java"), Not(Contains("jobs.md:15")));
  EXPECT_THAT(Lines("python -java"), Contains("jobs.md:14"));
  EXPECT_THAT(Lines("pandas OR java"), UnorderedElementsAre("jobs.md:14", "jobs.md:15"));
  EXPECT_THAT(Lines("python AND java"), ElementsAre("jobs.md:15"));
  EXPECT_THAT(Lines("python NOT (java OR pandas)"), UnorderedElementsAre("jobs.md:16", "other.md:1"));
  EXPECT_THAT(Lines("+pandas python"), ElementsAre("jobs.md:14"));
}

TEST_F(SearcherTest, OnlyExclusionsMatchEverythingElse) {
  const SearchResponse response = index_->Search("-python", 100);
  EXPECT_GT(response.total, 10u);
  for (const Hit& hit : response.hits) EXPECT_THAT(hit.stored.block.text, Not(HasSubstr("python")));
}

// Regression: Xapian::Query::MatchAll is one shared object whose reference
// count is not atomic, so Searchers on different threads that copied it
// (facet counts, exclusion-only queries) freed it under each other and the
// HTTP server crashed under concurrent /api/suggest.
TEST_F(SearcherTest, SearchersOnSeparateThreadsShareNoQueryObjects) {
  std::vector<std::thread> threads;
  std::atomic<int> answered{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      Searcher searcher(index_->db());
      for (int i = 0; i < 3000; ++i) {
        if (!searcher.FacetCounts({"tool"}, 10).empty()) ++answered;
        SearchRequest request;
        request.query = "-python";
        if (searcher.Search(request).total > 0) ++answered;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(answered, 4 * 3000 * 2);
}

TEST_F(SearcherTest, PrefixQueries) {
  EXPECT_THAT(Lines("pyth*"), Contains("jobs.md:16"));
  EXPECT_THAT(Lines("theor*"), ElementsAre("jobs.md:11"));
}

TEST_F(SearcherTest, FieldQueries) {
  EXPECT_THAT(Lines("file:other python"), ElementsAre("other.md:1"));
  EXPECT_THAT(Lines("kind:heading"), UnorderedElementsAre("jobs.md:1", "jobs.md:2", "jobs.md:8"));
  EXPECT_THAT(Lines("kind:paragraph"), ElementsAre("jobs.md:9"));
  EXPECT_THAT(Lines("section:\"formal verification\" coq"), ElementsAre("jobs.md:11"));
  EXPECT_THAT(Lines("section:platform"), Contains("jobs.md:5"));
  EXPECT_THAT(Lines("section:platform"), Not(Contains("jobs.md:10")));
  // A scoped clause narrows: bullets of the section that match the words.
  EXPECT_THAT(Lines("section:platform linux"), ElementsAre("jobs.md:6"));
}

TEST(DirectoryClauseTest, NarrowsToTheFilesBelowADirectory) {
  testing::TestIndex index({{"work/todo.md", "+ python deploy script\n"},
                            {"work/2024/march.md", "+ python migration\n"},
                            {"personal/work-life.md", "+ python for fun\n"},
                            {"archive/work/old.md", "+ python 2 code\n"}});
  EXPECT_THAT(index.Lines("dir:work python"), UnorderedElementsAre("todo.md:1", "march.md:1", "old.md:1"));
  EXPECT_THAT(index.Lines("python dir:archive/work"), ElementsAre("old.md:1"));
  EXPECT_THAT(index.Lines("python dir:" + (index.notes() / "work").string()),
              UnorderedElementsAre("todo.md:1", "march.md:1"));
  EXPECT_THAT(index.Lines("python dir:pers*"), ElementsAre("work-life.md:1"));
  EXPECT_THAT(index.Lines("python -dir:work"), ElementsAre("work-life.md:1"));
  EXPECT_THAT(index.Lines("dir:2024"), ElementsAre("march.md:1"));  // alone: every bullet there
  // As a filter, and one that matches nothing is named.
  Searcher searcher(index.db());
  SearchRequest request{"python", 0, 10, {}, 10, {{"dir", "archive"}}};
  EXPECT_EQ(searcher.Search(request).total, 1u);
  request.filters = {{"dir", "nowhere"}};
  const SearchResponse none = searcher.Search(request);
  EXPECT_EQ(none.total, 0u);
  EXPECT_THAT(none.notices, ElementsAre("filter dir=nowhere matches no bullet of the index "
                                        "(no indexed file is in a directory 'nowhere')"));
  const SearchResponse typo = index.Search("python dir:wrok");
  EXPECT_EQ(typo.total, 0u);
  EXPECT_THAT(typo.notices, ElementsAre("'dir:wrok' at column 8: no indexed file is in a directory 'wrok'"));
  // A file indexed later is found by the same searcher.
  index.Write("work/new/later.md", "+ python later\n");
  index.Reindex();
  request.filters = {{"dir", "work"}};
  EXPECT_EQ(searcher.Search(request).total, 4u);
}

using ValueCount = std::pair<std::string, std::uint64_t>;

std::vector<ValueCount> ValueCounts(const Facet& facet) {
  std::vector<ValueCount> counts;
  for (const FacetValue& value : facet.values) counts.emplace_back(value.value, value.count);
  return counts;
}

TEST(TagFieldTest, TagsAreSearchedFilteredAndCountedWithTheirChildren) {
  testing::TestIndex index({{"ops.md",
                             "# Runbooks #ops\n"                        // 1
                             "+ restart pods #kubernetes\n"             // 2
                             "\t- drain the node first\n"               // 3
                             "+ kubernetes upgrade notes\n"             // 4
                             "+ rotate the #infra/certs yearly\n"},     // 5
                            {"misc.md", "+ kubernetes at home\n+ nothing tagged\n"}});
  // tag: finds the tagged bullets and those below them; a nested tag is
  // its parent's too.
  EXPECT_THAT(index.Lines("tag:kubernetes"), UnorderedElementsAre("ops.md:2", "ops.md:3"));
  EXPECT_THAT(index.Lines("tag:infra"), ElementsAre("ops.md:5"));
  EXPECT_THAT(index.Lines("tag:ops drain"), ElementsAre("ops.md:3"));
  // A bare word ranks the bullet tagged with it first; an inherited tag
  // alone does not make a match (as context does not).
  const std::vector<std::string> bare = index.Lines("kubernetes");
  ASSERT_FALSE(bare.empty());
  EXPECT_EQ(bare[0], "ops.md:2");
  EXPECT_THAT(bare, Not(Contains("ops.md:3")));
  // As a filter and a facet.
  Searcher searcher(index.db());
  SearchRequest request{"", 0, 10, {"tag"}, 10, {{"tag", "ops"}}};
  const SearchResponse ops = searcher.Search(request);
  EXPECT_EQ(ops.total, 5u);
  ASSERT_EQ(ops.facets.size(), 1u);
  EXPECT_THAT(ValueCounts(ops.facets[0]),
              ElementsAre(ValueCount{"ops", 5}, ValueCount{"kubernetes", 2}, ValueCount{"infra", 1},
                          ValueCount{"infra/certs", 1}));
  // Search as you type completes tags like other names.
  const std::vector<Suggestion> suggestions = searcher.Suggest("restart infra/c", 5);
  ASSERT_FALSE(suggestions.empty());
  EXPECT_EQ(suggestions[0].text, "restart infra/certs");
  EXPECT_EQ(suggestions[0].kind, "tag");
  const std::optional<BlockView> child = searcher.Show((index.notes() / "ops.md").string(), 3);
  ASSERT_TRUE(child.has_value());
  EXPECT_THAT(child->stored.block.inherited.tags, ElementsAre("ops", "kubernetes"));
}

TEST(PageFieldTest, PageLinksAreSearchedFilteredAndCountedWithTheirChildren) {
  testing::TestIndex index({{"apollo.md",
                             "# [[Project Apollo]]\n"                     // 1
                             "- standup with [[Alice Smith|Alice]]\n"     // 2
                             "\t- ship the launch checklist\n"            // 3
                             "- apollo budget review\n"},                 // 4
                            {"misc.md", "- lunch with [[alice smith]]\n- nothing linked\n"}});
  EXPECT_THAT(index.Lines("page:\"alice smith\""), UnorderedElementsAre("apollo.md:2", "apollo.md:3", "misc.md:1"));
  EXPECT_THAT(index.Lines("page:apollo checklist"), ElementsAre("apollo.md:3"));
  // A bare word ranks the bullet linking to its page first.
  const std::vector<std::string> bare = index.Lines("alice");
  ASSERT_GE(bare.size(), 2u);
  EXPECT_THAT(std::vector<std::string>(bare.begin(), bare.begin() + 2), UnorderedElementsAre("apollo.md:2", "misc.md:1"));
  Searcher searcher(index.db());
  SearchRequest request{"", 0, 10, {"page"}, 10, {{"page", "Project Apollo"}}};
  const SearchResponse apollo = searcher.Search(request);
  EXPECT_EQ(apollo.total, 4u);
  ASSERT_EQ(apollo.facets.size(), 1u);
  EXPECT_THAT(ValueCounts(apollo.facets[0]), ElementsAre(ValueCount{"project apollo", 4}, ValueCount{"alice smith", 2}));
  const std::vector<Suggestion> suggestions = searcher.Suggest("met alice s", 5);
  ASSERT_FALSE(suggestions.empty());
  EXPECT_EQ(suggestions[0].text, "met alice smith");
  EXPECT_EQ(suggestions[0].kind, "page");
  // Typed as a link, only pages complete, as links; "[[" lists them.
  const std::vector<Suggestion> links = searcher.Suggest("met [[al", 5);
  ASSERT_FALSE(links.empty());
  EXPECT_EQ(links[0].text, "met [[alice smith]]");
  std::vector<std::string> pages;
  for (const Suggestion& suggestion : searcher.Suggest("[[", 5)) pages.push_back(suggestion.text);
  EXPECT_THAT(pages, ElementsAre("[[project apollo]]", "[[alice smith]]"));
  const std::optional<BlockView> child = searcher.Show((index.notes() / "apollo.md").string(), 3);
  ASSERT_TRUE(child.has_value());
  EXPECT_THAT(child->stored.block.inherited.pages, ElementsAre("project apollo", "alice smith"));
}

// A page with aliases (Logseq's `alias::`, Obsidian's `aliases`) is one
// page under each name: a link, a query or a filter by any name finds the
// links by every name, and the names are read again on each run.
TEST(PageAliasTest, ALinkToAnyNameOfAPageIsALinkToThePage) {
  const std::initializer_list<std::pair<const std::string, std::string>> notes = {
      {"pages/Project Apollo.md", "alias:: Apollo, [[PA]], Moonshot\n\n- the moon by 1969\n"},
      {"journal.md",
       "- met the [[Apollo]] team\n"     // 1
       "- [[Project Apollo]] budget\n"  // 2
       "- [[PA]] risks\n"               // 3
       "- [[Apollo 13]] film\n"},       // 4
      {"review.md", "- [[Apollo]] and [[PA]] review\n"},
      {"runbook.md", "---\ntitle: Runbook\naliases: [ops book]\n---\n- drain nodes\n"},
      {"oncall.md", "- see [[ops book]]\n- see [[Runbook]]\n"}};
  testing::TestIndex index(notes);
  const auto every_link = UnorderedElementsAre("journal.md:1", "journal.md:2", "journal.md:3", "review.md:1");
  EXPECT_THAT(index.Lines("page:\"Project Apollo\""), every_link);
  EXPECT_THAT(index.Lines("[[apollo]]"), every_link);
  EXPECT_THAT(index.Lines("[[PA]] risks"), ElementsAre("journal.md:3"));
  EXPECT_THAT(index.Lines("[[Runbook]]"), UnorderedElementsAre("oncall.md:1", "oncall.md:2"));
  // The page facet counts its names as one value (the first linked to),
  // a bullet linking two of them once: as many as the filter finds, with
  // the columns and, without them, from the values.
  SearchRequest filtered{"", 0, 10, {"page"}, 10, {{"page", "pa"}}};
  Searcher searcher(index.db());
  const SearchResponse response = searcher.Search(filtered);
  EXPECT_EQ(response.total, 4u);
  ASSERT_EQ(response.facets.size(), 1u);
  EXPECT_THAT(ValueCounts(response.facets[0]), ElementsAre(ValueCount{"project apollo", 4}));
  EXPECT_TRUE(searcher.holds_values_in_memory());
  testing::TestIndex without_columns(notes);  // apart: a copy would share the columns in memory
  testing::RemoveColumnsFiles(without_columns.db());
  Searcher from_values(without_columns.db());
  EXPECT_FALSE(from_values.holds_values_in_memory());
  EXPECT_THAT(ValueCounts(from_values.Search(filtered).facets.at(0)), ElementsAre(ValueCount{"project apollo", 4}));
  // Names nobody links to are no notice; a page nobody links to is.
  EXPECT_THAT(searcher.Search({"[[Apollo]]", 0, 10}).notices, IsEmpty());
  EXPECT_THAT(searcher.Search({"[[Gemini]]", 0, 10}).notices, Contains(HasSubstr("page:\"Gemini\"")));

  // Without the alias line, Apollo is a page of its own again.
  index.Write("pages/Project Apollo.md", "- the moon by 1969\n");
  index.Reindex();
  EXPECT_THAT(index.Lines("page:\"Project Apollo\""), ElementsAre("journal.md:2"));
  EXPECT_THAT(index.Lines("[[Runbook]]"), UnorderedElementsAre("oncall.md:1", "oncall.md:2"));
}

TEST_F(SearcherTest, TiesAreBrokenByFileThenLine) {
  // The same words in another order score alike: file order, then line
  // order decides (identical bullets would be collapsed into one hit).
  testing::TestIndex index({{"b.md", "+ same words.\n"}, {"a.md", "+ words same\n+ same words\n"}});
  EXPECT_THAT(index.Lines("same"), ElementsAre("a.md:1", "a.md:2", "b.md:1"));
}

TEST_F(SearcherTest, IdenticalBulletsCollapseIntoOneHit) {
  const std::string boilerplate = "+ We are an equal opportunity employer\n";
  testing::TestIndex index({{"a.md", "+ skill set:\n\t- equal pay\n" + boilerplate}, {"b.md", boilerplate + boilerplate}});
  Searcher searcher(index.db());
  const SearchResponse collapsed = searcher.Search({"equal opportunity", 0, 10});
  EXPECT_EQ(collapsed.total, 2u);          // the boilerplate, and "equal pay"
  EXPECT_EQ(collapsed.total_bullets, 4u);
  ASSERT_FALSE(collapsed.hits.empty());
  const Hit& top = collapsed.hits[0];
  EXPECT_EQ(top.stored.block.text, "We are an equal opportunity employer");
  EXPECT_EQ(top.also.size(), 2u);
  SearchRequest all{"equal opportunity", 0, 10};
  all.collapse = false;
  const SearchResponse expanded = searcher.Search(all);
  EXPECT_EQ(expanded.total, 4u);
  EXPECT_EQ(expanded.hits.size(), 4u);
  for (const Hit& hit : expanded.hits) EXPECT_TRUE(hit.also.empty());
}

// Regression: the places of a page's collapsed hits were cut to kMaxLimit
// per collapsed hit all together, in file order, so a text repeated more
// often than that took the others' places ("skill set:", 1,222 times in
// the bundled notes, left 15 of the 99 copies of other hits over 100
// copies of them). Each hit lists its own, from the columns or the values.
TEST_F(SearcherTest, EachCollapsedHitListsItsPlacesWhenAnotherTextRepeatsMoreThanTheLimit) {
  std::string notes;
  for (std::size_t i = 0; i < 2 * kMaxLimit + 100; ++i) notes += "+ alpha beta\n";
  for (int i = 0; i < 3; ++i) notes += "+ alpha gamma gamma\n";
  testing::TestIndex index({{"a.md", notes}});
  for (const bool columns : {true, false}) {
    SCOPED_TRACE(columns ? "from the columns" : "from the values");
    if (!columns) testing::RemoveColumnsFiles(index.db());
    Searcher searcher(index.db());
    const SearchResponse response = searcher.Search({"alpha", 0, 10});
    ASSERT_EQ(response.hits.size(), 2u);
    for (const Hit& hit : response.hits) {
      if (hit.stored.block.text == "alpha beta") {
        ASSERT_EQ(hit.also.size(), kMaxLimit);
        EXPECT_EQ(hit.also.front().second, 2u) << "in the order of their place";
        EXPECT_EQ(hit.also.back().second, kMaxLimit + 1);
      } else {
        const std::uint32_t first = 2 * kMaxLimit + 101;
        EXPECT_EQ(hit.also.size(), 2u);
        EXPECT_EQ(hit.stored.block.line, first);
        EXPECT_THAT(hit.also, ElementsAre(Pair(EndsWith("a.md"), first + 1), Pair(EndsWith("a.md"), first + 2)));
      }
    }
  }
}

// Once counting holds the index's values in memory, ranking skips
// identical texts itself (doc_columns.h) and must page exactly as Xapian's
// collapsing does, also when the top of the ranking is one text repeated
// far more often than texts repeat on average, so that it ranks again.
TEST_F(SearcherTest, PagesOfCollapsedHitsAreTheSameFromMemory) {
  std::string notes;
  for (int i = 0; i < 200; ++i) notes += "+ python\n";
  for (int i = 0; i < 300; ++i) notes += "+ python tip number " + std::to_string(i) + " for everyday scripting\n";
  testing::TestIndex index({{"tips.md", notes}});
  testing::RemoveColumnsFiles(index.db());  // `fresh` reads values from the index
  Searcher warm(index.db());
  warm.FacetCounts({"tool"}, 1);
  ASSERT_TRUE(warm.holds_values_in_memory());
  for (const std::size_t offset : {0, 5, 290}) {
    SCOPED_TRACE(offset);
    const SearchRequest request{"python", offset, 10};
    Searcher fresh(index.db());
    const SearchResponse expected = fresh.Search(request);
    const SearchResponse got = warm.Search(request);
    EXPECT_EQ(got.total, 301u);
    EXPECT_EQ(got.total, expected.total);
    ASSERT_EQ(got.hits.size(), expected.hits.size());
    EXPECT_FALSE(got.hits.empty());
    for (std::size_t i = 0; i < got.hits.size(); ++i) {
      EXPECT_EQ(got.hits[i].stored.block.line, expected.hits[i].stored.block.line);
      EXPECT_EQ(got.hits[i].score, expected.hits[i].score);
      EXPECT_EQ(got.hits[i].also, expected.hits[i].also);
    }
  }
}

TEST_F(SearcherTest, LongBulletsGetASnippetAroundTheirMatches) {
  std::string ad = "+ ";
  for (int i = 0; i < 60; ++i) ad += "filler" + std::to_string(i) + " ";
  ad += "the rare kubernetes requirement ";
  for (int i = 0; i < 60; ++i) ad += "padding" + std::to_string(i) + " ";
  testing::TestIndex index({{"ad.md", ad + "\n+ short kubernetes note\n"}});
  Searcher searcher(index.db());
  const SearchResponse response = searcher.Search({"kubernetes", 0, 10});
  ASSERT_EQ(response.hits.size(), 2u);
  for (const Hit& hit : response.hits) {
    if (hit.stored.block.text.size() < kSnippetThreshold) {
      EXPECT_FALSE(hit.snippet.has_value());
      continue;
    }
    ASSERT_TRUE(hit.snippet.has_value());
    const Snippet& snippet = *hit.snippet;
    EXPECT_LT(snippet.text.size(), hit.stored.block.text.size());
    EXPECT_TRUE(snippet.text.starts_with("\u2026"));
    EXPECT_TRUE(snippet.text.ends_with("\u2026"));
    ASSERT_EQ(snippet.highlights.size(), 1u);
    EXPECT_EQ(snippet.text.substr(snippet.highlights[0].first, snippet.highlights[0].second - snippet.highlights[0].first),
              "kubernetes");
  }
}

TEST_F(SearcherTest, TotalIsExactAndPagingIsStable) {
  const SearchResponse all = index_->Search("python", 100);
  EXPECT_EQ(all.total, all.hits.size());
  Searcher searcher(index_->db());
  const SearchResponse page = searcher.Search({"python", 1, 2});
  ASSERT_EQ(page.hits.size(), 2u);
  EXPECT_EQ(page.hits[0].stored.block.line, all.hits[1].stored.block.line);
  EXPECT_EQ(page.total, all.total);
  EXPECT_TRUE(searcher.Search({"python", 1000000, 10}).hits.empty());
}

TEST_F(SearcherTest, HitsCarryTheirContextAndHighlights) {
  const SearchResponse response = index_->Search("yocto BMC", 1);
  ASSERT_EQ(response.hits.size(), 1u);
  const Hit& hit = response.hits[0];
  EXPECT_EQ(hit.stored.block.text, "Experience with yocto based projects, bitbake");
  std::vector<std::string> context;
  for (const ContextLine& line : hit.stored.block.Context()) context.push_back(line.text);
  EXPECT_THAT(context, ElementsAre("Embedded", "Platform Software", "skill set for Platform Software Engineer (BMC):",
                                   "What you will bring:"));
  ASSERT_EQ(hit.highlights.size(), 1u);
  EXPECT_EQ(hit.stored.block.text.substr(hit.highlights[0].first, hit.highlights[0].second - hit.highlights[0].first),
            "yocto");
  EXPECT_GT(hit.score, 0);
}

TEST_F(SearcherTest, NoticesExplainRepairs) {
  const SearchResponse response = index_->Search("\"python and", 10);
  EXPECT_THAT(response.notices, ElementsAre(HasSubstr("unbalanced quote")));
  EXPECT_THAT(index_->Lines("\"python and"), ElementsAre("jobs.md:14", "jobs.md:15"));
}

TEST_F(SearcherTest, UnanalysableWordsAreIgnoredWithANotice) {
  const SearchResponse response = index_->Search("python \u2122", 10);
  EXPECT_THAT(response.notices, ElementsAre(HasSubstr("nothing searchable")));
  EXPECT_GT(response.total, 0u);
}

TEST_F(SearcherTest, LimitOverTheMaximumIsAUsageError) {
  Searcher searcher(index_->db());
  EXPECT_THROW(searcher.Search({"python", 0, kMaxLimit + 1}), UsageError);
}

TEST_F(SearcherTest, ARebuildIsPickedUpWithoutReopening) {
  testing::TestIndex index({{"a.md", "+ before\n"}});
  Searcher searcher(index.db());
  EXPECT_EQ(searcher.Search({"before", 0, 10}).total, 1u);
  index.Write("a.md", "+ after\n");
  index.Reindex(/*rebuild=*/true);
  EXPECT_EQ(searcher.Search({"after", 0, 10}).total, 1u);
  index.Write("b.md", "+ later\n");
  index.Reindex();
  EXPECT_EQ(searcher.Search({"later", 0, 10}).total, 1u);
}

// A searcher remembers the index's term frequencies across searches: an
// update must renew them, or a word first searched before it was indexed
// stays "absent" from later queries, and weights stay the old index's.
TEST_F(SearcherTest, AnUpdateRenewsTheTermFrequenciesASearcherRemembers) {
  testing::TestIndex index({{"a.md", "+ python scripts\n+ rust\n"}});
  Searcher searcher(index.db());
  EXPECT_EQ(searcher.Search({"python kotlin", 0, 10}).total, 1u);
  index.Write("b.md", "+ kotlin apps\n+ kotlin and python\n");
  index.Reindex();
  const SearchResponse after = searcher.Search({"python kotlin", 0, 10});
  const SearchResponse fresh = Searcher(index.db()).Search({"python kotlin", 0, 10});
  EXPECT_EQ(after.total, 3u);
  ASSERT_EQ(after.hits.size(), fresh.hits.size());
  for (std::size_t i = 0; i < after.hits.size(); ++i) {
    EXPECT_EQ(after.hits[i].stored.block.text, fresh.hits[i].stored.block.text);
    EXPECT_EQ(after.hits[i].score, fresh.hits[i].score);
  }
}

// The HTTP server caches answers by snapshot: it must change with every
// update or rebuild, and only then.
TEST_F(SearcherTest, TheSnapshotChangesWhenTheIndexDoesAndOnlyThen) {
  testing::TestIndex index({{"a.md", "+ before\n"}});
  Searcher searcher(index.db());
  const std::optional<std::string> first = searcher.Snapshot();
  ASSERT_NE(first, std::nullopt);
  searcher.Search({"before", 0, 10});
  EXPECT_EQ(searcher.Snapshot(), first);
  index.Write("b.md", "+ later\n");
  index.Reindex();
  const std::optional<std::string> updated = searcher.Snapshot();
  EXPECT_NE(updated, first);
  index.Write("a.md", "+ after\n");
  index.Reindex(/*rebuild=*/true);
  EXPECT_NE(searcher.Snapshot(), updated);
  EXPECT_NE(searcher.Snapshot(), first);
}

}  // namespace
}  // namespace notesearch
