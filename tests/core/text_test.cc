#include "core/text.h"

#include <gtest/gtest.h>

namespace notesearch {
namespace {

TEST(TrimTest, DropsBlanksAtBothEndsOnly) {
  EXPECT_EQ(Trim(" \ta b\t\r"), "a b");
  EXPECT_EQ(Trim(" \t\r "), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("\tx \r", " \r"), "\tx");  // a TSV line keeps its leading tab
}

TEST(IgnoreAsciiCaseTest, FoldsAsciiLettersOnly) {
  EXPECT_TRUE(EqualsIgnoreAsciiCase("Tags::", "tags::"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("tag", "tags"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("\xc3\x89", "\xc3\xa9"));  // É is not é here
  EXPECT_TRUE(EndsWithIgnoreAsciiCase("Senior Engineer at ", " AT "));
  EXPECT_FALSE(EndsWithIgnoreAsciiCase("at", " at "));
}

}  // namespace
}  // namespace notesearch
