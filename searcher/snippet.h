// A short excerpt of a long bullet (a pasted job ad runs to 1,500
// characters) around its best cluster of matches, cut at word boundaries,
// with the highlights moved into it. The full text stays in the hit.
// Thread-safety: pure function.
#ifndef NOTESEARCH_SEARCHER_SNIPPET_H_
#define NOTESEARCH_SEARCHER_SNIPPET_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/highlighter.h"

namespace notesearch {

// Texts longer than this many code points get a snippet.
inline constexpr std::size_t kSnippetThreshold = 300;
inline constexpr std::size_t kSnippetLength = 240;

struct Snippet {
  std::string text;               // with "…" where text was cut
  std::vector<Span> highlights;   // byte offsets into `text`
};

// nullopt when `text` is short enough to show whole.
std::optional<Snippet> MakeSnippet(std::string_view text, const std::vector<Span>& byte_highlights);

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_SNIPPET_H_
