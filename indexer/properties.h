// Logseq's properties, `key:: value` lines below a bullet (block
// properties) or in a page's first paragraph (page properties):
// `tags:: ops, [[site reliability]]`, `alias:: Apollo, [[PA]]`. The outline
// parser joins a bullet's lines, so a block's text may hold several, each
// value running to the next `key::`.
// Thread-safety: pure functions.
#ifndef NOTESEARCH_INDEXER_PROPERTIES_H_
#define NOTESEARCH_INDEXER_PROPERTIES_H_

#include <string_view>
#include <vector>

namespace notesearch {

// True when `text` starts with a property (`title:: x tags:: y`).
bool StartsWithProperty(std::string_view text);

// The values of every `key::` property in `text` (key matched without
// regard to ASCII case), in order: split at commas and trimmed, a `[[page]]`
// value without its brackets and a `#tag` without its '#'. Views into `text`.
std::vector<std::string_view> PropertyValues(std::string_view text, std::string_view key);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_PROPERTIES_H_
