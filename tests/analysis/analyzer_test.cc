#include "analysis/analyzer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analysis/analysis_settings.h"

namespace notesearch {
namespace {

using ::testing::ElementsAre;
using ::testing::IsSupersetOf;
using ::testing::Not;
using ::testing::Contains;

class AnalyzerTest : public ::testing::Test {
 protected:
  std::vector<std::string> Terms(std::string_view text) {
    std::vector<std::string> terms;
    for (const Token& t : analyzer_.Analyze(text)) terms.push_back(t.term);
    return terms;
  }
  // Each token as "term@position".
  std::vector<std::string> Positions(std::string_view text) {
    std::vector<std::string> out;
    for (const Token& t : analyzer_.Analyze(text)) out.push_back(t.term + "@" + std::to_string(t.position));
    return out;
  }
  std::string StemOf(std::string_view word) { return analyzer_.Stem(analyzer_.Analyze(word).at(0)); }

  Analyzer analyzer_ = MakeAnalyzer({});
};

TEST_F(AnalyzerTest, FoldsCaseAndCompatibilityForms) {
  EXPECT_THAT(Terms("PyTorch ＰＹＴＨＯＮ ﬁle"), ElementsAre("pytorch", "python", "file"));
}

TEST_F(AnalyzerTest, KeepsLanguageNamesWithSymbolsWhole) {
  EXPECT_THAT(Terms("C++, C# and F# (not C)"), ElementsAre("c++", "c#", "and", "f#", "not", "c"));
}

TEST_F(AnalyzerTest, KeepsLeadingDotNames) {
  EXPECT_THAT(Terms("using .NET."), ElementsAre("using", ".net"));
}

TEST_F(AnalyzerTest, DottedNamesAreWholeAndParts) {
  EXPECT_THAT(Positions("Node.js apps"), ElementsAre("node.js@0", "node@0", "js@1", "apps@2"));
}

TEST_F(AnalyzerTest, SlashedNamesAreWholeAndParts) {
  // corpus/eda-ai-data-science.md uses TCP/IP and CI/CD.
  EXPECT_THAT(Positions("TCP/IP stack"), ElementsAre("tcp/ip@0", "tcp@0", "ip@1", "stack@2"));
}

TEST_F(AnalyzerTest, HyphenatedNamesAreWholeAndParts) {
  EXPECT_THAT(Positions("end-to-end"), ElementsAre("end-to-end@0", "end@0", "to@1", "end@2"));
}

TEST_F(AnalyzerTest, EnAndEmDashesActLikeHyphens) {
  EXPECT_THAT(Terms("2015\u20132020 x\u2014y"), IsSupersetOf({"2015-2020", "x-y"}));
  // Spaced dashes separate words; they are not a token of their own.
  EXPECT_THAT(Terms("Engineer \u2013 AI"), ElementsAre("engineer", "ai"));
}

TEST_F(AnalyzerTest, DigitsInsideWordsStay) {
  EXPECT_THAT(Terms("x86-64 ggplot2 GPT-4 3D"), IsSupersetOf({"x86-64", "x86", "64", "ggplot2", "gpt-4", "3d"}));
}

TEST_F(AnalyzerTest, CompoundWithSymbolsKeepsItsParts) {
  EXPECT_THAT(Terms("C++/CLI C#/.NET"), ElementsAre("c++/cli", "c++", "cli", "c#/.net", "c#", ".net"));
}

TEST_F(AnalyzerTest, TrademarkSignsDoNotStickToWords) {
  // corpus/eda-ai-data-science.md:6738 "NVIDIA® TensorRT™"; NFKC would turn
  // ™ into "TM" and glue it to the word.
  EXPECT_THAT(Terms("NVIDIA\u00ae TensorRT\u2122, FastSPICE\u2122"), ElementsAre("nvidia", "tensorrt", "fastspice"));
}

TEST_F(AnalyzerTest, CurlyApostrophesFoldAndPossessivesDrop) {
  EXPECT_THAT(Terms("Apple\u2019s world\u2019s Apple's don\u2019t"), ElementsAre("apple", "world", "apple", "don't"));
}

TEST_F(AnalyzerTest, TrailingPunctuationIsNotPartOfAWord) {
  EXPECT_THAT(Terms("(pandas), e.g. end."), ElementsAre("pandas", "e.g", "e", "g", "end"));
}

TEST_F(AnalyzerTest, SegmentsCjkWithTheDictionary) {
  EXPECT_THAT(Terms("機械学習を勉強する"), IsSupersetOf({"機械", "学習"}));
  EXPECT_THAT(Terms("機械学習を勉強する"), Not(Contains("機械学習を勉強する")));
}

TEST_F(AnalyzerTest, OffsetsPointIntoTheOriginalText) {
  const std::string text = "Use C# with .NET\u2122";
  const std::vector<Token> tokens = analyzer_.Analyze(text);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "C#");
  EXPECT_EQ(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin), ".NET");
}

TEST_F(AnalyzerTest, VeryLongTokensAreDropped) {
  EXPECT_THAT(Terms(std::string(200, 'a') + " ok"), ElementsAre("ok"));
}

TEST_F(AnalyzerTest, LongCompoundsKeepOnlyTheirParts) {
  const std::vector<std::string> terms = Terms("en.wikipedia.org/wiki/Technology_roadmap");
  EXPECT_THAT(terms, IsSupersetOf({"wikipedia", "technology", "roadmap"}));
  for (const std::string& t : terms) EXPECT_LE(t.size(), kMaxTermBytes);
}

TEST_F(AnalyzerTest, StemsPlainWordsOnly) {
  EXPECT_EQ(StemOf("optimizing"), StemOf("optimization"));
  EXPECT_EQ(StemOf("schedulers"), StemOf("scheduling"));
  EXPECT_EQ(StemOf("C++"), "");
  EXPECT_EQ(StemOf("x86"), "");
}

TEST_F(AnalyzerTest, ProtectedTechnicalTermsAreNotStemmed) {
  EXPECT_EQ(StemOf("pandas"), "pandas");
  EXPECT_EQ(StemOf("Jenkins"), "jenkins");
  EXPECT_EQ(StemOf("Kubernetes"), "kubernetes");
}

TEST_F(AnalyzerTest, InvalidUtf8DoesNotCrash) {
  EXPECT_THAT(Terms("ok \xff\xfe bad \xc3"), IsSupersetOf({"ok", "bad"}));
}

TEST_F(AnalyzerTest, NormalizeMatchesWordNormalisation) {
  EXPECT_EQ(Analyzer::Normalize("Skill\u2011Sets"), "skill-sets");
  EXPECT_EQ(Analyzer::Normalize("Apple\u2019s"), "apple's");
}

TEST(AnalysisSettingsTest, RoundTripsThroughJson) {
  AnalysisSettings settings;
  settings.language = "german";
  settings.protected_words = {"pytorch"};
  EXPECT_EQ(AnalysisSettings::FromJson(settings.ToJson()), settings);
  EXPECT_FALSE(AnalysisSettings::FromJson("{\"format\": 0}").has_value());
  EXPECT_FALSE(AnalysisSettings::FromJson("not json").has_value());
}

}  // namespace
}  // namespace notesearch
