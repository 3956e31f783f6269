// Reduces inline markdown to the plain text a reader sees: links to their
// text (URL kept aside), emphasis markers (*, **, ***, _x_) and code
// backticks dropped, backslash escapes (C\#) resolved.
// Thread-safety: pure function.
#ifndef NOTESEARCH_INDEXER_MARKDOWN_INLINE_H_
#define NOTESEARCH_INDEXER_MARKDOWN_INLINE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/block.h"

namespace notesearch {

// Returns the plain text of `markdown` with runs of whitespace collapsed to
// one space and trimmed; appends each link found to `links`.
std::string PlainTextOfMarkdown(std::string_view markdown, std::vector<Link>* links);

// The byte ranges [begin, end) of the web addresses written out in plain
// text: a scheme's `://` (https://x.org/a, ftp://…) or `www.`, to the next
// space, less the punctuation that ends a sentence or a parenthesis.
std::vector<std::pair<std::size_t, std::size_t>> AddressSpans(std::string_view text);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_MARKDOWN_INLINE_H_
