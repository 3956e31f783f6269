// Crash safety: `notesearch index` killed with SIGKILL at points through a
// large run, over and over. After each kill the previous index must be
// intact and searchable (all of the old state, none of the new), and the
// next run must complete.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace notesearch {
namespace {

namespace fs = std::filesystem;

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Two copies of the bundled corpus: about 19,000 bullets, a run of a
    // second or two that a kill can interrupt anywhere.
    for (int copy = 0; copy < 2; ++copy) {
      for (const auto& entry : fs::directory_iterator(testing::CorpusDir())) {
        fs::create_directories(notes_.path() / std::to_string(copy));
        fs::copy_file(entry.path(), notes_.path() / std::to_string(copy) / entry.path().filename());
      }
    }
    db_ = (index_dir_.path() / "index").string();
  }

  void Stamp(int round) {
    for (const auto& entry : fs::recursive_directory_iterator(notes_.path())) {
      if (!entry.is_regular_file()) continue;
      std::ofstream out(entry.path(), std::ios::app);
      out << "+ stampround" << round << " marks this round\n";
    }
  }

  // Bullets that carry the stamp of `round`.
  int Stamped(int round) {
    const auto result = testing::RunCommand(NOTESEARCH_BINARY, {"search", "--db", db_, "--json", "--limit", "0",
                                                                "stampround" + std::to_string(round)});
    EXPECT_NE(result.exit_code, 2) << result.err;
    return nlohmann::json::parse(result.out)["total_bullets"].get<int>();
  }

  // Starts `notesearch index`, kills it after `delay`; true if it was still running.
  bool IndexAndKill(std::chrono::milliseconds delay, bool rebuild) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      std::vector<const char*> args = {NOTESEARCH_BINARY, "index", "-q", "--db", db_.c_str()};
      if (rebuild) args.push_back("--rebuild");
      args.push_back(nullptr);
      ::execv(NOTESEARCH_BINARY, const_cast<char* const*>(args.data()));
      ::_exit(127);
    }
    std::this_thread::sleep_for(delay);
    const bool running = ::kill(pid, SIGKILL) == 0;
    int status = 0;
    ::waitpid(pid, &status, 0);
    return running && WIFSIGNALED(status);
  }

  testing::TempDir notes_;
  testing::TempDir index_dir_;
  std::string db_;
};

TEST_F(CrashTest, AKilledRunLeavesTheLastIndexAndTheNextRunCompletes) {
  const int files = 4;
  Stamp(0);
  ASSERT_EQ(testing::RunCommand(NOTESEARCH_BINARY, {"index", "-q", "--db", db_, notes_.path().string()}).exit_code, 0);
  ASSERT_EQ(Stamped(0), files);
  std::mt19937 random(20261122);  // fixed: the same kill points on every run
  std::uniform_int_distribution<int> delay_ms(20, 1500);
  int interrupted = 0;
  for (int round = 1; round <= 4; ++round) {
    Stamp(round);
    const bool killed = IndexAndKill(std::chrono::milliseconds(delay_ms(random)), /*rebuild=*/round % 2 == 0);
    interrupted += killed;
    // All of the old state or all of the new, never a mix, and searchable.
    const int now = Stamped(round);
    EXPECT_TRUE(now == 0 || now == files) << "round " << round << ": " << now << " of " << files;
    EXPECT_EQ(Stamped(round - 1), files) << "round " << round;
    // The next run completes the work.
    const auto finished = testing::RunCommand(NOTESEARCH_BINARY, {"index", "-q", "--db", db_});
    ASSERT_EQ(finished.exit_code, 0) << finished.err;
    EXPECT_EQ(Stamped(round), files) << "round " << round;
  }
  EXPECT_GT(interrupted, 0) << "no run was interrupted: the kill points came too late";
  const auto stats = testing::RunCommand(NOTESEARCH_BINARY, {"stats", "--db", db_, "--json"});
  EXPECT_EQ(nlohmann::json::parse(stats.out)["files"], files);
}

}  // namespace
}  // namespace notesearch
