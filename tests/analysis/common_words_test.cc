#include "analysis/common_words.h"

#include <gtest/gtest.h>

namespace notesearch {
namespace {

TEST(IsCommonWordTest, EnglishHasLucenesListUnderEveryNameXapianTakes) {
  for (const char* language : {"english", "en", "porter"}) {
    EXPECT_TRUE(IsCommonWord(language, "the")) << language;
    EXPECT_TRUE(IsCommonWord(language, "a")) << language;
    EXPECT_TRUE(IsCommonWord(language, "with")) << language;
  }
  EXPECT_FALSE(IsCommonWord("english", "python"));
  EXPECT_FALSE(IsCommonWord("english", "The"));  // terms are normalised first
  EXPECT_FALSE(IsCommonWord("english", "use"));  // not in the list
}

TEST(IsCommonWordTest, EnglishHasSnowballsQuestionWords) {
  for (const char* word : {"how", "what", "when", "where", "which", "who", "whom", "why"}) {
    EXPECT_TRUE(IsCommonWord("english", word)) << word;
  }
  EXPECT_FALSE(IsCommonWord("english", "whose"));  // not in Snowball's list
}

TEST(IsCommonWordTest, OtherLanguagesHaveNoListYet) {
  EXPECT_FALSE(IsCommonWord("german", "in"));
  EXPECT_FALSE(IsCommonWord("none", "the"));
}

}  // namespace
}  // namespace notesearch
