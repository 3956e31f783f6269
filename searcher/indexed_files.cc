#include "searcher/indexed_files.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "analysis/analyzer.h"
#include "core/fields.h"

namespace notesearch {
namespace {

// The normalised names of `path`'s components, empty ones ("//", a
// trailing '/') and "." dropped.
std::vector<std::string> Names(std::string_view path) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view name = path.substr(start, end - start);
    if (!name.empty() && name != ".") names.push_back(Analyzer::Normalize(name));
    start = end + 1;
  }
  return names;
}

bool NameMatches(const std::string& name, const std::string& wanted, bool prefix) {
  return prefix ? name.starts_with(wanted) : name == wanted;
}

// Whether `wanted` is `directories` from `at` on (its last name a prefix
// with `prefix`).
bool MatchesAt(const std::vector<std::string>& directories, std::size_t at, const std::vector<std::string>& wanted,
               bool prefix) {
  if (at + wanted.size() > directories.size()) return false;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (!NameMatches(directories[at + i], wanted[i], prefix && i + 1 == wanted.size())) return false;
  }
  return true;
}

// `spec` as an absolute path when it names one: itself, below $HOME (~) or
// below the working directory (./, ../, . and ..); nullopt for a name to
// find anywhere.
std::optional<std::string> AbsoluteSpec(std::string_view spec) {
  if (spec.starts_with('/')) return std::string(spec);
  if (spec == "~" || spec.starts_with("~/")) {
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0') return std::nullopt;
    return std::string(home) + "/" + std::string(spec.substr(1));
  }
  if (spec == "." || spec == ".." || spec.starts_with("./") || spec.starts_with("../")) {
    std::error_code error;
    const std::filesystem::path cwd = std::filesystem::current_path(error);
    if (error) return std::nullopt;
    return (cwd / std::string(spec)).lexically_normal().string();
  }
  return std::nullopt;
}

}  // namespace

IndexedFiles::IndexedFiles(std::vector<std::string> paths) {
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  files_.reserve(paths.size());
  for (std::string& path : paths) {
    std::vector<std::string> directories = Names(path);
    if (!directories.empty()) directories.pop_back();  // the file's own name
    files_.push_back({std::move(path), std::move(directories)});
  }
}

std::vector<std::string> IndexedFiles::Under(std::string_view spec, bool prefix) const {
  const std::optional<std::string> absolute = AbsoluteSpec(spec);
  const std::vector<std::string> wanted = Names(absolute ? *absolute : spec);
  // A prefix of nothing (dir:/*) is any directory, as the root is.
  if (wanted.empty()) prefix = false;
  std::vector<std::string> found;
  for (const File& file : files_) {
    const std::vector<std::string>& dirs = file.directories;
    bool match = false;
    if (absolute) {
      match = MatchesAt(dirs, 0, wanted, prefix);
    } else {
      for (std::size_t at = 0; !match && at + wanted.size() <= dirs.size(); ++at) {
        match = MatchesAt(dirs, at, wanted, prefix);
      }
    }
    if (match) found.push_back(file.path);
  }
  return found;
}

Xapian::Query IndexedFiles::QueryUnder(std::string_view spec, bool prefix) const {
  std::vector<Xapian::Query> terms;
  for (const std::string& path : Under(spec, prefix)) terms.emplace_back(PathTerm(path));
  if (terms.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace notesearch
