#include "indexer/properties.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace notesearch {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(PropertiesTest, AValueRunsToTheNextPropertyAndSplitsAtCommas) {
  EXPECT_THAT(PropertyValues("title:: Apollo alias:: Apollo, [[PA]] , #moon tags:: x", "alias"),
              ElementsAre("Apollo", "PA", "moon"));
  EXPECT_THAT(PropertyValues("standup ALIAS:: a alias:: b", "alias"), ElementsAre("a", "b"));  // every one
  EXPECT_THAT(PropertyValues("title:: The Left Hand of Darkness", "title"), ElementsAre("The Left Hand of Darkness"));
  EXPECT_THAT(PropertyValues("alias::", "alias"), IsEmpty());
  EXPECT_THAT(PropertyValues("realias:: x", "alias"), IsEmpty());  // another key
  EXPECT_THAT(PropertyValues("alias: x", "alias"), IsEmpty());     // YAML, not Logseq
}

TEST(PropertiesTest, TextStartsWithAPropertyWhenItsFirstWordIsAKey) {
  EXPECT_TRUE(StartsWithProperty("title:: x tags:: y"));
  EXPECT_FALSE(StartsWithProperty("some text:: x"));
  EXPECT_FALSE(StartsWithProperty(":: x"));
  EXPECT_FALSE(StartsWithProperty("title: x"));
}

}  // namespace
}  // namespace notesearch
