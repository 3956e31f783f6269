#include "core/entity_aliases.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace notesearch {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

EntityAliases Kubernetes() {
  EntityAliases aliases;
  aliases.Add("tool", "k8s", "Kubernetes");
  return aliases;
}

TEST(EntityAliasesTest, SurviveEncodingAndDecoding) {
  const EntityAliases decoded = EntityAliases::Decode(Kubernetes().Encode());
  ASSERT_NE(decoded.Resolve("tool", "k8s"), nullptr);
  EXPECT_THAT(*decoded.Resolve("tool", "k8s"), ElementsAre("Kubernetes"));
  EXPECT_THAT(decoded.NamesOf("Kubernetes"), ElementsAre("k8s"));
  EXPECT_EQ(EntityAliases::Decode("not a record").Resolve("tool", "k8s"), nullptr);
}

// Merging into an empty map moves the other in whole (the one-shard case of
// opening an index); both directions of the map must come along, or a
// search for Kubernetes no longer highlights "K8s".
TEST(EntityAliasesTest, MergingIntoAnEmptyMapKeepsBothDirections) {
  EntityAliases merged;
  merged.Merge(Kubernetes());
  ASSERT_NE(merged.Resolve("tool", "k8s"), nullptr);
  EXPECT_THAT(merged.NamesOf("Kubernetes"), ElementsAre("k8s"));
  EntityAliases places;
  places.Add("location", "sf", "San Francisco");
  merged.Merge(places);
  merged.Merge(Kubernetes());  // the same alias from another shard: once
  EXPECT_THAT(*merged.Resolve("tool", "k8s"), ElementsAre("Kubernetes"));
  EXPECT_THAT(merged.NamesOf("San Francisco"), UnorderedElementsAre("sf"));
}

// The names of one page each stand for all of them, and the fields with
// aliases are known (after decoding too); a name that many pages share
// resolves to at most kMaxNamesOfOne, whatever the notes hold.
TEST(EntityAliasesTest, NamesOfOnePageResolveToEachOtherWithinABound) {
  EntityAliases aliases;
  aliases.AddNamesOfOne("page", {"project apollo", "apollo", "pa"});
  ASSERT_NE(aliases.Resolve("page", "pa"), nullptr);
  EXPECT_THAT(*aliases.Resolve("page", "pa"), ElementsAre("project apollo", "apollo", "pa"));
  EXPECT_TRUE(EntityAliases::Decode(aliases.Encode()).HasAliasesIn("page"));
  EXPECT_FALSE(aliases.HasAliasesIn("tool"));
  for (int page = 0; page < 1000; ++page) aliases.AddNamesOfOne("page", {"page " + std::to_string(page), "todo"});
  ASSERT_NE(aliases.Resolve("page", "todo"), nullptr);
  EXPECT_EQ(aliases.Resolve("page", "todo")->size(), EntityAliases::kMaxNamesOfOne);
}

}  // namespace
}  // namespace notesearch
