// The second peer of the benchmarks: SQLite FTS5 (porter unicode61, bm25)
// over the same bullets, set up as its documentation suggests.
#ifndef NOTESEARCH_BENCH_SQLITE_FTS5_H_
#define NOTESEARCH_BENCH_SQLITE_FTS5_H_

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;

namespace notesearch::bench {

class Fts5Index {
 public:
  // Indexes every block of the notes files under `roots` into `db_file`
  // (split with our outline parser, so all engines see the same bullets).
  Fts5Index(const std::vector<std::filesystem::path>& roots, const std::filesystem::path& db_file);
  ~Fts5Index();
  Fts5Index(const Fts5Index&) = delete;
  Fts5Index& operator=(const Fts5Index&) = delete;

  std::size_t documents() const { return documents_; }
  // (file, line) of the top `limit` hits by bm25. The query is passed to
  // MATCH as typed; when FTS5 rejects its syntax (C++, "-", ":"), each word
  // is quoted instead, as a careful user of FTS5 would do.
  std::vector<std::pair<std::string, unsigned>> Search(const std::string& query, unsigned limit);

 private:
  std::vector<std::pair<std::string, unsigned>> Run(const std::string& match, unsigned limit, bool* failed);
  sqlite3* db_ = nullptr;
  std::size_t documents_ = 0;
};

}  // namespace notesearch::bench

#endif  // NOTESEARCH_BENCH_SQLITE_FTS5_H_
