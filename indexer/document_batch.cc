#include "indexer/document_batch.h"

#include <iterator>
#include <utility>

namespace notesearch {

void DocumentReturns::FreeReturned() {
  std::vector<std::vector<Xapian::Document>> returned;  // freed once unlocked
  std::lock_guard lock(mutex_);
  returned.swap(returned_);
}

void DocumentReturns::FreeAllOnceReturned() {
  while (true) {
    std::vector<std::vector<Xapian::Document>> returned;
    std::unique_lock lock(mutex_);
    returned_cv_.wait(lock, [&] { return !returned_.empty() || given_back_ == built_; });
    if (returned_.empty()) return;
    returned.swap(returned_);
    lock.unlock();
  }
}

void DocumentReturns::Built(std::size_t count) {
  std::lock_guard lock(mutex_);
  built_ += count;
}

void DocumentReturns::GiveBack(std::vector<Xapian::Document>&& documents) {
  std::lock_guard lock(mutex_);
  given_back_ += documents.size();
  returned_.push_back(std::move(documents));
  returned_cv_.notify_one();
}

DocumentBatch::DocumentBatch(DocumentBatch&& other) noexcept
    : documents_(std::move(other.documents_)), returns_(other.returns_) {
  other.documents_.clear();
}

DocumentBatch& DocumentBatch::operator=(DocumentBatch&& other) noexcept {
  if (this == &other) return *this;
  GiveBack();
  documents_ = std::move(other.documents_);
  other.documents_.clear();
  returns_ = other.returns_;
  return *this;
}

void DocumentBatch::Append(std::vector<Xapian::Document>&& more) {
  if (returns_ != nullptr) returns_->Built(more.size());
  documents_.insert(documents_.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

void DocumentBatch::GiveBack() {
  if (returns_ != nullptr && !documents_.empty()) returns_->GiveBack(std::move(documents_));
  documents_.clear();
}

}  // namespace notesearch
