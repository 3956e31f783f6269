#include "indexer/watcher.h"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace notesearch {
namespace {

using namespace std::chrono_literals;

// Waits (up to a generous bound: these machines are shared) for `done`.
template <typename Condition>
bool Eventually(Condition done, std::chrono::milliseconds bound = 5000ms) {
  const auto until = std::chrono::steady_clock::now() + bound;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

TEST(NotesWatcherTest, ASavedNotesFileIsReported) {
  testing::TempDir dir;
  std::atomic<int> changes{0};
  NotesWatcher watcher({dir.path()}, 50ms, [&] { ++changes; });
  dir.Write("notes.md", "+ one\n");
  EXPECT_TRUE(Eventually([&] { return changes >= 1; }));
}

TEST(NotesWatcherTest, ABurstOfSavesIsCoalesced) {
  testing::TempDir dir;
  std::atomic<int> changes{0};
  NotesWatcher watcher({dir.path()}, 200ms, [&] { ++changes; });
  for (int i = 0; i < 20; ++i) dir.Write("notes.md", "+ version " + std::to_string(i) + "\n");
  ASSERT_TRUE(Eventually([&] { return changes >= 1; }));
  std::this_thread::sleep_for(400ms);
  EXPECT_LE(changes, 2);
}

TEST(NotesWatcherTest, NewDirectoriesAreWatchedAndOtherFilesIgnored) {
  testing::TempDir dir;
  std::atomic<int> changes{0};
  NotesWatcher watcher({dir.path()}, 50ms, [&] { ++changes; });
  dir.Write("image.png", "png");
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(changes, 0);
  std::filesystem::create_directory(dir.path() / "sub");
  ASSERT_TRUE(Eventually([&] { return changes >= 1; }));  // a new directory may hold notes
  const int before = changes;
  std::this_thread::sleep_for(100ms);
  dir.Write("sub/deeper.md", "+ deep\n");
  EXPECT_TRUE(Eventually([&] { return changes > before; }));
}

TEST(NotesWatcherTest, RenamesAndDeletesAreReported) {
  testing::TempDir dir;
  dir.Write("a.md", "+ a\n");
  std::atomic<int> changes{0};
  NotesWatcher watcher({dir.path()}, 50ms, [&] { ++changes; });
  std::filesystem::rename(dir.path() / "a.md", dir.path() / "b.md");
  ASSERT_TRUE(Eventually([&] { return changes >= 1; }));
  const int before = changes;
  std::filesystem::remove(dir.path() / "b.md");
  EXPECT_TRUE(Eventually([&] { return changes > before; }));
}

}  // namespace
}  // namespace notesearch
