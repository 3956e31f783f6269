#include "indexer/markdown_inline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace notesearch {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::string Plain(std::string_view markdown, std::vector<Link>* links = nullptr) {
  return PlainTextOfMarkdown(markdown, links);
}

TEST(MarkdownInlineTest, LinksBecomeTheirTextAndKeepTheUrl) {
  // corpus/eda-ai-data-science.md:8
  std::vector<Link> links;
  EXPECT_EQ(Plain("Important [technology roadmaps](https://en.wikipedia.org/wiki/Technology_roadmap) to watch",
                  &links),
            "Important technology roadmaps to watch");
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].text, "technology roadmaps");
  EXPECT_EQ(links[0].url, "https://en.wikipedia.org/wiki/Technology_roadmap");
}

TEST(MarkdownInlineTest, UrlsWithParenthesesAndTitles) {
  std::vector<Link> links;
  EXPECT_EQ(Plain("[Go](https://en.wikipedia.org/wiki/Go_(programming_language) \"title\") rocks", &links),
            "Go rocks");
  EXPECT_EQ(links.at(0).url, "https://en.wikipedia.org/wiki/Go_(programming_language)");
}

TEST(MarkdownInlineTest, EmphasisInsideLinkText) {
  // corpus/eda-ai-data-science.md:27
  EXPECT_EQ(Plain("analyze the [***market environment*** and ***business environment***](https://x.org/m)"),
            "analyze the market environment and business environment");
}

TEST(MarkdownInlineTest, EmptyLinkKeepsItsUrlOnly) {
  // corpus/eda-ai-data-science.md:8170 "+ []()", 6500 "[](bio-biochem-biotech-pharma.md)"
  std::vector<Link> links;
  EXPECT_EQ(Plain("see [](bio-biochem-biotech-pharma.md)", &links), "see");
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].url, "bio-biochem-biotech-pharma.md");
  EXPECT_EQ(Plain("[]()"), "");
}

TEST(MarkdownInlineTest, EmphasisMarkersOfOneToThreeStars) {
  // corpus/eda-ai-data-science.md:112 and 4316
  EXPECT_EQ(Plain("***Apache Ant***, popular for Java"), "Apache Ant, popular for Java");
  EXPECT_EQ(Plain("**bold** and *join operations perform poorly*"), "bold and join operations perform poorly");
  EXPECT_EQ(Plain("_italic_ but snake_case stays"), "italic but snake_case stays");
}

TEST(MarkdownInlineTest, EscapesAreResolved) {
  // corpus/eda-ai-data-science.md:116 "C\#", 4568 "FAT\*"
  EXPECT_EQ(Plain("such as C\\# and Ruby"), "such as C# and Ruby");
  EXPECT_EQ(Plain("***(e.g., FAT\\*, NIPS)***"), "(e.g., FAT*, NIPS)");
}

TEST(MarkdownInlineTest, LoneStarsAndSymbolsStay) {
  EXPECT_EQ(Plain("2 * 3 with C++ and a+b"), "2 * 3 with C++ and a+b");
}

TEST(MarkdownInlineTest, CodeSpansLoseTheirBackticks) {
  EXPECT_EQ(Plain("run `make -j8` now"), "run make -j8 now");
}

TEST(MarkdownInlineTest, ACodeSpanKeepsItsTextAsWritten) {
  EXPECT_EQ(Plain("`a*b*c` and `[x](y)` and `C\\#`"), "a*b*c and [x](y) and C\\#");
  // As many backticks close it: a shorter or longer run inside is text.
  EXPECT_EQ(Plain("``a`b`` and `c``d`"), "a`b and c``d");
  EXPECT_EQ(Plain("a lone ` backtick *and* emphasis"), "a lone backtick and emphasis");
  // An escaped backtick is text, and the rest of its run opens no span.
  EXPECT_EQ(Plain("\\`` not code ` *x*"), "` not code x");
  EXPECT_EQ(Plain("`a\\``"), "a`");  // no run of one closes the first
}

