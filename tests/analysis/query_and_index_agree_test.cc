// Every analysis case must hold on both sides: a query typed as a user would
// type it finds the bullet that the indexer stored.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace notesearch {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

class QueryAndIndexAgreeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_ = new testing::TestIndex({{"notes.md",
                                      "+ Maven, for languages such as C\\# and Ruby\n"      // 1
                                      "+ Strong C++ and F# skills\n"                         // 2
                                      "+ Built on .NET and Node.js\n"                        // 3
                                      "+ TCP/IP networking and CI/CD pipelines\n"            // 4
                                      "+ end-to-end testing\n"                               // 5
                                      "+ NVIDIA\u00ae TensorRT\u2122 inference\n"            // 6
                                      "+ Apple\u2019s Neural Engine\n"                       // 7
                                      "+ 機械学習 のエンジニア\n"                              // 8
                                      "+ optimization of schedulers\n"                       // 9
                                      "+ pandas and Jenkins on Kubernetes\n"                 // 10
                                      "+ x86-64 assembly and ggplot2\n"                      // 11
                                      "+ a panda is not a library\n"                         // 12
                                      "+ C programming\n"}});                                // 13
  }
  static void TearDownTestSuite() { delete index_; }

  std::vector<std::string> Lines(const std::string& query) { return index_->Lines(query); }
  static testing::TestIndex* index_;
};

testing::TestIndex* QueryAndIndexAgreeTest::index_ = nullptr;

TEST_F(QueryAndIndexAgreeTest, EscapedCSharpIsFoundAsTyped) {
  EXPECT_THAT(Lines("C#"), ElementsAre("notes.md:1"));
}

TEST_F(QueryAndIndexAgreeTest, CPlusPlusIsNotC) {
  EXPECT_THAT(Lines("C++"), ElementsAre("notes.md:2"));
  EXPECT_THAT(Lines("C"), ElementsAre("notes.md:13"));
  EXPECT_THAT(Lines("F#"), ElementsAre("notes.md:2"));
}

TEST_F(QueryAndIndexAgreeTest, DotNamesMatchWholeAndByParts) {
  EXPECT_THAT(Lines(".NET"), ElementsAre("notes.md:3"));
  EXPECT_THAT(Lines("node.js"), ElementsAre("notes.md:3"));
  EXPECT_THAT(Lines("node"), ElementsAre("notes.md:3"));
}

TEST_F(QueryAndIndexAgreeTest, SlashedNamesMatchWholeAndByParts) {
  EXPECT_THAT(Lines("TCP/IP"), ElementsAre("notes.md:4"));
  EXPECT_THAT(Lines("TCP"), ElementsAre("notes.md:4"));
  EXPECT_THAT(Lines("IP"), ElementsAre("notes.md:4"));
  EXPECT_THAT(Lines("CI/CD"), ElementsAre("notes.md:4"));
}

TEST_F(QueryAndIndexAgreeTest, HyphenatedQueryAndPhraseFindEachOther) {
  EXPECT_THAT(Lines("end-to-end"), ElementsAre("notes.md:5"));
  EXPECT_THAT(Lines("\"end to end\""), ElementsAre("notes.md:5"));
  EXPECT_THAT(Lines("end\u2013to\u2013end"), ElementsAre("notes.md:5"));
}

TEST_F(QueryAndIndexAgreeTest, TrademarkSignsAreIgnoredOnBothSides) {
  EXPECT_THAT(Lines("TensorRT"), ElementsAre("notes.md:6"));
  EXPECT_THAT(Lines("TensorRT\u2122"), ElementsAre("notes.md:6"));
  EXPECT_THAT(Lines("nvidia"), ElementsAre("notes.md:6"));
}

TEST_F(QueryAndIndexAgreeTest, PossessivesAndCurlyApostrophes) {
  EXPECT_THAT(Lines("apple"), ElementsAre("notes.md:7"));
  EXPECT_THAT(Lines("Apple's"), ElementsAre("notes.md:7"));
  EXPECT_THAT(Lines("Apple\u2019s"), ElementsAre("notes.md:7"));
}

TEST_F(QueryAndIndexAgreeTest, CjkWordsAreFound) {
  EXPECT_THAT(Lines("機械学習"), ElementsAre("notes.md:8"));
  EXPECT_THAT(Lines("学習"), ElementsAre("notes.md:8"));
}

TEST_F(QueryAndIndexAgreeTest, InflectionsMatchThroughStems) {
  EXPECT_THAT(Lines("optimizing"), ElementsAre("notes.md:9"));
  EXPECT_THAT(Lines("scheduler"), ElementsAre("notes.md:9"));
}

TEST_F(QueryAndIndexAgreeTest, ProtectedTermsMatchOnlyThemselves) {
  EXPECT_THAT(Lines("pandas"), ElementsAre("notes.md:10"));
  EXPECT_THAT(Lines("panda"), ElementsAre("notes.md:12"));
  EXPECT_THAT(Lines("kubernetes"), ElementsAre("notes.md:10"));
  EXPECT_THAT(Lines("jenkins"), ElementsAre("notes.md:10"));
}

TEST_F(QueryAndIndexAgreeTest, DigitsInsideWords) {
  EXPECT_THAT(Lines("x86-64"), ElementsAre("notes.md:11"));
  EXPECT_THAT(Lines("x86"), ElementsAre("notes.md:11"));
  EXPECT_THAT(Lines("ggplot2"), ElementsAre("notes.md:11"));
  EXPECT_THAT(Lines("ggplot"), IsEmpty());
}

}  // namespace
}  // namespace notesearch
