#include "indexer/page_links.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace notesearch {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(PageLinksInTest, FindsLinksInOrderOnceEachAsLogseqAndObsidianWriteThem) {
  EXPECT_THAT(PageLinksIn("met [[Alice Smith]] about [[Project Apollo]], then [[alice smith]] again"),
              ElementsAre("alice smith", "project apollo"));
  // Obsidian: shown text, a heading or block of the page, an embed.
  EXPECT_THAT(PageLinksIn("[[Apollo|the project]] [[Apollo Notes#Risks]] [[Apollo Notes#^a1b2]] ![[diagram.png]]"),
              ElementsAre("apollo", "apollo notes", "diagram.png"));
  // Logseq: a tag in brackets, a journal page, a namespace.
  EXPECT_THAT(PageLinksIn("#[[site reliability]] on [[Nov 24th, 2026]] in [[work/infra]]"),
              ElementsAre("site reliability", "nov 24th, 2026", "work/infra"));
  EXPECT_THAT(PageLinksIn("[[2026-11-24]] and [[ Zürich ]]"), ElementsAre("2026-11-24", "zürich"));
}

TEST(PageLinksInTest, ALinkInsideAPageNameIsALinkOfItsOwn) {
  EXPECT_THAT(PageLinksIn("[[Books by [[Ursula Le Guin]]]]"), ElementsAre("ursula le guin"));
}

TEST(PageLinksInTest, WhatIsNotAPageLink) {
  EXPECT_THAT(PageLinksIn("[[never closed and [single] brackets ]]"), ElementsAre("never closed and [single] brackets"));
  EXPECT_THAT(PageLinksIn("[[never closed"), IsEmpty());
  EXPECT_THAT(PageLinksIn("[[]] [[  ]] [[#Heading of this page]] [[|shown]]"), IsEmpty());
  EXPECT_THAT(PageLinksIn("[x](y) [[x] ]"), IsEmpty());
  // '#' at the end of a name is part of it, not a heading.
  EXPECT_THAT(PageLinksIn("[[C#]]"), ElementsAre("c#"));
  EXPECT_THAT(PageLinksIn("[[" + std::string(kMaxPageNameBytes + 1, 'x') + "]]"), IsEmpty());
}

TEST(PageLinksInTest, ALongNameIsMeasuredOnceNormalised) {
  // U+FDFA is 3 bytes and normalises to 33.
  std::string grows;
  for (int i = 0; i < 10; ++i) grows += "\uFDFA";
  ASSERT_LE(grows.size(), kMaxPageNameBytes);
  EXPECT_THAT(PageLinksIn("[[" + grows + "]]"), IsEmpty());
}

TEST(PageLinksInTest, ABlockKeepsItsFirst64Links) {
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "[[p" + std::to_string(i) + "]] ";
  const std::vector<std::string> pages = PageLinksIn(many);
  ASSERT_EQ(pages.size(), kMaxPagesPerBlock);
  EXPECT_EQ(pages.front(), "p0");
  EXPECT_EQ(pages.back(), "p63");
}

TEST(AssignPageLinksTest, ABlockInheritsTheLinksOfItsContextButNotItsOwnTwice) {
  ParsedOutline outline = ParseOutline(
      "# [[Project Apollo]]\n"              // 1
      "- standup with [[Alice]]\n"          // 2
      "\t- [[Alice]] owns the [[Budget]]\n" // 3
      "\t- ship on Friday\n"                // 4
      "# Other\n"                           // 5
      "- unrelated\n");                     // 6
  AssignPageLinks(outline);
  ASSERT_EQ(outline.blocks.size(), 6u);
  EXPECT_THAT(outline.blocks[0].entities.pages, ElementsAre("project apollo"));
  EXPECT_THAT(outline.blocks[1].entities.pages, ElementsAre("alice"));
  EXPECT_THAT(outline.blocks[1].inherited.pages, ElementsAre("project apollo"));
  EXPECT_THAT(outline.blocks[2].entities.pages, ElementsAre("alice", "budget"));
  EXPECT_THAT(outline.blocks[2].inherited.pages, ElementsAre("project apollo"));  // alice is its own
  EXPECT_THAT(outline.blocks[3].entities.pages, IsEmpty());
  EXPECT_THAT(outline.blocks[3].inherited.pages, ElementsAre("project apollo", "alice"));
  EXPECT_THAT(outline.blocks[5].inherited.pages, IsEmpty());
}

