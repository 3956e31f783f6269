#include "searcher/ranking.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "tests/test_util.h"

namespace notesearch {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(RankingWeightsTest, DefaultsComeFromTheFieldTable) {
  RankingWeights weights;
  EXPECT_EQ(weights.Get("text"), TextField().weight);
  EXPECT_EQ(weights.Get("context"), ContextField().weight);
}

TEST(RankingWeightsTest, AssignmentsAndConfigFiles) {
  RankingWeights weights;
  weights.SetFromAssignment("context = 0.5");
  EXPECT_EQ(weights.Get("context"), 0.5);
  weights.LoadConfig("# tuned\nstem=0.25\n\nbm25.b = 0.4\n", "weights.conf");
  EXPECT_EQ(weights.Get("stem"), 0.25);
  EXPECT_EQ(weights.Get("bm25.b"), 0.4);
}

TEST(RankingWeightsTest, BadInputNamesThePart) {
  RankingWeights weights;
  EXPECT_THROW(weights.SetFromAssignment("nope=1"), UsageError);
  EXPECT_THROW(weights.SetFromAssignment("context"), UsageError);
  EXPECT_THROW(weights.SetFromAssignment("context=-1"), UsageError);
  try {
    weights.LoadConfig("text = 1\ncontext = lots\n", "my.conf");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("my.conf:2: weight context: 'lots' is not a number"));
  }
}

// Each weight must change the ranking it is meant to change.
class RankingEffectTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_ = new testing::TestIndex({{"r.md",
                                      "+ parent mentions rust\n"             // 1
                                      "\t- child about tooling\n"            // 2
                                      "+ tooling for rust projects today\n"  // 3
                                      "+ optimizing compilers\n"             // 4
                                      "+ optimization of compilers\n"        // 5
                                      "+ zebra\n"                            // 6
                                      "+ zebra and apple with a long tail of filler words that make "
                                      "this bullet much longer than the first one is\n"  // 7
                                      "+ apple\n+ apple pie\n+ apple tree\n"}});        // 8-10
  }
  static void TearDownTestSuite() { delete index_; }
  static testing::TestIndex* index_;
};
testing::TestIndex* RankingEffectTest::index_ = nullptr;

TEST_F(RankingEffectTest, ContextWeightDecidesBetweenOwnTextAndContext) {
  // By default the bullet naming both words itself wins.
  EXPECT_EQ(index_->Lines("rust tooling")[0], "r.md:3");
  RankingWeights heavy_context;
  heavy_context.Set("context", 50);
  EXPECT_EQ(index_->Lines("rust tooling", 10, heavy_context)[0], "r.md:2");
}

TEST_F(RankingEffectTest, StemWeightDecidesBetweenExactAndInflectedForms) {
  EXPECT_EQ(index_->Lines("optimizing")[0], "r.md:4");
  RankingWeights no_stems;
  no_stems.Set("stem", 0);
  EXPECT_THAT(index_->Lines("optimizing", 10, no_stems), ElementsAre("r.md:4"));
}

TEST_F(RankingEffectTest, CoordinationBonusPutsBulletsWithAllWordsFirst) {
  // BM25 alone prefers the short bullet with the rare word; the bonus per
  // matched word puts the long bullet with both words first.
  RankingWeights no_coordination;
  no_coordination.Set("coordination", 0);
  EXPECT_EQ(index_->Lines("zebra apple", 10, no_coordination)[0], "r.md:6");
  EXPECT_EQ(index_->Lines("zebra apple")[0], "r.md:7");
}

}  // namespace
}  // namespace notesearch
