// Tags written in notes, as outline tools write them: `#kubernetes`,
// `#[[site reliability]]` (Logseq, for tags of several words), nested
// `#infra/k8s` (Obsidian), which is also tagged `#infra`, and Logseq's
// block property `tags:: ops, [[site reliability]]`. A bullet carries
// the tags of its own text and inherits those of its ancestors, the
// paragraph introducing its list and its headings, as Logseq's queries
// find the children of a tagged block.
//
// Not tags: `C#` and `url/#anchor` (the '#' follows a letter or a '/'),
// `#123` (an issue number: no letter), `&#38;`, and a heading's `# `.
// Thread-safety: pure functions.
#ifndef NOTESEARCH_INDEXER_TAGS_H_
#define NOTESEARCH_INDEXER_TAGS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/fields.h"
#include "indexer/outline_parser.h"

namespace notesearch {

// Tags longer than this, once normalised, are not tags but runs of symbols.
inline constexpr std::size_t kMaxTagBytes = 64;
// A block's own tags after this many are not kept (a facet counts 64
// values of a block), which also bounds the work on a line of thousands.
inline constexpr std::size_t kMaxTagsPerBlock = slots::kMaxFacetValues;

// The tags in `text`, in order, each once: normalised as words are
// (case folded, NFKC), a nested tag followed by its parents
// (infra/k8s, infra).
std::vector<std::string> TagsIn(std::string_view text);

// Sets each block's entities.tags (its own) and inherited.tags (the file's
// front matter's and its context's, less its own). Run after AssignEntities, which sets the rest
// of both.
void AssignTags(ParsedOutline& outline);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_TAGS_H_
