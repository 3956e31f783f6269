// YAML front matter, as Obsidian, Jekyll and Hugo write it: a first line
// `---`, a YAML mapping, and a line `---` or `...` that closes it. It is
// the file's metadata: its `tags` (or `tag`) are tags of every block of the
// file (indexer/tags.h), its `title` is a heading above them all (the
// outline parser makes it one, at its line), and its other keys are the
// file's properties (`author: Ursula Le Guin`), which the outline parser
// makes one block, so that they are searched and their links are the
// file's; `aliases` are also the page's other names (indexer/page_links.h).
// Parsed with yaml-cpp. Text that only looks like front matter (a
// horizontal rule `---` over bullets, which YAML reads as a list) stays
// text; a mapping YAML cannot read stays text with a warning.
// Thread-safety: pure function.
#ifndef NOTESEARCH_INDEXER_FRONT_MATTER_H_
#define NOTESEARCH_INDEXER_FRONT_MATTER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notesearch {

// Front matter longer than this is not front matter but a document.
inline constexpr std::uint32_t kMaxFrontMatterLines = 200;

// A key of the front matter other than tags and title, and its value as
// text: a list's items joined with ", ", a mapping's `key: value` pairs
// with "; ".
struct FrontMatterProperty {
  std::string key;
  std::string value;
  std::uint32_t line;  // 1-based, of the key
};

struct FrontMatter {
  std::uint32_t last_line = 0;    // 1-based line of the closing `---`; 0: no front matter
  std::vector<std::string> tags;  // as written, a leading '#' dropped
  std::string title;              // empty: none
  std::uint32_t title_line = 0;   // 1-based line of the `title` key
  std::vector<FrontMatterProperty> properties;  // in order; keys without a value left out
  // Other names of the page the file is (Obsidian's `aliases`, also
  // `alias`), as written; they are a property too.
  std::vector<std::string> aliases;
};

// The front matter of `text` (a notes file, without BOM). When the text
// opens with `---` and closes it but YAML cannot read what is between,
// there is none and `problem` gets the line and the reason.
FrontMatter ReadFrontMatter(std::string_view text, std::optional<std::pair<std::uint32_t, std::string>>* problem);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_FRONT_MATTER_H_
