#include "bench/sqlite_fts5.h"

#include <sqlite3.h>

#include <sstream>
#include <stdexcept>

#include "indexer/file_walker.h"
#include "indexer/outline_parser.h"
#include "indexer/source_file.h"

namespace notesearch::bench {

namespace {

void Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown";
    sqlite3_free(error);
    throw std::runtime_error(std::string("sqlite: ") + message + " in " + sql);
  }
}

}  // namespace

Fts5Index::Fts5Index(const std::vector<std::filesystem::path>& roots, const std::filesystem::path& db_file) {
  std::filesystem::remove(db_file);
  if (sqlite3_open(db_file.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("cannot open " + db_file.string());
  Exec(db_, "CREATE VIRTUAL TABLE bullets USING fts5(text, file UNINDEXED, line UNINDEXED, "
            "tokenize = 'porter unicode61')");
  Exec(db_, "BEGIN");
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db_, "INSERT INTO bullets(text, file, line) VALUES (?, ?, ?)", -1, &insert, nullptr);
  std::vector<Diagnostic> diagnostics;
  for (const auto& path : FindNotesFiles(roots, &diagnostics)) {
    const SourceFile source = ReadSourceFile(path);
    if (source.status != SourceFile::Status::kText) continue;
    const std::string file = path.string();
    for (const Block& block : ParseOutline(source.text).blocks) {
      sqlite3_bind_text(insert, 1, block.text.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 2, file.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(insert, 3, static_cast<int>(block.line));
      sqlite3_step(insert);
      sqlite3_reset(insert);
      ++documents_;
    }
  }
  sqlite3_finalize(insert);
  Exec(db_, "COMMIT");
}

Fts5Index::~Fts5Index() { sqlite3_close(db_); }

std::vector<std::pair<std::string, unsigned>> Fts5Index::Run(const std::string& match, unsigned limit, bool* failed) {
  std::vector<std::pair<std::string, unsigned>> hits;
  sqlite3_stmt* select = nullptr;
  *failed = sqlite3_prepare_v2(db_, "SELECT file, line FROM bullets WHERE bullets MATCH ? ORDER BY bm25(bullets) LIMIT ?",
                               -1, &select, nullptr) != SQLITE_OK;
  if (*failed) return hits;
  sqlite3_bind_text(select, 1, match.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(select, 2, static_cast<int>(limit));
  int rc = 0;
  while ((rc = sqlite3_step(select)) == SQLITE_ROW) {
    hits.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(select, 0)),
                      static_cast<unsigned>(sqlite3_column_int(select, 1)));
  }
  *failed = rc != SQLITE_DONE;
  sqlite3_finalize(select);
  return hits;
}

std::vector<std::pair<std::string, unsigned>> Fts5Index::Search(const std::string& query, unsigned limit) {
  bool failed = false;
  std::vector<std::pair<std::string, unsigned>> hits = Run(query, limit, &failed);
  if (!failed) return hits;
  std::string quoted;
  std::istringstream words(query);
  for (std::string word; words >> word;) {
    std::string escaped;
    for (char c : word) {
      if (c != '"') escaped += c;
    }
    if (!escaped.empty()) quoted += (quoted.empty() ? "\"" : " \"") + escaped + "\"";
  }
  return quoted.empty() ? hits : Run(quoted, limit, &failed);
}

}  // namespace notesearch::bench
