#include "core/index_store.h"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

namespace notesearch::index_store {
namespace {

std::vector<std::uint64_t> BytesPerShard(const std::vector<std::uint64_t>& sizes, std::size_t shards) {
  const std::vector<std::size_t> assigned = EvenShards(sizes, shards);
  EXPECT_EQ(assigned.size(), sizes.size());
  std::vector<std::uint64_t> bytes(shards, 0);
  for (std::size_t i = 0; i < assigned.size(); ++i) bytes.at(assigned[i]) += sizes[i];
  return bytes;
}

// Ten copies of the bundled notes (a large and a small file each), as the
// benchmark indexes them: by path hash one writer got six large files.
TEST(EvenShardsTest, WritersGetEvenSharesOfTheText) {
  std::vector<std::uint64_t> sizes;
  for (int copy = 0; copy < 10; ++copy) {
    sizes.push_back(712'000);
    sizes.push_back(12'000);
  }
  for (const std::size_t shards : {2u, 3u}) {
    const std::vector<std::uint64_t> bytes = BytesPerShard(sizes, shards);
    const auto [least, most] = std::minmax_element(bytes.begin(), bytes.end());
    EXPECT_LE(*most - *least, 712'000u) << shards << " shards: no shard is more than one file ahead";
    EXPECT_GT(*least, 0u);
  }
}

TEST(EvenShardsTest, FilesKeepTheirOrderAndOneShardTakesAll) {
  EXPECT_EQ(EvenShards(std::vector<std::uint64_t>{5, 5, 5, 5}, 2), (std::vector<std::size_t>{0, 1, 0, 1}));
  EXPECT_EQ(EvenShards(std::vector<std::uint64_t>{9, 1, 1, 1, 9}, 2), (std::vector<std::size_t>{0, 1, 1, 1, 1}));
  EXPECT_EQ(EvenShards(std::vector<std::uint64_t>{3, 7}, 1), (std::vector<std::size_t>{0, 0}));
  EXPECT_TRUE(EvenShards({}, 2).empty());
}

}  // namespace
}  // namespace notesearch::index_store
