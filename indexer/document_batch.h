// Documents built on one thread and written on another go back to the
// thread that built them to be freed. Freed by the writer, each of their
// allocations went back to the builder's heap one by one, and mimalloc
// walked all those frees when the writer's thread ended: 28 ms, after the
// commit, of the 0.5 s an index of the bundled notes takes.
// Thread-safety: DocumentReturns is thread-safe; a DocumentBatch is used by
// one thread at a time and may be destroyed on any.
#ifndef NOTESEARCH_INDEXER_DOCUMENT_BATCH_H_
#define NOTESEARCH_INDEXER_DOCUMENT_BATCH_H_

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <vector>

#include <xapian.h>

namespace notesearch {

// Where a builder's documents come back to. Must outlive every batch
// given it, which FreeAllOnceReturned waits for.
class DocumentReturns {
 public:
  DocumentReturns() = default;
  DocumentReturns(const DocumentReturns&) = delete;
  DocumentReturns& operator=(const DocumentReturns&) = delete;

  // On the builder's thread: frees the documents given back so far.
  void FreeReturned();

  // On the builder's thread, once it builds no more: frees documents as
  // they come back, until every one built has.
  void FreeAllOnceReturned();

 private:
  friend class DocumentBatch;
  void Built(std::size_t count);
  void GiveBack(std::vector<Xapian::Document>&& documents);

  std::mutex mutex_;
  std::condition_variable returned_cv_;
  std::vector<std::vector<Xapian::Document>> returned_;
  std::size_t built_ = 0;
  std::size_t given_back_ = 0;
};

// Documents of a file, or of a part of one. Destroyed, a batch gives its
// documents back to its returns (a null one: freed in place). Moved from,
// it is empty and keeps its returns, so more may be appended.
class DocumentBatch {
 public:
  DocumentBatch() = default;
  explicit DocumentBatch(DocumentReturns* returns) : returns_(returns) {}
  DocumentBatch(DocumentBatch&& other) noexcept;
  DocumentBatch& operator=(DocumentBatch&& other) noexcept;
  ~DocumentBatch() { GiveBack(); }

  void Append(std::vector<Xapian::Document>&& more);
  const std::vector<Xapian::Document>& documents() const { return documents_; }
  std::size_t size() const { return documents_.size(); }

 private:
  void GiveBack();

  std::vector<Xapian::Document> documents_;
  DocumentReturns* returns_ = nullptr;
};

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_DOCUMENT_BATCH_H_
