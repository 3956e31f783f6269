#include "tests/test_util.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <thread>

#include "core/index_store.h"

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

void RemoveColumnsFiles(const fs::path& db) {
  for (const fs::path& generation : index_store::CurrentGenerations(db)) fs::remove(index_store::ColumnsFile(generation));
}

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

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args) {
  const std::string log = (log_dir_.path() / "log").string();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // Its own process group: xapian-tcpsrv answers SIGTERM with kill(0, …)
    // to stop its workers, which would otherwise take the test down too.
    ::setpgid(0, 0);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    std::vector<char*> argv = {const_cast<char*>(program.c_str())};
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    ::execvp(program.c_str(), argv.data());
    std::fprintf(stderr, "cannot run %s\n", program.c_str());
    ::_exit(127);
  }
}

ChildProcess::~ChildProcess() {
  if (!Stop()) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

bool ChildProcess::Stop(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return true;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

std::string ChildProcess::Log() const {
  std::ifstream in(log_dir_.path() / "log", std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string ChildProcess::WaitForLog(const std::string& pattern, std::chrono::milliseconds timeout) const {
  const std::regex re(pattern);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    const std::string log = Log();
    std::smatch match;
    if (std::regex_search(log, match, re)) return match.size() > 1 ? match[1].str() : match[0].str();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  } while (std::chrono::steady_clock::now() < deadline);
  return "";
}

int FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("cannot find a free port on 127.0.0.1");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace notesearch::testing
