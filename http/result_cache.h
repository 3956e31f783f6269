// Answers of recent searches, so that a repeated search (the page asking
// again after a facet click is undone, an editor re-running its query,
// several clients watching the same notes) is a lookup instead of a search.
// Keys name the index snapshot they were computed on, so an answer is
// never served after the index changed; old ones simply age out.
// Bounded by bytes, least recently used first out.
// Thread-safety: every method may be called from any thread (one mutex).
#ifndef NOTESEARCH_HTTP_RESULT_CACHE_H_
#define NOTESEARCH_HTTP_RESULT_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace notesearch {

class ResultCache {
 public:
  struct Counts {
    std::size_t entries = 0;
    std::size_t bytes = 0;
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
  };

  // capacity_bytes 0 disables the cache: Find always misses, Insert keeps
  // nothing. An answer over an eighth of the capacity is not kept, so one
  // huge page cannot flush everything else.
  explicit ResultCache(std::size_t capacity_bytes) : capacity_bytes_(capacity_bytes) {}

  // The answer stored for `key`, or null. Counts a hit or a miss.
  std::shared_ptr<const std::string> Find(const std::string& key);
  void Insert(const std::string& key, std::string answer);
  Counts counts() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const std::string>>;  // key, answer

  void EvictTo(std::size_t bytes);  // with mutex_ held

  const std::size_t capacity_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> recent_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> by_key_;  // views into recent_'s keys
  std::size_t bytes_ = 0;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

}  // namespace notesearch

#endif  // NOTESEARCH_HTTP_RESULT_CACHE_H_
