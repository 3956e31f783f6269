#include "core/index_store.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/hash.h"

namespace notesearch {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStubName = "XAPIANDB";
constexpr const char* kLockName = "write.lock";
constexpr std::string_view kGenerationPrefix = "gen-";
constexpr std::size_t kMaxKeyPathBytes = 200;

std::string RebuildHint(const fs::path& dir) {
  return "rebuild it with: notesearch index --rebuild --db " + dir.string() + " [PATH...]";
}

std::optional<unsigned long> GenerationNumber(const fs::path& path) {
  const std::string name = path.filename().string();
  if (!name.starts_with(kGenerationPrefix)) return std::nullopt;
  try {
    std::size_t used = 0;
    unsigned long n = std::stoul(name.substr(kGenerationPrefix.size()), &used);
    if (used + kGenerationPrefix.size() != name.size()) return std::nullopt;
    return n;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::string FileRecord::ToJson() const {
  nlohmann::json entries = nlohmann::json::array();
  for (const ContextEntry& e : context) {
    entries.push_back({e.id, BlockKindName(e.kind), e.text, e.phrase_terms, e.other_terms, e.stems});
  }
  return nlohmann::json{{"path", path},
                        {"context", std::move(entries)},
                        {"spelling", spelling},
                        {"page_names", page_names},
                        {"size", size},
                        {"mtime_ns", mtime_ns},
                        {"content_hash", content_hash},
                        {"bullets", bullets},
                        {"paragraphs", paragraphs},
                        {"headings", headings},
                        {"skipped_empty", skipped_empty},
                        {"skipped_wordless", skipped_wordless}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<FileRecord> FileRecord::FromJson(const std::string& json) {
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  try {
    FileRecord r;
    r.path = j.at("path").get<std::string>();
    r.size = j.at("size").get<std::uint64_t>();
    r.mtime_ns = j.at("mtime_ns").get<std::int64_t>();
    r.content_hash = j.at("content_hash").get<std::uint64_t>();
    r.bullets = j.value("bullets", 0ULL);
    r.paragraphs = j.value("paragraphs", 0ULL);
    r.headings = j.value("headings", 0ULL);
    r.skipped_empty = j.value("skipped_empty", 0ULL);
    r.skipped_wordless = j.value("skipped_wordless", 0ULL);
    r.spelling = j.value("spelling", "");
    r.page_names = j.value("page_names", std::vector<std::string>());
    for (const auto& e : j.value("context", nlohmann::json::array())) {
      r.context.push_back({e.at(0).get<std::string>(),
                           ParseBlockKind(e.at(1).get<std::string>()).value_or(BlockKind::kHeading),
                           e.at(2).get<std::string>(), e.at(3).get<std::vector<std::string>>(),
                           e.at(4).get<std::vector<std::string>>(), e.at(5).get<std::vector<std::string>>()});
    }
    return r;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::string FileRecordKey(const std::string& path) {
  if (path.size() <= kMaxKeyPathBytes) return metadata_keys::kFilePrefix + path;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(path));
  return std::string(metadata_keys::kFilePrefix) + "#" + hash;
}

std::vector<FileRecord> ReadFileRecords(const Xapian::Database& db) {
  std::vector<FileRecord> records;
  const std::string prefix = metadata_keys::kFilePrefix;
  for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
    if (auto record = FileRecord::FromJson(db.get_metadata(*key))) records.push_back(*record);
  }
  return records;
}

std::vector<std::string> ReadIndexedPaths(const Xapian::Database& db) {
  std::vector<std::string> paths;
  const std::string prefix = metadata_keys::kFilePrefix;
  for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
    const std::string path = (*key).substr(prefix.size());
    if (!path.starts_with('#')) {
      paths.push_back(path);
    } else if (auto record = FileRecord::FromJson(db.get_metadata(*key))) {
      paths.push_back(record->path);
    }
  }
  return paths;
}

namespace index_store {

bool Exists(const fs::path& dir) { return !CurrentGenerations(dir).empty(); }

std::vector<fs::path> CurrentGenerations(const fs::path& dir) {
  std::vector<fs::path> generations;
  std::ifstream stub(dir / kStubName);
  std::string backend, relative;
  while (stub >> backend >> relative) generations.push_back(dir / relative);
  return generations;
}

fs::path ShardDirectory(const fs::path& dir, std::size_t shard, std::size_t shards) {
  return shards <= 1 ? dir : dir / ("shard-" + std::to_string(shard));
}

std::size_t ShardOf(const std::string& path, std::size_t shards) {
  return shards <= 1 ? 0 : static_cast<std::size_t>(StableHash(path) % shards);
}

std::vector<std::size_t> EvenShards(std::span<const std::uint64_t> sizes, std::size_t shards) {
  std::vector<std::uint64_t> bytes(std::max<std::size_t>(1, shards), 0);
  std::vector<std::size_t> assigned;
  assigned.reserve(sizes.size());
  for (const std::uint64_t size : sizes) {
    const auto emptiest = std::min_element(bytes.begin(), bytes.end());
    *emptiest += size;
    assigned.push_back(static_cast<std::size_t>(emptiest - bytes.begin()));
  }
  return assigned;
}

void RequireIndex(const fs::path& dir) {
  std::error_code error;
  if (!fs::exists(dir, error)) {
    throw IndexError("no index at " + dir.string() + "; build one with: notesearch index --db " + dir.string() +
                     " [PATH...]");
  }
  if (!Exists(dir)) {
    throw IndexError(dir.string() + " is not a notesearch index (no " + kStubName + " stub); " + RebuildHint(dir));
  }
}

Xapian::Database OpenForReading(const fs::path& dir, const fs::path& generation) {
  try {
    Xapian::Database db(generation.string());
    if (db.get_metadata(metadata_keys::kAnalysis).empty()) {
      throw IndexError(dir.string() + " is a Xapian database but not a notesearch index; " + RebuildHint(dir));
    }
    return db;
  } catch (const Xapian::DatabaseError& e) {
    // Covers corrupt, truncated and version-mismatched databases.
    throw IndexError("the index at " + dir.string() + " cannot be read (" + e.get_msg() + "); " + RebuildHint(dir));
  }
}

fs::path NextGeneration(const fs::path& shard_dir) {
  unsigned long highest = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(shard_dir, error)) {
    if (auto n = GenerationNumber(entry.path())) highest = std::max(highest, *n);
  }
  return shard_dir / (std::string(kGenerationPrefix) + std::to_string(highest + 1));
}

namespace {

// Replaces DIR's stub with one naming `generations`, atomically.
void WriteStub(const fs::path& dir, const std::vector<fs::path>& generations) {
  const fs::path stub = dir / kStubName;
  const fs::path temporary = dir / (std::string(kStubName) + ".new");
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const fs::path& generation : generations) out << "auto " << generation.lexically_relative(dir).string() << "\n";
    out.flush();
    if (!out) throw IndexError("cannot write " + temporary.string() + ": " + std::strerror(errno));
  }
  // fsync the stub before the rename so a crash cannot publish an empty file.
  if (int fd = ::open(temporary.c_str(), O_RDONLY); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  fs::rename(temporary, stub);
}

}  // namespace

void Publish(const fs::path& dir, const std::vector<fs::path>& generations) {
  // Each shard directory gets a stub too: a stable path to serve one shard
  // with xapian-tcpsrv or to search it alone.
  if (generations.size() > 1) {
    for (const fs::path& generation : generations) WriteStub(generation.parent_path(), {generation});
  }
  WriteStub(dir, generations);
  // Old generations and shard directories no longer named by the stub.
  std::error_code error;
  auto current = [&](const fs::path& path) {
    return std::any_of(generations.begin(), generations.end(), [&](const fs::path& g) {
      return g == path || g.parent_path() == path;
    });
  };
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    const bool generation_dir = GenerationNumber(entry.path()).has_value();
    const bool shard_dir = name.starts_with("shard-");
    if ((generation_dir || shard_dir) && !current(entry.path())) {
      fs::remove_all(entry.path(), error);
    } else if (shard_dir) {
      for (const auto& inner : fs::directory_iterator(entry.path(), error)) {
        if (GenerationNumber(inner.path()) && !current(inner.path())) fs::remove_all(inner.path(), error);
      }
    }
  }
}

fs::path ColumnsFile(const fs::path& generation) { return generation / "notesearch.columns"; }

std::string ChangeStamp(const fs::path& dir, const fs::path& generation) {
  std::string stamp;
  for (const fs::path& file : {dir / kStubName, generation / "iamglass", ColumnsFile(generation)}) {
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0) {
      stamp += std::to_string(st.st_ino) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
               std::to_string(st.st_mtim.tv_nsec) + ":" + std::to_string(st.st_size) + ";";
    } else {
      stamp += "-;";
    }
  }
  return stamp;
}

std::uint64_t DiskUsage(const fs::path& dir) {
  std::uint64_t bytes = 0;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(dir, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    if (it->is_regular_file(error)) bytes += it->file_size(error);
  }
  return bytes;
}

}  // namespace index_store

WriteLock WriteLock::Acquire(const fs::path& dir, bool wait) {
  std::error_code error;
  fs::create_directories(dir, error);
  const fs::path path = dir / kLockName;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw IndexError("cannot open " + path.string() + ": " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
    char pid[32] = {};
    const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
    ::close(fd);
    std::string holder = n > 0 ? std::string(pid, static_cast<std::size_t>(n)) : "unknown";
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    throw IndexError("index " + dir.string() + " is being updated by process " + holder +
                     "; try again later or pass --wait");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  // Best effort: the lock is held either way; the PID only helps others' message.
  if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, pid.data(), pid.size(), 0);
  return WriteLock(fd);
}

WriteLock::WriteLock(WriteLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

WriteLock::~WriteLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace notesearch
