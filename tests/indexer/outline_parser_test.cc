#include "indexer/outline_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indexer/page_links.h"
#include "indexer/source_file.h"
#include "indexer/tags.h"
#include "tests/test_util.h"

namespace notesearch {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const Block* AtLine(const ParsedOutline& outline, std::uint32_t line) {
  for (const Block& b : outline.blocks) {
    if (b.line == line) return &b;
  }
  return nullptr;
}

std::vector<std::string> Texts(const std::vector<ContextLine>& lines) {
  std::vector<std::string> texts;
  for (const ContextLine& l : lines) texts.push_back(l.text);
  return texts;
}

std::vector<std::string> BlockTexts(const ParsedOutline& outline) {
  std::vector<std::string> texts;
  for (const Block& block : outline.blocks) texts.push_back(block.text);
  return texts;
}

TEST(OutlineParserTest, MarkersDoNotTellTheDepthIndentationDoes) {
  const ParsedOutline outline = ParseOutline(
      "+ top\n"
      "\t- child with dash\n"
      "\t\t* grandchild with star\n"
      "\t\t\t+ great-grandchild with plus\n"
      "\t- second child\n"
      "+ second top\n");
  ASSERT_EQ(outline.blocks.size(), 6u);
  EXPECT_EQ(outline.blocks[0].depth, 1u);
  EXPECT_EQ(outline.blocks[1].depth, 2u);
  EXPECT_EQ(outline.blocks[2].depth, 3u);
  EXPECT_EQ(outline.blocks[3].depth, 4u);
  EXPECT_EQ(outline.blocks[4].depth, 2u);
  EXPECT_EQ(outline.blocks[5].depth, 1u);
  EXPECT_THAT(Texts(outline.blocks[3].ancestors), ElementsAre("top", "child with dash", "grandchild with star"));
  EXPECT_EQ(outline.blocks[3].parent_line, 3u);
  EXPECT_THAT(Texts(outline.blocks[4].ancestors), ElementsAre("top"));
}

TEST(OutlineParserTest, SpacesAndTabsIndentAlike) {
  // corpus/eda-ai-data-science.md:2849 is indented with " \t", its siblings with "\t".
  const ParsedOutline outline = ParseOutline("+ parent\n\t- tab child\n \t- space-tab child\n    - four spaces\n");
  ASSERT_EQ(outline.blocks.size(), 4u);
  for (int i = 1; i < 4; ++i) {
    EXPECT_EQ(outline.blocks[i].depth, 2u) << outline.blocks[i].text;
    EXPECT_EQ(outline.blocks[i].parent_line, 1u);
  }
}

TEST(OutlineParserTest, AnUnmarkedIndentedLineContinuesTheBulletAbove) {
  // corpus/eda-ai-data-science.md:4318-4320.
  const ParsedOutline outline = ParseOutline(
      "* spatial database\n"
      "\t+ usually implemented with relational databases\n"
      "\tinclude spatial data that represent objects\n"
      "\t\t- 3-D objects\n");
  ASSERT_EQ(outline.blocks.size(), 3u);
  EXPECT_EQ(outline.blocks[1].line, 2u);
  EXPECT_EQ(outline.blocks[1].last_line, 3u);
  EXPECT_EQ(outline.blocks[1].text,
            "usually implemented with relational databases include spatial data that represent objects");
  EXPECT_EQ(outline.blocks[2].parent_line, 2u);
  EXPECT_EQ(outline.blocks[2].last_line, 4u);
}

TEST(OutlineParserTest, BoldLineIsAParagraphThatIntroducesTheList) {
  // corpus/eda-ai-data-science.md:4379-4380.
  const ParsedOutline outline =
      ParseOutline("***Machine Learning Scientist*** and ***Deep Learning Scientist*** roles:\n+ skill set:\n\t- PyTorch\n");
  ASSERT_EQ(outline.blocks.size(), 3u);
  EXPECT_EQ(outline.blocks[0].kind, BlockKind::kParagraph);
  EXPECT_EQ(outline.blocks[0].text, "Machine Learning Scientist and Deep Learning Scientist roles:");
  ASSERT_TRUE(outline.blocks[2].intro.has_value());
  EXPECT_EQ(outline.blocks[2].intro->line, 1u);
  EXPECT_THAT(Texts(outline.blocks[2].ancestors), ElementsAre("skill set:"));
}

TEST(OutlineParserTest, HeadingsWithTabsOrSpacesFormThePath) {
  // corpus/eda-ai-data-science.md:1, 89, 320 use a tab after the hashes.
  const ParsedOutline outline = ParseOutline(
      "#\tTop\n"
      "##  Second ##\n"
      "+ under second\n"
      "###\tThird\n"
      "+ under third\n"
      "## Another second\n"
      "+ under another\n"
      "#hashtag is not a heading\n");
  EXPECT_THAT(Texts(AtLine(outline, 3)->headings), ElementsAre("Top", "Second"));
  EXPECT_THAT(Texts(AtLine(outline, 5)->headings), ElementsAre("Top", "Second", "Third"));
  EXPECT_THAT(Texts(AtLine(outline, 7)->headings), ElementsAre("Top", "Another second"));
  EXPECT_EQ(AtLine(outline, 4)->kind, BlockKind::kHeading);
  EXPECT_THAT(Texts(AtLine(outline, 4)->headings), ElementsAre("Top", "Second"));
  EXPECT_EQ(AtLine(outline, 8)->kind, BlockKind::kParagraph);
}

TEST(OutlineParserTest, PlaceholderBulletsAreCountedNotKept) {
  // corpus/eda-ai-data-science.md:305 "+ " and 8170 "+ []()".
  const ParsedOutline outline = ParseOutline("+ \n+ []()\n+ -- \n+ real\n+\n");
  ASSERT_EQ(outline.blocks.size(), 1u);
  EXPECT_EQ(outline.blocks[0].text, "real");
  EXPECT_EQ(outline.skipped.empty_bullets, 2u);
  EXPECT_EQ(outline.skipped.wordless_bullets, 2u);
}

TEST(OutlineParserTest, ChildrenOfASkippedBulletKeepTheirDepth) {
  const ParsedOutline outline = ParseOutline("+ \n\t- child\n");
  ASSERT_EQ(outline.blocks.size(), 1u);
  EXPECT_EQ(outline.blocks[0].depth, 2u);
  EXPECT_TRUE(outline.blocks[0].ancestors.empty());
}

TEST(OutlineParserTest, CrlfLineEndings) {
  const ParsedOutline outline = ParseOutline("# Head\r\n+ one\r\n\t- two\r\n");
  ASSERT_EQ(outline.blocks.size(), 3u);
  EXPECT_EQ(outline.blocks[1].text, "one");
  EXPECT_EQ(outline.blocks[2].text, "two");
  EXPECT_EQ(outline.blocks[2].line, 3u);
}

TEST(OutlineParserTest, NumberedListsAreBullets) {
  const ParsedOutline outline = ParseOutline("1. first\n2) second\n\t10. nested\n2024 was a year\n");
  ASSERT_EQ(outline.blocks.size(), 4u);
  EXPECT_EQ(outline.blocks[2].depth, 2u);
  EXPECT_EQ(outline.blocks[3].kind, BlockKind::kParagraph);
}

TEST(OutlineParserTest, FencedCodeIsNeverAHeadingOrBullet) {
  const ParsedOutline outline = ParseOutline("```\n# not a heading\n- not a bullet\n```\n+ real\n");
  ASSERT_EQ(outline.blocks.size(), 2u);
  EXPECT_EQ(outline.blocks[0].kind, BlockKind::kParagraph);
  EXPECT_EQ(outline.blocks[0].text, "# not a heading - not a bullet");
}

TEST(OutlineParserTest, FencedCodeKeepsItsTextAndHasNoLabels) {
  ParsedOutline outline = ParseOutline("+ build notes\n  ```c\n  #include <x.h> // a*b*c\n  int a[[1]]; ``t``\n  ```\n");
  ASSERT_EQ(outline.blocks.size(), 1u);
  EXPECT_EQ(outline.blocks[0].text, "build notes #include <x.h> // a*b*c int a[[1]]; ``t``");
  EXPECT_EQ(outline.LabelText(0), "build notes");
  AssignTags(outline);
  AssignPageLinks(outline);
  EXPECT_THAT(outline.blocks[0].entities.tags, IsEmpty());
  EXPECT_THAT(outline.blocks[0].entities.pages, IsEmpty());
}

// Regression: a table was one paragraph of its rows and pipes
// (`| Command | What | |---|---| | kubectl cordon | ...`).
TEST(OutlineParserTest, ATablesHeaderIntroducesItsRowsOneBulletEach) {
  const ParsedOutline outline = ParseOutline(
      "Steps:\n"                                  // 1
      "| Command | What |\n"                       // 2
      "|:---|---:|\n"                              // 3
      "| kubectl cordon | stop scheduling |\n"   // 4
      "| `a \\| b` | an escaped pipe |\n"        // 5
      "\n"
      "- a list below\n"                          // 7
      "| not a table |\n"                         // 8
      "| no delimiter row under it |\n");         // 9
  EXPECT_THAT(BlockTexts(outline), ElementsAre("Steps:", "Command | What", "kubectl cordon | stop scheduling",
                                 "a | b | an escaped pipe", "a list below", "| not a table |",
                                 "| no delimiter row under it |"));
  const Block* row = AtLine(outline, 4);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->kind, BlockKind::kBullet);
  EXPECT_EQ(row->depth, 1u);
  ASSERT_TRUE(row->intro.has_value());
  EXPECT_EQ(row->intro->text, "Command | What");
  EXPECT_EQ(AtLine(outline, 5)->parent_line, 0u);  // rows are siblings
  EXPECT_FALSE(AtLine(outline, 7)->intro.has_value());  // the table ended
  // A quote ends a table: the row below it is a paragraph of its own.
  const ParsedOutline quoted = ParseOutline("| h |\n|---|\n| r |\n> note\n| after |\n");
  ASSERT_EQ(quoted.blocks.size(), 4u);
  EXPECT_EQ(quoted.blocks[3].kind, BlockKind::kParagraph);
  // A delimiter row right under its header only.
  const ParsedOutline lazy = ParseOutline("| h |\nmore text\n|---|\n");
  ASSERT_EQ(lazy.blocks.size(), 1u);  // the delimiter row alone has no word
  EXPECT_EQ(lazy.blocks[0].text, "| h | more text");
}

