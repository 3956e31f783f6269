#include "http/result_cache.h"

namespace notesearch {

namespace {

std::size_t Cost(const std::string& key, const std::string& answer) { return key.size() + answer.size(); }

}  // namespace

std::shared_ptr<const std::string> ResultCache::Find(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto found = by_key_.find(key);
  if (found == by_key_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  recent_.splice(recent_.begin(), recent_, found->second);
  return found->second->second;
}

void ResultCache::Insert(const std::string& key, std::string answer) {
  const std::size_t cost = Cost(key, answer);
  if (cost > capacity_bytes_ / 8) return;
  auto stored = std::make_shared<const std::string>(std::move(answer));
  std::lock_guard lock(mutex_);
  if (const auto found = by_key_.find(key); found != by_key_.end()) {
    // Two threads searched the same thing at once: keep the first answer.
    recent_.splice(recent_.begin(), recent_, found->second);
    return;
  }
  EvictTo(capacity_bytes_ - cost);
  recent_.emplace_front(key, std::move(stored));
  by_key_.emplace(recent_.front().first, recent_.begin());
  bytes_ += cost;
}

ResultCache::Counts ResultCache::counts() const {
  std::lock_guard lock(mutex_);
  return {recent_.size(), bytes_, hits_, misses_};
}

void ResultCache::EvictTo(std::size_t bytes) {
  while (bytes_ > bytes) {
    const Entry& oldest = recent_.back();
    bytes_ -= Cost(oldest.first, *oldest.second);
    by_key_.erase(oldest.first);
    recent_.pop_back();
  }
}

}  // namespace notesearch
