#include "indexer/tags.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace notesearch {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(TagsInTest, FindsHashTagsInOrderOnceEach) {
  EXPECT_THAT(TagsIn("#ops: restart the #Kubernetes pods (#k8s), #ops again"), ElementsAre("ops", "kubernetes", "k8s"));
  EXPECT_THAT(TagsIn("#snake_case and #kebab-case and #v2"), ElementsAre("snake_case", "kebab-case", "v2"));
  EXPECT_THAT(TagsIn("#zürich #東京"), ElementsAre("zürich", "東京"));
}

TEST(TagsInTest, SeveralWordsInDoubleBrackets) {
  EXPECT_THAT(TagsIn("see #[[Site Reliability]] and #[[ spaced ]]"), ElementsAre("site reliability", "spaced"));
  EXPECT_THAT(TagsIn("#[[never closed"), IsEmpty());
  EXPECT_THAT(TagsIn("#[[]] #[[123]]"), IsEmpty());
}

TEST(TagsInTest, ANestedTagIsAlsoTaggedWithItsParents) {
  EXPECT_THAT(TagsIn("#infra/k8s/helm and #infra"), ElementsAre("infra/k8s/helm", "infra/k8s", "infra"));
}

TEST(TagsInTest, LogseqsTagsPropertyListsTagsToTheNextProperty) {
  // The outline parser joins a bullet's property lines to its text.
  EXPECT_THAT(TagsIn("restart the pods tags:: ops, [[Site Reliability]], #k8s, infra/certs type:: runbook"),
              ElementsAre("k8s", "ops", "site reliability", "infra/certs", "infra"));
  EXPECT_THAT(TagsIn("Tags:: one"), ElementsAre("one"));
  EXPECT_THAT(TagsIn("mytags:: no, notags::x"), IsEmpty());
}

TEST(TagsInTest, ABlockKeepsItsFirst64Tags) {
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "#t" + std::to_string(i) + " ";
  const std::vector<std::string> tags = TagsIn(many);
  ASSERT_EQ(tags.size(), kMaxTagsPerBlock);
  EXPECT_EQ(tags.front(), "t0");
  EXPECT_EQ(tags.back(), "t63");
}

TEST(TagsInTest, WhatIsNotATag) {
  EXPECT_THAT(TagsIn("C# and F#, issue #123, https://x.org/#anchor, x.org/page#part, &#38; ## and # "), IsEmpty());
  EXPECT_THAT(TagsIn("a#b #-"), IsEmpty());
  // Punctuation that ends a sentence or a path ends the tag.
  EXPECT_THAT(TagsIn("tagged #done. And #infra/."), ElementsAre("done", "infra"));
  EXPECT_THAT(TagsIn("#" + std::string(kMaxTagBytes + 1, 'x')), IsEmpty());
  // Measured once normalised: U+FDFA is 3 bytes and 33 normalised, and a
  // tag of 21 of them made a term Xapian refused, which stopped the run.
  std::string grows;
  for (int i = 0; i < 21; ++i) grows += "\uFDFA";
  ASSERT_LE(grows.size(), kMaxTagBytes);
  EXPECT_THAT(TagsIn("#" + grows), IsEmpty());
}

TEST(AssignTagsTest, ABlockInheritsTheTagsOfItsContextButNotItsOwnTwice) {
  ParsedOutline outline = ParseOutline(
      "# Runbooks #ops\n"                      // 1
      "Steps for #oncall:\n"                   // 2
      "+ restart #kubernetes pods\n"           // 3
      "\t- check the #ops dashboard first\n"   // 4
      "\t- then drain the node\n"              // 5
      "# Other\n"                              // 6
      "+ unrelated\n");                        // 7
  AssignTags(outline);
  auto block = [&](std::uint32_t line) -> const Block& {
    for (const Block& b : outline.blocks) {
      if (b.line == line) return b;
    }
    ADD_FAILURE() << "no block at line " << line;
    return outline.blocks.front();
  };
  EXPECT_THAT(block(1).entities.tags, ElementsAre("ops"));
  EXPECT_THAT(block(3).entities.tags, ElementsAre("kubernetes"));
  EXPECT_THAT(block(3).inherited.tags, ElementsAre("ops", "oncall"));
  EXPECT_THAT(block(4).entities.tags, ElementsAre("ops"));
  EXPECT_THAT(block(4).inherited.tags, ElementsAre("oncall", "kubernetes"));  // ops is its own
  EXPECT_THAT(block(5).entities.tags, IsEmpty());
  EXPECT_THAT(block(5).inherited.tags, ElementsAre("ops", "oncall", "kubernetes"));
  EXPECT_THAT(block(7).inherited.tags, IsEmpty());
}

TEST(AssignTagsTest, LogseqsPagePropertiesTagTheWholeFile) {
  // A heading between them: the bullets inherit nothing from the paragraph
  // as their list's intro.
  ParsedOutline outline = ParseOutline(
      "title:: Runbooks\n"        // 1
      "tags:: ops, [[on call]]\n" // 2: joined to line 1's paragraph
      "\n"
      "# Pods\n"                   // 4
      "- restart pods\n"           // 5
      "\t- drain first\n");       // 6
  AssignTags(outline);
  ASSERT_EQ(outline.blocks.size(), 4u);
  EXPECT_THAT(outline.blocks[2].inherited.tags, ElementsAre("ops", "on call"));
  EXPECT_THAT(outline.blocks[3].inherited.tags, ElementsAre("ops", "on call"));
  // A first paragraph of prose is not the page's properties.
  ParsedOutline prose = ParseOutline("Prose that says #ops first\n\n# Pods\n- a bullet\n");
  AssignTags(prose);
  EXPECT_THAT(prose.blocks.front().entities.tags, ElementsAre("ops"));
  EXPECT_THAT(prose.blocks.back().inherited.tags, IsEmpty());
}

}  // namespace
}  // namespace notesearch