// Regression: blockquote markers stayed in the text (`> [!warning] ... >`).
TEST(OutlineParserTest, ABlockquoteIsTextWithoutItsMarkers) {
  const ParsedOutline outline = ParseOutline(
      "A paragraph\n"                              // 1
      "> [!warning]- Do not drain\n"               // 2: a quote interrupts it
      "> the control plane\n"                      // 3
      ">\n"                                        // 4: ends the paragraph
      ">> - nested item\n"                         // 5
      "+ bullet\n"                                 // 6
      "\t> quoted below it\n");                   // 7
  EXPECT_THAT(BlockTexts(outline), ElementsAre("A paragraph", "Warning: Do not drain the control plane", "nested item",
                                 "bullet quoted below it"));
  EXPECT_EQ(ParseOutline("> [!NOTE]\n").blocks.at(0).text, "NOTE");
}

TEST(OutlineParserTest, ThematicBreaksAreNotBullets) {
  const ParsedOutline outline = ParseOutline("+ a\n---\n* * *\n+ b\n");
  ASSERT_EQ(outline.blocks.size(), 2u);
}

TEST(OutlineParserTest, ParagraphLinesMergeUntilABlankLine) {
  const ParsedOutline outline = ParseOutline("first line\nsecond line\n\nnew paragraph\n");
  ASSERT_EQ(outline.blocks.size(), 2u);
  EXPECT_EQ(outline.blocks[0].text, "first line second line");
  EXPECT_EQ(outline.blocks[0].last_line, 2u);
  EXPECT_EQ(outline.blocks[1].line, 4u);
  EXPECT_EQ(outline.blocks[1].last_line, 4u);
}

