// Documents come back to the thread that built them (DocumentReturns),
// however their batch is moved, and that thread waits for all of them.
#include "indexer/document_batch.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <thread>

namespace notesearch {
namespace {

using namespace std::chrono_literals;

std::vector<Xapian::Document> Documents(std::size_t count) {
  std::vector<Xapian::Document> documents(count);
  for (Xapian::Document& doc : documents) doc.add_term("word");
  return documents;
}

// Runs FreeAllOnceReturned on a thread of its own, which keeps `returns`
// alive: a test whose documents never all come back fails rather than
// hangs.
std::future<void> FreeingAll(const std::shared_ptr<DocumentReturns>& returns) {
  std::promise<void> done;
  std::future<void> freed = done.get_future();
  std::thread([returns, done = std::move(done)]() mutable {
    returns->FreeAllOnceReturned();
    done.set_value();
  }).detach();
  return freed;
}

bool Within(std::future<void>& freed, std::chrono::milliseconds wait) {
  return freed.wait_for(wait) == std::future_status::ready;
}

TEST(DocumentBatchTest, ABatchDestroyedOnAnotherThreadGivesItsDocumentsBack) {
  const auto returns = std::make_shared<DocumentReturns>();
  DocumentBatch batch(returns.get());
  batch.Append(Documents(3));
  std::thread writer([written = std::move(batch)] { EXPECT_EQ(written.size(), 3u); });
  writer.join();
  std::future<void> freed = FreeingAll(returns);
  EXPECT_TRUE(Within(freed, 10s));
}

TEST(DocumentBatchTest, TheBuilderWaitsUntilEveryDocumentItBuiltIsBack) {
  const auto returns = std::make_shared<DocumentReturns>();
  auto batch = std::make_unique<DocumentBatch>(returns.get());
  batch->Append(Documents(2));
  std::future<void> freed = FreeingAll(returns);
  EXPECT_FALSE(Within(freed, 100ms));
  batch.reset();
  EXPECT_TRUE(Within(freed, 10s));
}

// Moved from, a batch keeps its returns: what is appended after (a large
// file goes on after streaming a batch) comes back too, and a batch moved
// over gives back what it held.
TEST(DocumentBatchTest, MovedBatchesGiveBackEveryDocument) {
  const auto returns = std::make_shared<DocumentReturns>();
  {
    DocumentBatch file(returns.get());
    file.Append(Documents(2));
    DocumentBatch streamed = std::move(file);
    EXPECT_EQ(file.size(), 0u);
    file.Append(Documents(1));
    DocumentBatch other(returns.get());
    other.Append(Documents(4));
    other = std::move(streamed);
    EXPECT_EQ(other.size(), 2u);
    EXPECT_EQ(file.size(), 1u);
  }
  std::future<void> freed = FreeingAll(returns);
  EXPECT_TRUE(Within(freed, 10s));
}

}  // namespace
}  // namespace notesearch
