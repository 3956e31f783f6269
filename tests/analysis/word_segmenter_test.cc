#include "analysis/word_segmenter.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace notesearch {
namespace {

// Counts the strings WordSegmenter segments otherwise than ICU does on the
// whole string, and shows the first few.
class Comparison {
 public:
  void Check(const std::string& text) {
    ++checked_;
    if (segmenter_.Segments(text) == segmenter_.IcuSegments(text)) return;
    if (++differing_ <= 5) ADD_FAILURE() << "segments differ from ICU's for \"" << text << "\"";
  }
  int differing() const { return differing_; }
  int checked() const { return checked_; }

 private:
  WordSegmenter segmenter_;
  int checked_ = 0;
  int differing_ = 0;
};

// Calls check(s) for every string of `length` characters of `alphabet`.
template <typename Check>
void ForEachString(const std::vector<std::string>& alphabet, std::size_t length, Check&& check) {
  std::vector<std::size_t> digits(length, 0);
  while (true) {
    std::string text;
    for (std::size_t d : digits) text += alphabet[d];
    check(text);
    std::size_t k = 0;
    while (k < length && ++digits[k] == alphabet.size()) digits[k++] = 0;
    if (k == length) return;
  }
}

std::vector<std::string> Characters(std::string_view chars) {
  std::vector<std::string> out;
  for (char c : chars) out.emplace_back(1, c);
  return out;
}

// ASCII is segmented without ICU: every string of up to three ASCII
// characters, of four over a character of each word break class (and a few
// others), and of five over one of each class.
TEST(WordSegmenterTest, EveryShortAsciiStringSegmentsAsIcuDoes) {
  Comparison comparison;
  std::string ascii;
  for (int c = 0; c < 0x80; ++c) ascii += static_cast<char>(c);
  for (std::size_t length = 1; length <= 3; ++length) {
    ForEachString(Characters(ascii), length, [&](const std::string& s) { comparison.Check(s); });
  }
  ForEachString(Characters(std::string("aZ@5_.,;' \r\n\t\v:-\"#+") + '\0'), 4,
                [&](const std::string& s) { comparison.Check(s); });
  ForEachString(Characters("a@5_.,' \r\n:"), 5, [&](const std::string& s) { comparison.Check(s); });
  EXPECT_EQ(comparison.differing(), 0) << "of " << comparison.checked();
}

// Pieces with other characters go to ICU alone: where they meet ASCII
// (a combining accent or a wide space after an ASCII space joins it).
TEST(WordSegmenterTest, TextMixingScriptsSegmentsAsIcuDoes) {
  Comparison comparison;
  const std::vector<std::string> mixed = {"a", "5", " ", ".", "'", "_", "\n", "-", "é", "\u2019", "\u0301", "\u00a0",
                                          "\u3000", "\u4e2d", "\u200d", "\U0001F600", "\u05d0"};
  for (std::size_t length = 1; length <= 4; ++length) {
    ForEachString(mixed, length, [&](const std::string& s) { comparison.Check(s); });
  }
  EXPECT_EQ(comparison.differing(), 0) << "of " << comparison.checked();
}

TEST(WordSegmenterTest, RandomTextSegmentsAsIcuDoes) {
  Comparison comparison;
  std::mt19937 random(29);
  const std::vector<std::string> others = {"é", "\u2019", "\u0301", "\u00a0", "\u3000", "\u4e2d\u6587", "\u2014"};
  for (int i = 0; i < 200000; ++i) {
    const std::size_t length = std::uniform_int_distribution<std::size_t>(1, 40)(random);
    std::string text;
    for (std::size_t k = 0; k < length; ++k) {
      // One in ten strings has characters outside ASCII, one in twenty of its characters.
      if (i % 10 == 0 && std::uniform_int_distribution<int>(0, 19)(random) == 0) {
        text += others[std::uniform_int_distribution<std::size_t>(0, others.size() - 1)(random)];
      } else {
        text += static_cast<char>(std::uniform_int_distribution<int>(0, 127)(random));
      }
    }
    comparison.Check(text);
  }
  EXPECT_EQ(comparison.differing(), 0) << "of " << comparison.checked();
}

TEST(WordSegmenterTest, TheBundledNotesSegmentAsIcuDoes) {
  Comparison comparison;
  int with_other_characters = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(NOTESEARCH_SOURCE_DIR) / "corpus")) {
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      with_other_characters += std::any_of(line.begin(), line.end(), [](char c) { return c & 0x80; });
      comparison.Check(line);
    }
  }
  EXPECT_GT(with_other_characters, 100);
  EXPECT_EQ(comparison.differing(), 0) << "of " << comparison.checked();
}

}  // namespace
}  // namespace notesearch