TEST(OutlineParserTest, DeepNestingKeepsOnlyTheNearestAncestorsAsContext) {
  std::string text;
  for (int depth = 0; depth < 1000; ++depth) text += std::string(static_cast<std::size_t>(depth), '\t') + "+ level\n";
  const ParsedOutline outline = ParseOutline(text);
  ASSERT_EQ(outline.blocks.size(), 1000u);
  EXPECT_EQ(outline.blocks.back().depth, 1000u);
  EXPECT_EQ(outline.blocks.back().ancestors.size(), kMaxContextAncestors);
  EXPECT_EQ(outline.blocks.back().parent_line, 999u);
}

TEST(OutlineParserTest, BundledCorpusQuirksAtTheirLines) {
  const SourceFile source = ReadSourceFile(testing::CorpusDir() / "eda-ai-data-science.md");
  ASSERT_EQ(source.status, SourceFile::Status::kText);
  const ParsedOutline outline = ParseOutline(source.text);
  EXPECT_EQ(AtLine(outline, 116)->text, "Maven (for JVM software, and other languages, such as C# and Ruby)");
  EXPECT_EQ(AtLine(outline, 4379)->kind, BlockKind::kParagraph);
  EXPECT_EQ(AtLine(outline, 305), nullptr);   // "+ "
  EXPECT_EQ(AtLine(outline, 8170), nullptr);  // "+ []()"
  EXPECT_EQ(AtLine(outline, 4319), nullptr);  // continuation of 4318
  EXPECT_NE(AtLine(outline, 4318)->text.find("include spatial data"), std::string::npos);
  EXPECT_EQ(AtLine(outline, 2849)->depth, AtLine(outline, 2848)->depth);
  EXPECT_THAT(Texts(AtLine(outline, 116)->headings),
              ElementsAre(::testing::StartsWith("EDA, AI, (Applied) Machine Learning"),
                          "EDA, Electronic Design Automation"));
  EXPECT_EQ(outline.skipped.total(), 6u);
}

}  // namespace
}  // namespace notesearch
