// Small ASCII helpers shared by the readers of the project's own text
// formats (gazetteer TSV, synonyms, weights files, field names, notes'
// properties), which were written once per reader before.
// Thread-safety: pure functions.
#ifndef NOTESEARCH_CORE_TEXT_H_
#define NOTESEARCH_CORE_TEXT_H_

#include <string_view>

namespace notesearch {

// `s` without the leading and trailing characters in `blanks`.
std::string_view Trim(std::string_view s, std::string_view blanks = " \t\r");

// Comparisons that fold ASCII letters only (names, keywords, phrases).
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);
bool EndsWithIgnoreAsciiCase(std::string_view text, std::string_view suffix);

// The page a link names, from what is inside its `[[` `]]`, trimmed: the
// text before Obsidian's `|shown text` or `#Heading` (a '#' at the end is
// part of the name: [[C#]]). Read by the indexer (indexer/page_links.h)
// and the query parser alike.
std::string_view PageLinkTarget(std::string_view inside);

}  // namespace notesearch

#endif  // NOTESEARCH_CORE_TEXT_H_
