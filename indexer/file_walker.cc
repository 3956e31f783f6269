#include "indexer/file_walker.h"

#include <algorithm>
#include <system_error>

namespace notesearch {

namespace fs = std::filesystem;

bool HasNotesExtension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".md" || ext == ".markdown" || ext == ".txt";
}

namespace {

bool IsHidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 1 && name[0] == '.' && name != "..";
}

void Walk(const fs::path& root, std::vector<fs::path>* files, std::vector<Diagnostic>* diagnostics) {
  std::vector<fs::path> pending{root};
  while (!pending.empty()) {
    const fs::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code error;
    fs::directory_iterator it(dir, error);
    for (const fs::directory_iterator end; !error && it != end; it.increment(error)) {
      const fs::directory_entry& entry = *it;
      if (IsHidden(entry.path())) continue;
      std::error_code type_error;
      // Symlinks are not followed, as ripgrep does not: a loop cannot trap
      // the walk and a link cannot pull a file from elsewhere into the
      // index (and so into the server). Name a linked file to index it.
      if (entry.is_symlink(type_error)) continue;
      if (entry.is_directory(type_error)) {
        pending.push_back(entry.path());
      } else if (entry.is_regular_file(type_error) && HasNotesExtension(entry.path())) {
        files->push_back(entry.path());
      }
    }
    if (error) {
      diagnostics->push_back({Diagnostic::Severity::kWarning, dir.string(), 0,
                              "cannot read directory (" + error.message() + "); skipped"});
    }
  }
}

}  // namespace

std::vector<fs::path> FindNotesFiles(const std::vector<fs::path>& roots,
                                     std::vector<Diagnostic>* diagnostics) {
  std::vector<fs::path> files;
  for (const fs::path& root : roots) {
    std::error_code error;
    const fs::path absolute = fs::absolute(root, error).lexically_normal();
    const fs::file_status status = fs::status(absolute, error);
    if (error || !fs::exists(status)) {
      diagnostics->push_back({Diagnostic::Severity::kError, root.string(), 0,
                              "no such file or directory"});
    } else if (fs::is_directory(status)) {
      Walk(absolute, &files, diagnostics);
    } else if (fs::is_regular_file(status)) {
      files.push_back(absolute);
    } else {
      diagnostics->push_back({Diagnostic::Severity::kWarning, root.string(), 0,
                              "not a regular file or directory; skipped"});
    }
  }
  for (fs::path& file : files) file = file.lexically_normal();
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace notesearch
