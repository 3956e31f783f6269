// Replays every saved fuzz input (fuzz/corpus/<target>/: seeds, and each
// input that once crashed a target, kept after the fix) through its target.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "fuzz/targets.h"

namespace notesearch {
namespace {

namespace fs = std::filesystem;

std::size_t Replay(const std::string& target, void (*run)(std::string_view)) {
  std::size_t inputs = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(NOTESEARCH_SOURCE_DIR) / "fuzz" / "corpus" / target)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    SCOPED_TRACE(entry.path().string());
    run(bytes.str());
    ++inputs;
  }
  return inputs;
}

TEST(FuzzRegressionTest, OutlineParserInputs) { EXPECT_GT(Replay("outline", fuzz::OutlineParser), 3u); }
TEST(FuzzRegressionTest, AnalysisInputs) { EXPECT_GT(Replay("analysis", fuzz::Analysis), 3u); }
TEST(FuzzRegressionTest, QueryParserInputs) { EXPECT_GT(Replay("query", fuzz::QueryParser), 3u); }
TEST(FuzzRegressionTest, ColumnsFileInputs) { EXPECT_GT(Replay("columns", fuzz::ColumnsFile), 3u); }

}  // namespace
}  // namespace notesearch
