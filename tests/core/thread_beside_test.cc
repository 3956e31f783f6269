#include "core/thread_beside.h"

#include <gtest/gtest.h>
#include <sched.h>

#include <atomic>

namespace notesearch {
namespace {

TEST(ThreadBesideTest, RunsTheTaskAndJoinsIt) {
  std::atomic<int> runs = 0;
  { ThreadBeside thread([&] { ++runs; }); }
  EXPECT_EQ(runs, 1);
}

// The thread starts on another CPU than its creator's (Linux would start
// it on the creator's and leave it waiting there), then may use them all.
TEST(ThreadBesideTest, StartsOnAnotherCpuThenMayUseAll) {
  cpu_set_t allowed;
  ASSERT_EQ(sched_getaffinity(0, sizeof allowed, &allowed), 0);
  if (CPU_COUNT(&allowed) < 2) GTEST_SKIP() << "this process may use one CPU only: there is no other to start on";
  for (int attempt = 0; attempt < 5; ++attempt) {
    cpu_set_t thread_allowed;
    CPU_ZERO(&thread_allowed);
    ThreadBeside thread([&] { sched_getaffinity(0, sizeof thread_allowed, &thread_allowed); });
    thread.Join();
    ASSERT_GE(thread.creator_cpu(), 0);
    EXPECT_NE(thread.start_cpu(), thread.creator_cpu());
    EXPECT_GE(thread.start_cpu(), 0);
    EXPECT_TRUE(CPU_EQUAL(&thread_allowed, &allowed));
  }
}

}  // namespace
}  // namespace notesearch
