#include "indexer/front_matter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indexer/outline_parser.h"
#include "indexer/page_links.h"
#include "indexer/tags.h"

namespace notesearch {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

FrontMatter Read(std::string_view text) {
  std::optional<std::pair<std::uint32_t, std::string>> problem;
  FrontMatter front = ReadFrontMatter(text, &problem);
  EXPECT_FALSE(problem.has_value()) << problem->second;
  return front;
}

TEST(FrontMatterTest, TagsInEveryFormObsidianTakes) {
  const FrontMatter list = Read("---\ntitle: Runbook\ntags:\n  - ops\n  - '#k8s'\n---\n+ a\n");
  EXPECT_EQ(list.last_line, 6u);
  EXPECT_THAT(list.tags, ElementsAre("ops", "k8s"));
  EXPECT_THAT(Read("---\ntags: [ops, infra/certs]\n...\n").tags, ElementsAre("ops", "infra/certs"));
  EXPECT_THAT(Read("---\r\ntags: ops, k8s\r\n---\r\n").tags, ElementsAre("ops", "k8s"));
  EXPECT_THAT(Read("---\ntag: ops k8s\n---\n").tags, ElementsAre("ops", "k8s"));
  const FrontMatter untagged = Read("---\ntitle: no tags\n---\n");
  EXPECT_EQ(untagged.last_line, 3u);
  EXPECT_THAT(untagged.tags, IsEmpty());
}

TEST(FrontMatterTest, WhatOnlyLooksLikeFrontMatterStaysText) {
  EXPECT_EQ(Read("+ a\n---\ntags: x\n---\n").last_line, 0u);         // not on the first line
  EXPECT_EQ(Read("---\n- a bullet\n- another\n---\n").last_line, 0u);  // a rule over bullets: a YAML list
  EXPECT_EQ(Read("---\ntags: x\n").last_line, 0u);                      // never closed
  std::string long_one = "---\n";
  for (std::uint32_t i = 0; i < kMaxFrontMatterLines; ++i) long_one += "k" + std::to_string(i) + ": v\n";
  EXPECT_EQ(Read(long_one + "---\n").last_line, 0u);
}

TEST(FrontMatterTest, AMappingYamlCannotReadIsTextWithTheLineSaid) {
  std::optional<std::pair<std::uint32_t, std::string>> problem;
  const FrontMatter front = ReadFrontMatter("---\ntitle: fine\ntags: [unclosed, list\n---\n+ a\n", &problem);
  EXPECT_EQ(front.last_line, 0u);
  ASSERT_TRUE(problem.has_value());
  EXPECT_GE(problem->first, 3u);
  EXPECT_THAT(problem->second, ::testing::HasSubstr("the front matter is not YAML"));
}

// Regression: anchors and aliases let nine short lines stand for 9^9
// values (a "billion laughs"), which reading the properties as text
// expanded without end. Past a few times the front matter's bytes it is
// text, with a warning, as YAML that cannot be read is.
TEST(FrontMatterTest, AliasesRepeatingValuesWithoutEndAreTextWithAWarning) {
  std::string yaml = "---\nk0: &k0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level < 9; ++level) {
    const std::string below = "*k" + std::to_string(level - 1);
    yaml += "k" + std::to_string(level) + ": &k" + std::to_string(level) + " [" + below;
    for (int i = 1; i < 9; ++i) yaml += ", " + below;
    yaml += "]\n";
  }
  yaml += "---\n+ after\n";
  std::optional<std::pair<std::uint32_t, std::string>> problem;
  EXPECT_EQ(ReadFrontMatter(yaml, &problem).last_line, 0u);
  ASSERT_TRUE(problem.has_value());
  EXPECT_THAT(problem->second, ::testing::HasSubstr("repeats its values"));
  const ParsedOutline outline = ParseOutline(yaml);
  EXPECT_EQ(outline.warnings.size(), 1u);
  ASSERT_FALSE(outline.blocks.empty());
  EXPECT_EQ(outline.blocks.back().text, "after");  // nothing lost
  // Regression (found by the outline fuzzer): a list that holds itself
  // was read until the stack ran out.
  problem.reset();
  EXPECT_EQ(ReadFrontMatter("---\nk: &k [*k, lol]\n---\n+ after\n", &problem).last_line, 0u);
  ASSERT_TRUE(problem.has_value());
  EXPECT_THAT(problem->second, ::testing::HasSubstr("nests them without end"));
}

