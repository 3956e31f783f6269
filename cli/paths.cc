#include "cli/paths.h"

#include <cstdlib>
#include <system_error>

namespace notesearch {

namespace fs = std::filesystem;

fs::path DefaultDatabase() {
  if (const char* db = std::getenv("NOTESEARCH_DB"); db != nullptr && *db != '\0') return db;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data != nullptr && *data != '\0') {
    return fs::path(data) / "notesearch" / "index";
  }
  const char* home = std::getenv("HOME");
  return fs::path(home != nullptr ? home : ".") / ".local" / "share" / "notesearch" / "index";
}

fs::path BundledCorpus() {
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "notesearch" / "corpus";
    if (fs::is_directory(installed, error)) return installed;
  }
  return fs::path(NOTESEARCH_SOURCE_DIR) / "corpus";
}

fs::path DisplayPath(const fs::path& path) {
  std::error_code error;
  const fs::path cwd = fs::current_path(error);
  if (error) return path;
  const fs::path relative = path.lexically_relative(cwd);
  if (relative.empty() || *relative.begin() == "..") return path;
  return relative;
}

}  // namespace notesearch
