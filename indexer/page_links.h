// Links to pages, as outline tools write them: `[[Project Apollo]]`
// (Logseq, Obsidian, Roam), `[[Apollo|shown text]]` and `[[Apollo#Heading]]`
// (Obsidian: the page is Apollo), embeds `![[Apollo]]`, and the
// `#[[Apollo]]` tag (to Logseq a tag is a link to its page). A block links
// to the pages of its own text and inherits those of its context
// (indexer/labels.h): the children of `- [[Apollo]] standup` are about
// Apollo too.
// Thread-safety: pure functions.
#ifndef NOTESEARCH_INDEXER_PAGE_LINKS_H_
#define NOTESEARCH_INDEXER_PAGE_LINKS_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/fields.h"
#include "indexer/outline_parser.h"

namespace notesearch {

// A page name longer than this is not kept as a page (its words are still
// the block's text): its term must fit Xapian's 245 bytes.
inline constexpr std::size_t kMaxPageNameBytes = 200;
// A block's own page links after this many are not kept (a facet counts 64
// values of a block), which also bounds the work on a line of thousands.
inline constexpr std::size_t kMaxPagesPerBlock = slots::kMaxFacetValues;
// A page's names after this many are not kept: each resolves to all the
// others (core/entity_aliases.h), so their number is squared.
inline constexpr std::size_t kMaxNamesPerPage = 64;

// The pages `text` links to, in order, each once: normalised as words are
// (case folded, NFKC), as Logseq and Obsidian match page names regardless
// of case.
std::vector<std::string> PageLinksIn(std::string_view text);

// Sets each block's entities.pages (its own) and inherited.pages (its
// context's, less its own).
void AssignPageLinks(ParsedOutline& outline);

// The names of the page the file at `path` is, normalised as page links
// are, when it gives the page other names (Logseq's page property
// `alias:: Apollo, [[PA]]`, Obsidian's front matter `aliases`): first its
// own name (the front matter's title, Logseq's `title::`, or else the file
// name without its extension, Logseq's `___` and `%2F` read as `/`), then
// the aliases. Empty when it gives none: a link names the page only by
// the name it writes.
std::vector<std::string> PageNamesOf(const std::filesystem::path& path, const ParsedOutline& outline);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_PAGE_LINKS_H_