// Regression (found in review before it shipped): each run of backticks
// searched the rest of the line for its closing run, so runs of growing
// length (` `` ``` ...), none closed, cost a scan of the line each.
TEST(MarkdownInlineTest, RunsOfBackticksThatNothingClosesAreDroppedInOnePass) {
  std::string growing;
  for (int length = 1; length <= 2000; ++length) growing += std::string(length, '`') + " w";
  const std::string plain = Plain(growing);
  EXPECT_EQ(plain.size(), std::string(" w").size() * 2000 - 1);
  EXPECT_EQ(plain.find('`'), std::string::npos);
}

// Regression: `#define X` in code and `#include` in a fenced block were
// tags (and `a[[1]]` a page link): they are read on the text without code.
TEST(MarkdownInlineTest, TheTextWithoutCodeHasASpaceForEachCodeSpan) {
  std::optional<std::string> without_code;
  EXPECT_EQ(PlainTextOfMarkdown("see `#define X` and #ops", nullptr, &without_code), "see #define X and #ops");
  EXPECT_EQ(without_code, "see and #ops");
  PlainTextOfMarkdown("no code #ops", nullptr, &without_code);
  EXPECT_EQ(without_code, std::nullopt);
}

TEST(MarkdownInlineTest, AutolinksAndWhitespace) {
  std::vector<Link> links;
  EXPECT_EQ(Plain("  see  <https://example.com/a>\t now ", &links), "see https://example.com/a now");
  EXPECT_EQ(links.at(0).url, "https://example.com/a");
}

TEST(MarkdownInlineTest, UnclosedBracketsAreText) {
  EXPECT_EQ(Plain("[not a link and (paren"), "[not a link and (paren");
}

// Regression: each of 200,000 unclosed '[' looked for its ']' to the end of
// the line (12 s for one bullet). A link's text and address now end within
// kMaxLinkPartBytes, so each '[' looks that far at most.
TEST(MarkdownInlineTest, ALinkEndsWithinItsLengthLimit) {
  std::vector<Link> links;
  const std::string text(3000, 'a');
  EXPECT_EQ(Plain("[" + text + "](https://x.org)", &links), text);
  ASSERT_EQ(links.size(), 1u);
  links.clear();
  const std::string too_long(5000, 'a');
  EXPECT_EQ(Plain("[" + too_long + "](https://x.org)", &links), "[" + too_long + "](https://x.org)");
  EXPECT_TRUE(links.empty());
  const std::string brackets(20000, '[');
  EXPECT_EQ(Plain("x " + brackets + " y"), "x " + brackets + " y");
}

TEST(AddressSpansTest, FindsWrittenOutAddressesWithoutTheirClosingPunctuation) {
  auto addresses = [](std::string_view text) {
    std::vector<std::string_view> found;
    for (const auto& [begin, end] : AddressSpans(text)) found.push_back(text.substr(begin, end - begin));
    return found;
  };
  EXPECT_THAT(addresses("see https://x.org/a-b/c?d=1#e, and www.y.com."),
              ElementsAre("https://x.org/a-b/c?d=1#e", "www.y.com"));
  EXPECT_THAT(addresses("(https://x.org/page) and https://en.wikipedia.org/wiki/Foo_(bar)"),
              ElementsAre("https://x.org/page", "https://en.wikipedia.org/wiki/Foo_(bar)"));
  EXPECT_THAT(addresses("ftp://files.x.org/a <git+ssh://host/repo>"), ElementsAre("ftp://files.x.org/a", "git+ssh://host/repo"));
  // Not addresses: a separator alone, or inside a word.
  EXPECT_THAT(addresses("a :// b, awww.x"), IsEmpty());
  EXPECT_THAT(addresses("no address here"), IsEmpty());
  // Regression: a scheme after a character that is neither a word start
  // nor a scheme character ("x_https://") looped for ever.
  EXPECT_THAT(addresses("x_https://y and www."), ElementsAre("www"));
  // One pass: many markers and no "www." cost no rescans.
  const std::string many(200000, ':');
  EXPECT_THAT(addresses(many + "//" + std::string(100000, '/')), IsEmpty());
}

}  // namespace
}  // namespace notesearch
