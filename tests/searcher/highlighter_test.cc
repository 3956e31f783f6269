#include "searcher/highlighter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analysis/analysis_settings.h"

namespace notesearch {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class HighlighterTest : public ::testing::Test {
 protected:
  std::vector<std::string> Marked(const std::string& text, const HighlightTerms& terms) {
    std::vector<std::string> out;
    for (const auto& [b, e] : FindHighlights(analyzer_, text, terms)) out.push_back(text.substr(b, e - b));
    return out;
  }
  Analyzer analyzer_ = MakeAnalyzer({});
};

TEST_F(HighlighterTest, MarksExactWordsAndInflections) {
  HighlightTerms terms;
  terms.exact = {"optimizing"};
  terms.stems = {"optim"};
  EXPECT_THAT(Marked("Optimization and optimizing, not options", terms), ElementsAre("Optimization", "optimizing"));
}

TEST_F(HighlighterTest, MergesTheSpansOfACompound) {
  HighlightTerms terms;
  terms.exact = {"end", "to"};
  EXPECT_THAT(Marked("an end-to-end test", terms), ElementsAre("end-to-end"));
}

TEST_F(HighlighterTest, MarksTechnicalTokensAsTyped) {
  HighlightTerms terms;
  terms.exact = {"c#"};
  EXPECT_THAT(Marked("C, C# and C++", terms), ElementsAre("C#"));
}

TEST_F(HighlighterTest, MarksPrefixMatches) {
  HighlightTerms terms;
  terms.prefixes = {"pyt"};
  EXPECT_THAT(Marked("PyTorch in Python, not Perl", terms), ElementsAre("PyTorch", "Python"));
}

TEST_F(HighlighterTest, NothingToMark) {
  EXPECT_THAT(Marked("anything", HighlightTerms{}), IsEmpty());
}

TEST_F(HighlighterTest, CodePointOffsetsForJson) {
  const std::string text = "café C# 機械";
  HighlightTerms terms;
  terms.exact = {"c#", "機械"};
  const std::vector<Span> spans = ToCodePointSpans(text, FindHighlights(analyzer_, text, terms));
  EXPECT_THAT(spans, ElementsAre(Span{5, 7}, Span{8, 10}));
}

}  // namespace
}  // namespace notesearch
