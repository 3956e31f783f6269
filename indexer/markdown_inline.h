// Reduces inline markdown to the plain text a reader sees: links to their
// text (URL kept aside), emphasis markers (*, **, ***, _x_) and code
// backticks dropped, backslash escapes (C\#) resolved.
// Thread-safety: pure function.
#ifndef NOTESEARCH_INDEXER_MARKDOWN_INLINE_H_
#define NOTESEARCH_INDEXER_MARKDOWN_INLINE_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/block.h"

namespace notesearch {

// Returns the plain text of `markdown` with runs of whitespace collapsed to
// one space and trimmed; appends each link found to `links`. A code span
// (`x`, ``a`b``) keeps its text as written. `without_code`, when given, is
// set to the plain text with each code span a space, if there is one:
// tags and page links are not read in code (`#include`).
std::string PlainTextOfMarkdown(std::string_view markdown, std::vector<Link>* links,
                                std::optional<std::string>* without_code = nullptr);

// The byte ranges [begin, end) of the web addresses written out in plain
// text: a scheme's `://` (https://x.org/a, ftp://…) or `www.`, to the next
// space, less the punctuation that ends a sentence or a parenthesis.
std::vector<std::pair<std::size_t, std::size_t>> AddressSpans(std::string_view text);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_MARKDOWN_INLINE_H_
