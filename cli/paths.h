// Where notesearch looks for its index and its bundled corpus by default.
// Thread-safety: pure functions (they read the environment).
#ifndef NOTESEARCH_CLI_PATHS_H_
#define NOTESEARCH_CLI_PATHS_H_

#include <filesystem>

namespace notesearch {

// $NOTESEARCH_DB, else $XDG_DATA_HOME/notesearch/index, else
// ~/.local/share/notesearch/index.
std::filesystem::path DefaultDatabase();

// The bundled corpus: <prefix>/share/notesearch/corpus next to an installed
// binary, else corpus/ of the source tree the binary was built from.
std::filesystem::path BundledCorpus();

// `path` relative to the working directory when it lies below it, as
// ripgrep prints paths; otherwise unchanged.
std::filesystem::path DisplayPath(const std::filesystem::path& path);

}  // namespace notesearch

#endif  // NOTESEARCH_CLI_PATHS_H_
