#include "core/utf8.h"

#include <gtest/gtest.h>

namespace notesearch {
namespace {

TEST(Utf8Test, TellsWellFormedTextFromBytesThatAreNot) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII, tabs\tand\nnewlines"));
  EXPECT_TRUE(IsValidUtf8("Z\u00fcrich \u2122 \U0001F600"));
  EXPECT_FALSE(IsValidUtf8("cut \xc3"));                   // a sequence cut short
  EXPECT_FALSE(IsValidUtf8("\xff"));                       // never in UTF-8
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));                   // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));               // a UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8(std::string_view("a\0b", 3)));  // NUL
  EXPECT_FALSE(IsValidUtf8("\x80 starts with a continuation byte"));
}

TEST(Utf8Test, ReplacesEachBadSequenceAndNamesItsLines) {
  std::vector<std::uint32_t> bad_lines;
  EXPECT_EQ(ToValidUtf8(std::string_view("ok \u00e9\nbad \xff\xfe\n\0\ncut \xc3", 20), &bad_lines),
            "ok \u00e9\nbad \uFFFD\uFFFD\n\uFFFD\ncut \uFFFD");
  EXPECT_EQ(bad_lines, (std::vector<std::uint32_t>{2, 3, 4}));
  EXPECT_EQ(ToValidUtf8("well formed \u2122"), "well formed \u2122");
  EXPECT_TRUE(IsValidUtf8(ToValidUtf8("\xc0\xaf \xed\xa0\x80 \x80")));
}

TEST(AnyCodePointTest, TestsEachCodePointAndNoInvalidByte) {
  auto is_e_acute = [](char32_t c) { return c == U'\u00e9'; };
  EXPECT_TRUE(AnyCodePoint("caf\xc3\xa9", is_e_acute));
  EXPECT_FALSE(AnyCodePoint("cafe", is_e_acute));
  EXPECT_FALSE(AnyCodePoint("\xc3", [](char32_t) { return true; }));  // a truncated sequence
  EXPECT_FALSE(AnyCodePoint("", [](char32_t) { return true; }));
}

}  // namespace
}  // namespace notesearch
