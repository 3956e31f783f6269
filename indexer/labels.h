// Labels an author puts on blocks, tags (indexer/tags.h) and page links
// (indexer/page_links.h), are inherited alike: a block carries its own and
// inherits those of its ancestors, the paragraph introducing its list and
// its headings, as Logseq's queries find the children of a labelled block,
// and the whole file's.
// Thread-safety: pure functions.
#ifndef NOTESEARCH_INDEXER_LABELS_H_
#define NOTESEARCH_INDEXER_LABELS_H_

#include <string>
#include <vector>

#include "core/block.h"
#include "indexer/outline_parser.h"

namespace notesearch {

// Sets each block's `entities.*list` to `own[i]` (its own labels, one list
// per block of `outline`) and its `inherited.*list` to those of the file and
// of its context, in reading order, each once, less its own. The file's are
// `of_file` and those of the file's properties block
// (ParsedOutline::file_properties).
void AssignLabels(ParsedOutline& outline, std::vector<std::vector<std::string>> own, std::vector<std::string> of_file,
                  std::vector<std::string> EntityNames::*list);

// Appends `label` unless `labels` has it.
void AddLabelOnce(std::vector<std::string>& labels, std::string label);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_LABELS_H_
