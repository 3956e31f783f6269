// Helpers shared by the tests: temporary directories and small indexes.
#ifndef NOTESEARCH_TESTS_TEST_UTIL_H_
#define NOTESEARCH_TESTS_TEST_UTIL_H_

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "indexer/indexer.h"
#include "searcher/searcher.h"

namespace notesearch::testing {

// A fresh directory, removed with everything in it when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to path()/relative, creating directories.
  std::filesystem::path Write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

// Notes files written to a temporary directory and indexed into another.
class TestIndex {
 public:
  // name -> content, e.g. {"a.md", "+ one\n+ two\n"}.
  TestIndex(std::initializer_list<std::pair<const std::string, std::string>> files);
  const std::filesystem::path& notes() const { return notes_.path(); }
  const std::filesystem::path& db() const { return db_dir_; }
  std::filesystem::path Write(const std::string& relative, const std::string& content) const {
    return notes_.Write(relative, content);
  }
  IndexReport Reindex(bool rebuild = false);
  SearchResponse Search(const std::string& query, std::size_t limit = 10, RankingWeights weights = {});
  // "file-name:line" of each hit, in order: short to compare in tests.
  std::vector<std::string> Lines(const std::string& query, std::size_t limit = 10, RankingWeights weights = {});

 private:
  TempDir notes_;
  TempDir db_;
  std::filesystem::path db_dir_;
};

// The repository's corpus/ directory.
std::filesystem::path CorpusDir();

// Deletes the columns files (searcher/doc_columns.h) of the index at `db`,
// as for an index whose file could not be written: its searchers then
// read values from the index.
void RemoveColumnsFiles(const std::filesystem::path& db);

// A shell word for `arg`.
std::string Quote(const std::string& arg);

struct CommandResult {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs `program` with `args` (and `env` assignments before it) in `cwd`.
CommandResult RunCommand(const std::string& program, const std::vector<std::string>& args,
                         const std::string& env = "", const std::filesystem::path& cwd = std::filesystem::current_path());

// A program run in the background with its stdout and stderr in a log file;
// stopped (SIGTERM, then SIGKILL) when the object dies, so a failing test
// leaves no server behind.
class ChildProcess {
 public:
  ChildProcess(const std::string& program, const std::vector<std::string>& args);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  pid_t pid() const { return pid_; }
  // SIGTERM, then waits up to `timeout` for the exit; true if it exited.
  bool Stop(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  std::string Log() const;
  // Polls the log for `pattern` (ECMAScript); its first group, or the whole
  // match, or "" after `timeout`.
  std::string WaitForLog(const std::string& pattern,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

 private:
  TempDir log_dir_;
  pid_t pid_ = -1;
};

// A TCP port on 127.0.0.1 that was free a moment ago (bound and released),
// for servers that cannot pick their own.
int FreeLoopbackPort();

}  // namespace notesearch::testing

#endif  // NOTESEARCH_TESTS_TEST_UTIL_H_
