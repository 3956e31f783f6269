#include "tests/test_util.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <fstream>
#include <stdexcept>

namespace notesearch::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "notesearch-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code error;
  fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, error);
  fs::remove_all(path_, error);
}

fs::path TempDir::Write(const std::string& relative, const std::string& content) const {
  const fs::path file = path_ / relative;
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
  return file;
}

TestIndex::TestIndex(std::initializer_list<std::pair<const std::string, std::string>> files)
    : db_dir_(db_.path() / "index") {
  for (const auto& [name, content] : files) notes_.Write(name, content);
  Reindex();
}

IndexReport TestIndex::Reindex(bool rebuild) {
  IndexOptions options;
  options.database = db_dir_;
  options.roots = {notes_.path()};
  options.rebuild = rebuild;
  return UpdateIndex(options);
}

SearchResponse TestIndex::Search(const std::string& query, std::size_t limit, RankingWeights weights) {
  Searcher searcher(db_dir_, std::move(weights));
  return searcher.Search({query, 0, limit});
}

std::vector<std::string> TestIndex::Lines(const std::string& query, std::size_t limit, RankingWeights weights) {
  std::vector<std::string> lines;
  for (const Hit& hit : Search(query, limit, std::move(weights)).hits) {
    lines.push_back(fs::path(hit.stored.file).filename().string() + ":" + std::to_string(hit.stored.block.line));
  }
  return lines;
}

fs::path CorpusDir() { return fs::path(NOTESEARCH_SOURCE_DIR) / "corpus"; }

std::string Quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

CommandResult RunCommand(const std::string& program, const std::vector<std::string>& args, const std::string& env,
                         const fs::path& cwd) {
  TempDir tmp;
  std::string command = "cd " + Quote(cwd.string()) + " && " + env + " " + Quote(program);
  for (const std::string& arg : args) command += " " + Quote(arg);
  command += " 2>" + Quote((tmp.path() / "err").string());
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  std::array<char, 4096> buffer;
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  std::ifstream err_file(tmp.path() / "err");
  std::stringstream err;
  err << err_file.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, err.str()};
}

}  // namespace notesearch::testing
