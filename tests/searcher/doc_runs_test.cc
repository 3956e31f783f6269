#include "searcher/doc_runs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace notesearch {
namespace {

DocRuns RunsOf(const std::set<Xapian::docid>& docs) {
  DocRuns runs;
  for (Xapian::docid doc : docs) runs.Append(doc);
  return runs;
}

std::set<Xapian::docid> DocsOf(const DocRuns& runs) {
  std::set<Xapian::docid> docs;
  for (const DocRuns::Run& run : runs.runs()) {
    for (Xapian::docid doc = run.first; doc <= run.last; ++doc) docs.insert(doc);
  }
  return docs;
}

TEST(DocRunsTest, ConsecutiveDocumentsShareARun) {
  const DocRuns runs = RunsOf({3, 4, 5, 9, 10, 12});
  ASSERT_EQ(runs.runs().size(), 3u);
  EXPECT_EQ(runs.runs()[0].first, 3u);
  EXPECT_EQ(runs.runs()[0].last, 5u);
  EXPECT_EQ(runs.runs()[2].first, 12u);
  EXPECT_EQ(runs.size(), 6u);
}

TEST(DocRunsTest, FromRunsMergesOverlappingAndAdjacentRuns) {
  const DocRuns all = DocRuns::FromRuns({{10, 11}, {1, 3}, {3, 4}, {20, 20}, {12, 12}, {5, 5}});
  EXPECT_EQ(DocsOf(all), (std::set<Xapian::docid>{1, 2, 3, 4, 5, 10, 11, 12, 20}));
  EXPECT_EQ(all.size(), 9u);
  EXPECT_EQ(all.runs().size(), 3u);  // 1-5, 10-12, 20
  EXPECT_EQ(DocRuns::FromRuns({}).size(), 0u);
}

// The source must walk exactly the union of its parts, each document
// weighing the sum of the weights of the parts holding it, however Xapian
// mixes next() and skip_to(), or a heading's bullets would be missed,
// matched twice or weighed wrong.
TEST(DocRunsTest, PostingSourceVisitsExactlyThePartsWithTheirSummedWeights) {
  std::mt19937 random(7);
  for (int round = 0; round < 50; ++round) {
    const std::vector<double> weights = {2.5, 0.25, 1.0};
    std::vector<std::set<Xapian::docid>> sets(1 + round % weights.size());
    std::vector<WeightedRuns::Part> parts;
    std::map<Xapian::docid, double> expected_weight;
    for (std::size_t p = 0; p < sets.size(); ++p) {
      for (int i = 0; i < 40; ++i) sets[p].insert(1 + random() % 120);
      parts.push_back({std::make_shared<const DocRuns>(RunsOf(sets[p])), weights[p]});
    }
    for (std::size_t p = 0; p < sets.size(); ++p) {
      for (Xapian::docid doc : sets[p]) expected_weight[doc] += weights[p];
    }
    std::set<Xapian::docid> docs;
    for (const auto& [doc, weight] : expected_weight) docs.insert(doc);
    const auto summed = std::make_shared<const WeightedRuns>(WeightedRuns::Sum(parts));
    double max_weight = 0;
    for (const auto& [doc, weight] : expected_weight) max_weight = std::max(max_weight, weight);
    DocRunsPostingSource source(summed);
    source.init(Xapian::Database());
    EXPECT_EQ(source.get_termfreq_est(), docs.size());
    EXPECT_DOUBLE_EQ(source.get_maxweight(), max_weight);
    std::vector<Xapian::docid> seen;
    for (;;) {
      // The first document the source may stop at: after the current one
      // for next(), at or after a target for skip_to(), which may also lie
      // before the current document.
      const Xapian::docid current = seen.empty() ? 0 : seen.back();
      Xapian::docid least = current + 1;
      if (random() % 3 == 0) {
        const Xapian::docid target = (current >= 3 ? current - 3 : 0) + random() % 12;
        source.skip_to(target, 0);
        least = std::max<Xapian::docid>({target, current, 1});
      } else {
        source.next(0);
      }
      const auto expected = docs.lower_bound(least);
      if (expected == docs.end()) {
        EXPECT_TRUE(source.at_end());
        break;
      }
      ASSERT_FALSE(source.at_end());
      ASSERT_EQ(source.get_docid(), *expected);
      EXPECT_DOUBLE_EQ(source.get_weight(), expected_weight[*expected]) << *expected;
      seen.push_back(source.get_docid());
    }

    DocRunsPostingSource walk(summed);
    walk.init(Xapian::Database());
    std::set<Xapian::docid> walked;
    for (walk.next(0); !walk.at_end(); walk.next(0)) ASSERT_TRUE(walked.insert(walk.get_docid()).second);
    EXPECT_EQ(walked, docs);
  }
  DocRunsPostingSource empty(std::make_shared<const WeightedRuns>(WeightedRuns::Sum({})));
  empty.init(Xapian::Database());
  empty.next(0);
  EXPECT_TRUE(empty.at_end());
}

}  // namespace
}  // namespace notesearch
