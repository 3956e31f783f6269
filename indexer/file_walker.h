// Finds the notes files under the paths given to `notesearch index`.
// Directories are walked recursively for .md, .markdown and .txt files,
// skipping hidden entries (.git, .obsidian) and symlinks (so loops cannot
// trap the walk, nor links pull in files from elsewhere); a file named
// explicitly is taken whatever its extension. Unreadable directories are reported and
// skipped; the walk goes on.
// Thread-safety: pure function.
#ifndef NOTESEARCH_INDEXER_FILE_WALKER_H_
#define NOTESEARCH_INDEXER_FILE_WALKER_H_

#include <filesystem>
#include <vector>

#include "core/diagnostic.h"

namespace notesearch {

bool HasNotesExtension(const std::filesystem::path& path);

// Absolute, lexically normal paths, sorted and without duplicates. A path
// that does not exist is reported as an error diagnostic.
std::vector<std::filesystem::path> FindNotesFiles(const std::vector<std::filesystem::path>& roots,
                                                  std::vector<Diagnostic>* diagnostics);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_FILE_WALKER_H_