TEST(FrontMatterTest, ItsTagsMakeNoBlockAndAreTheWholeFiles) {
  ParsedOutline outline = ParseOutline("---\ntags: [ops]\n---\n# Runbook #oncall\n+ restart pods\n+ #ops drain\n");
  ASSERT_EQ(outline.blocks.size(), 3u);
  EXPECT_EQ(outline.blocks[0].line, 4u);  // lines keep their numbers
  EXPECT_THAT(outline.file_tags, ElementsAre("ops"));
  AssignTags(outline);
  EXPECT_THAT(outline.blocks[1].inherited.tags, ElementsAre("ops", "oncall"));
  EXPECT_THAT(outline.blocks[2].entities.tags, ElementsAre("ops"));
  EXPECT_THAT(outline.blocks[2].inherited.tags, ElementsAre("oncall"));  // ops is its own

  const ParsedOutline bad = ParseOutline("---\ntitle: [x\n---\n+ a\n");
  ASSERT_EQ(bad.warnings.size(), 1u);
  EXPECT_EQ(bad.blocks.size(), 2u);  // "title: [x" and "+ a", nothing lost
}

TEST(FrontMatterTest, ItsTitleIsAHeadingAboveTheWholeFileAtItsLine) {
  const FrontMatter front = Read("---\ntags: [ops]\ntitle: '  Kubernetes Runbook '\n---\n+ a\n");
  EXPECT_EQ(front.title, "Kubernetes Runbook");
  EXPECT_EQ(front.title_line, 3u);
  EXPECT_EQ(Read("---\ntitle: [a, list]\n---\n").title, "");  // a property (below)
  EXPECT_EQ(Read("---\ntitle: ''\n---\n").title, "");

  const ParsedOutline outline =
      ParseOutline("---\ntitle: Kubernetes Runbook\n---\n+ restart pods\n# Certificates\n+ rotate yearly\n");
  ASSERT_EQ(outline.blocks.size(), 4u);
  EXPECT_EQ(outline.blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(outline.blocks[0].line, 2u);
  EXPECT_EQ(outline.blocks[0].text, "Kubernetes Runbook");
  ASSERT_EQ(outline.blocks[1].headings.size(), 1u);
  EXPECT_EQ(outline.blocks[1].headings[0].text, "Kubernetes Runbook");
  // A `#` heading does not close it: it is above every heading.
  ASSERT_EQ(outline.blocks[3].headings.size(), 2u);
  EXPECT_EQ(outline.blocks[3].headings[0].text, "Kubernetes Runbook");
  EXPECT_EQ(outline.blocks[3].headings[1].text, "Certificates");
}

TEST(FrontMatterTest, AFirstHeadingThatRepeatsTheTitleIsTheTitle) {
  const ParsedOutline repeated = ParseOutline("---\ntitle: Runbook\n---\n\n# runbook\n+ restart pods\n");
  ASSERT_EQ(repeated.blocks.size(), 2u);
  EXPECT_EQ(repeated.blocks[0].line, 5u);  // where the reader sees it
  ASSERT_EQ(repeated.blocks[1].headings.size(), 1u);
  EXPECT_EQ(repeated.blocks[1].headings[0].line, 5u);
  // Another heading, or the same one after a bullet, is a heading of its own.
  EXPECT_EQ(ParseOutline("---\ntitle: Runbook\n---\n# Pods\n+ restart\n").blocks.size(), 3u);
  EXPECT_EQ(ParseOutline("---\ntitle: Runbook\n---\n+ first\n# Runbook\n+ restart\n").blocks.size(), 4u);
}

TEST(FrontMatterTest, ItsOtherKeysAreTheFilesPropertiesAsText) {
  const FrontMatter front = Read(
      "---\n"
      "author: Ursula Le Guin\n"    // 2
      "title: Notes\n"              // 3
      "aliases: [Earthsea, EA]\n"   // 4
      "draft:\n"                    // 5: no value, left out
      "series:\n"                   // 6
      "  name: Earthsea\n"
      "  books: [1, 2]\n"
      "summary: |\n"                // 9
      "  two\n"
      "  lines\n"
      "---\n");
  EXPECT_EQ(front.title, "Notes");
  ASSERT_EQ(front.properties.size(), 4u);
  EXPECT_EQ(front.properties[0].key, "author");
  EXPECT_EQ(front.properties[0].value, "Ursula Le Guin");
  EXPECT_EQ(front.properties[0].line, 2u);
  EXPECT_EQ(front.properties[1].value, "Earthsea, EA");
  EXPECT_EQ(front.properties[1].line, 4u);
  EXPECT_EQ(front.properties[2].key, "series");
  EXPECT_EQ(front.properties[2].value, "name: Earthsea; books: 1, 2");
  EXPECT_EQ(front.properties[2].line, 6u);
  EXPECT_EQ(front.properties[3].value, "two lines");  // one line of text
  EXPECT_THAT(front.aliases, ElementsAre("Earthsea", "EA"));  // the page's other names too
  EXPECT_THAT(Read("---\nalias: Earthsea, EA\n---\n").aliases, ElementsAre("Earthsea", "EA"));
  // A title that is not a single value is a property, not lost.
  const FrontMatter listed = Read("---\ntitle: [a, list]\n---\n");
  ASSERT_EQ(listed.properties.size(), 1u);
  EXPECT_EQ(listed.properties[0].value, "a, list");
}

// The properties are one paragraph at the first key, under the title when
// it comes first; it introduces no list (its words are not the context of
// the bullets below), and its page links are the whole file's.
TEST(FrontMatterTest, ThePropertiesAreOneBlockWhosePageLinksAreTheWholeFiles) {
  ParsedOutline outline = ParseOutline(
      "---\ntitle: Runbook\nowner: Alice Smith\nrelated: '[[Project Apollo]]'\n---\n+ restart pods\n");
  ASSERT_EQ(outline.blocks.size(), 3u);
  const Block& properties = outline.blocks[1];
  EXPECT_EQ(properties.kind, BlockKind::kParagraph);
  EXPECT_EQ(properties.line, 3u);
  EXPECT_EQ(properties.text, "owner: Alice Smith; related: [[Project Apollo]]");
  ASSERT_EQ(properties.headings.size(), 1u);
  EXPECT_EQ(properties.headings[0].text, "Runbook");
  EXPECT_EQ(outline.file_properties, 1u);
  const Block& bullet = outline.blocks[2];
  EXPECT_FALSE(bullet.intro.has_value());
  AssignPageLinks(outline);
  EXPECT_THAT(outline.blocks[1].entities.pages, ElementsAre("project apollo"));
  EXPECT_THAT(outline.blocks[2].inherited.pages, ElementsAre("project apollo"));
  EXPECT_THAT(outline.blocks[0].inherited.pages, ElementsAre("project apollo"));  // the title too

  // Written before the title, they come first, under no heading.
  const ParsedOutline first = ParseOutline("---\nowner: Alice\ntitle: Runbook\n---\n+ restart\n");
  ASSERT_EQ(first.blocks.size(), 3u);
  EXPECT_EQ(first.blocks[0].text, "owner: Alice");
  EXPECT_TRUE(first.blocks[0].headings.empty());
  EXPECT_EQ(first.blocks[1].kind, BlockKind::kHeading);
  EXPECT_EQ(first.file_properties, 0u);
}

TEST(FrontMatterTest, AHeadingThatRepeatsTheTitleAboveThePropertiesIsTheTitleAtItsKey) {
  const ParsedOutline outline = ParseOutline("---\ntitle: Runbook\nowner: Alice\n---\n# Runbook\n+ restart\n");
  ASSERT_EQ(outline.blocks.size(), 3u);  // the title, the properties, the bullet
  EXPECT_EQ(outline.blocks[0].line, 2u);
  EXPECT_EQ(outline.blocks[1].text, "owner: Alice");
  ASSERT_EQ(outline.blocks[2].headings.size(), 1u);
  EXPECT_EQ(outline.blocks[2].headings[0].line, 2u);
  // Properties written first: the title is the last front matter block, and
  // the heading is where the reader sees it.
  const ParsedOutline after = ParseOutline("---\nowner: Alice\ntitle: Runbook\n---\n# Runbook\n+ restart\n");
  ASSERT_EQ(after.blocks.size(), 3u);
  EXPECT_EQ(after.blocks[1].line, 5u);
}

}  // namespace
}  // namespace notesearch
