// Data files compiled into the binary (gazetteers, protected terms, the web
// page), so that notesearch runs from any directory without installed data.
// The table is generated at build time by cmake/embed_files.cmake.
// Thread-safety: read-only static data; safe from any thread.
#ifndef NOTESEARCH_CORE_EMBEDDED_FILES_H_
#define NOTESEARCH_CORE_EMBEDDED_FILES_H_

#include <optional>
#include <string_view>
#include <vector>

namespace notesearch {

// `path` is relative to the source tree, e.g. "stemmers/protected/english.txt".
std::optional<std::string_view> FindEmbeddedFile(std::string_view path);
std::vector<std::string_view> ListEmbeddedFiles();

}  // namespace notesearch

#endif  // NOTESEARCH_CORE_EMBEDDED_FILES_H_
