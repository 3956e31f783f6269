// Parses an outline notes file (markdown of nested bullets) into Blocks.
//
// - Bullets: markers + - * (and "1." / "1)") at any depth of tabs or spaces;
//   indentation, not the marker, gives the depth. An indented unmarked line
//   continues the bullet above it.
// - Headings # .. ###### (tab or spaces after the hashes) form the heading path.
// - Other lines are paragraphs; the last one before a list is its intro.
//   "***Bold*** text" is a paragraph: a marker must be followed by a space.
// - Placeholder bullets without words ("+ ", "+ []()") are counted, not kept.
// - YAML front matter (indexer/front_matter.h): its title is a heading above
//   every block, its other keys one paragraph (the file's properties); its
//   tags are the file's.
// Thread-safety: pure function.
#ifndef NOTESEARCH_INDEXER_OUTLINE_PARSER_H_
#define NOTESEARCH_INDEXER_OUTLINE_PARSER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/block.h"

namespace notesearch {

struct SkippedCounts {
  std::uint64_t empty_bullets = 0;     // "+ " with nothing after the marker
  std::uint64_t wordless_bullets = 0;  // text without a letter or digit: "+ []()", "- ---"

  std::uint64_t total() const { return empty_bullets + wordless_bullets; }
  SkippedCounts& operator+=(const SkippedCounts& other);
};

struct ParsedOutline {
  std::vector<Block> blocks;  // in line order
  SkippedCounts skipped;
  // The tags, title and aliases of the file's front matter
  // (indexer/front_matter.h), as written.
  std::vector<std::string> file_tags;
  std::string title;
  std::vector<std::string> aliases;
  // The block of the file's properties, whose tags and page links are the
  // whole file's: the front matter's keys other than tags and title, or
  // else a first paragraph of Logseq's page properties (`key:: value`).
  std::optional<std::size_t> file_properties;
  // What the reader should hear about: (line, message).
  std::vector<std::pair<std::uint32_t, std::string>> warnings;
  // Per block, its text with each code span and fenced code line a space,
  // when it has code: where tags and page links are read (not in
  // `#include`). Not stored.
  std::vector<std::optional<std::string>> texts_without_code;

  // Block i's text without its code.
  std::string_view LabelText(std::size_t i) const {
    return i < texts_without_code.size() && texts_without_code[i] ? *texts_without_code[i] : blocks[i].text;
  }
};

// Only the nearest ancestors are kept as a bullet's context: enough for any
// real outline, and bounded for pathological 1,000-level nesting.
inline constexpr std::size_t kMaxContextAncestors = 32;

// `text` must be valid UTF-8 without a BOM (see source_file.h); CRLF is fine.
ParsedOutline ParseOutline(std::string_view text);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_OUTLINE_PARSER_H_