// A page's `alias:: [[PA]]` names the page itself: not a link of the page's,
// whose blocks would then be found as linking to it. Its other properties'
// links are the whole page's.
TEST(AssignPageLinksTest, APagesAliasesAreNotItsLinks) {
  ParsedOutline outline = ParseOutline("alias:: [[PA]], Apollo related:: [[Gemini]]\n\n- the moon\n");
  AssignPageLinks(outline);
  ASSERT_EQ(outline.blocks.size(), 2u);
  EXPECT_THAT(outline.blocks[0].entities.pages, ElementsAre("gemini"));
  EXPECT_THAT(outline.blocks[1].inherited.pages, ElementsAre("gemini"));
}

TEST(PageNamesOfTest, APagesOwnNameThenItsAliasesNormalised) {
  // Logseq: the file name is the page, `alias::` its other names.
  EXPECT_THAT(PageNamesOf("pages/Project Apollo.md", ParseOutline("alias:: Apollo, [[PA]], apollo\n\n- x\n")),
              ElementsAre("project apollo", "apollo", "pa"));
  // Logseq's `title::` names the page, and a namespace's file name its '/'.
  EXPECT_THAT(PageNamesOf("pages/x.md", ParseOutline("title:: Project Apollo\nalias:: Apollo\n\n- x\n")),
              ElementsAre("project apollo", "apollo"));
  EXPECT_THAT(PageNamesOf("pages/work___infra.md", ParseOutline("alias:: infra\n")), ElementsAre("work/infra", "infra"));
  EXPECT_THAT(PageNamesOf("pages/work%2Finfra.md", ParseOutline("alias:: infra\n")), ElementsAre("work/infra", "infra"));
  // Obsidian: the front matter's title, else the file name, and `aliases`.
  EXPECT_THAT(PageNamesOf("notes/k8s.md", ParseOutline("---\ntitle: Runbook\naliases: [ops book, K8s Runbook]\n---\n")),
              ElementsAre("runbook", "ops book", "k8s runbook"));
  EXPECT_THAT(PageNamesOf("notes/Runbook.md", ParseOutline("---\nalias: ops book, oncall\n---\n")),
              ElementsAre("runbook", "ops book", "oncall"));
}

TEST(PageNamesOfTest, APageKeepsItsFirst64Names) {
  std::string aliases = "alias:: ";
  for (int i = 0; i < 1000; ++i) aliases += "name" + std::to_string(i) + ", ";
  const std::vector<std::string> names = PageNamesOf("pages/Apollo.md", ParseOutline(aliases + "\n"));
  ASSERT_EQ(names.size(), kMaxNamesPerPage);
  EXPECT_EQ(names.front(), "apollo");
  EXPECT_EQ(names.back(), "name62");
}

TEST(PageNamesOfTest, APageWithoutAliasesHasNoNamesToResolve) {
  EXPECT_THAT(PageNamesOf("Runbook.md", ParseOutline("---\ntitle: Runbook\n---\n- x\n")), IsEmpty());
  EXPECT_THAT(PageNamesOf("Runbook.md", ParseOutline("title:: Runbook\n\n- x\n")), IsEmpty());
  EXPECT_THAT(PageNamesOf("Runbook.md", ParseOutline("alias:: runbook\n")), IsEmpty());  // its own name only
  // `alias::` in a bullet is not the page's.
  EXPECT_THAT(PageNamesOf("Runbook.md", ParseOutline("- x\n\talias:: y\n")), IsEmpty());
}

}  // namespace
}  // namespace notesearch
