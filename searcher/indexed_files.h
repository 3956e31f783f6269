// The files an index holds, for `dir:` clauses and filters. A directory
// named in a query is matched here against the files' paths, and the query
// then searches the files' path terms (PathTerm): no bullet carries a term
// per directory above it, and the index stays the same whatever the query
// language for directories becomes (as Recoll's dir: works on paths, not
// terms).
//
// Ownership and thread-safety: immutable once built; share it freely.
#ifndef NOTESEARCH_SEARCHER_INDEXED_FILES_H_
#define NOTESEARCH_SEARCHER_INDEXED_FILES_H_

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace notesearch {

class IndexedFiles {
 public:
  // `paths` are absolute, as the indexer records them (ReadIndexedPaths).
  explicit IndexedFiles(std::vector<std::string> paths);

  // The files in the directory `spec` names or below it, sorted:
  //  - `/home/me/notes`: that directory; `~/notes` is below $HOME, and
  //    `./work` or `../work` below the working directory;
  //  - `work`, `notes/work`: a directory of that name (or those names, in
  //    that order) anywhere in the file's path;
  //  - with `prefix`, the last name is a prefix: `proj` finds projects/.
  // Names compare as words do in queries (case folded, NFKC), so `dir:Work`
  // finds work/. A trailing '/' and repeated '/' are ignored.
  std::vector<std::string> Under(std::string_view spec, bool prefix = false) const;
  // Under() as a query on the files' path terms; empty when none is.
  Xapian::Query QueryUnder(std::string_view spec, bool prefix = false) const;

  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string path;
    std::vector<std::string> directories;  // normalised names, from the root down
  };
  std::vector<File> files_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_INDEXED_FILES_H_
