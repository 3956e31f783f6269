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
                                      "+ apple\n+ apple pie\n+ apple tree\n"          // 8-10
                                      "+ bazel\n"                                      // 11
                                      "\t- build tools most similar to bazel are\n"}});  // 12
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

// Regression: "Build tools most similar to Bazel" (bazel in its text and,
// from its parent, in its context) outranked the bullet "Bazel" itself.
TEST_F(RankingEffectTest, ContextDoesNotRankOneWordQueriesTwice) {
  EXPECT_EQ(index_->Lines("bazel")[0], "r.md:11");
  RankingWeights heavy_context;
  heavy_context.Set("context", 50);
  EXPECT_EQ(index_->Lines("bazel", 10, heavy_context)[0], "r.md:11");
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

// Regression: BM25 took the length of a bullet to include its ancestors'
// words (context terms), so a two-word bullet deep in an outline ranked
// below a longer top-level bullet with the same words ("1-D sensor time
// series" for "time series").
TEST(BulletLengthTest, AShortDeepBulletIsNotTreatedAsLong) {
  testing::TestIndex index({{"d.md",
                             "+ notes from the reading group on systems papers and their many authors\n"  // 1
                             "\t- sessions in the spring term with long discussions of each paper\n"     // 2
                             "\t\t* rust compiler\n"                                                     // 3
                             "+ rust compiler internals and the borrow checker explained\n"}});           // 4
  EXPECT_THAT(index.Lines("rust compiler"), ElementsAre("d.md:3", "d.md:4"));
  EXPECT_THAT(index.Lines("\"rust compiler\""), ElementsAre("d.md:3", "d.md:4"));
}

}  // namespace
}  // namespace notesearch

namespace notesearch {
namespace {

// A name in a bullet's tools, companies or locations ranks above the same
// word in plain text (lower case there, so not a name), and an own mention
// above an inherited one; setting the weights the other way turns it round.
class EntityBoostTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Plain words live in a file of their own: next to tools, a lone
    // "spark" bullet would count as one.
    index_ = new testing::TestIndex({{"p.md",
                                      "+ spark\n"                                                   // 1 plain word
                                      "+ apple\n"                                                   // 2 plain word
                                      "+ california\n"},                                            // 3 plain word
                                     {"e.md",
                                      "+ Spark streaming jobs tuned over many long nights\n"        // 1 own tool
                                      "+ Apple silicon teams shipping chips in large numbers\n"     // 2 own company
                                      "+ California offices open for many new hires soon\n"        // 3 own place
                                      "+ Hadoop and Spark on a big cluster with many nodes\n"       // 4 own tool
                                      "\t- spark tuning\n"}});                                      // 5 inherited
  }
  static void TearDownTestSuite() { delete index_; }
  static std::string First(const std::string& query, RankingWeights weights = {}) {
    return index_->Lines(query, 10, std::move(weights)).at(0);
  }
  static testing::TestIndex* index_;
};
testing::TestIndex* EntityBoostTest::index_ = nullptr;

TEST_F(EntityBoostTest, ToolFieldOutranksPlainText) {
  EXPECT_EQ(First("spark"), "e.md:1");
  RankingWeights off;
  off.Set("tool", 0);
  off.Set("tool.inherited", 0);
  const std::vector<std::string> lines = index_->Lines("spark", 10, off);
  const auto at = [&](const std::string& line) { return std::find(lines.begin(), lines.end(), line) - lines.begin(); };
  EXPECT_LT(at("p.md:1"), at("e.md:1"));
}

TEST_F(EntityBoostTest, CompanyFieldOutranksPlainText) {
  EXPECT_EQ(First("apple"), "e.md:2");
  RankingWeights off;
  off.Set("company", 0);
  EXPECT_EQ(First("apple", off), "p.md:2");
}

TEST_F(EntityBoostTest, LocationFieldOutranksPlainText) {
  EXPECT_EQ(First("california"), "e.md:3");
  RankingWeights off;
  off.Set("location", 0);
  EXPECT_EQ(First("california", off), "p.md:3");
}

TEST_F(EntityBoostTest, OwnMentionsOutrankInheritedOnes) {
  // Line 5 inherits Spark from its parent, lines 1 and 4 name it.
  EXPECT_NE(First("tool:spark"), "e.md:5");
  EXPECT_EQ(index_->Lines("tool:spark").back(), "e.md:5");
  RankingWeights inherited_first;
  inherited_first.Set("tool", 0.1);
  inherited_first.Set("tool.inherited", 20);
  EXPECT_EQ(First("tool:spark", inherited_first), "e.md:5");
}

}  // namespace
}  // namespace notesearch
