#include "http/result_cache.h"

#include <string>

#include <gtest/gtest.h>

namespace notesearch {
namespace {

// Keys of 4 bytes with answers of 96: each entry costs 100 bytes.
std::string Key(int i) { return "k" + std::to_string(1000 + i).substr(1); }
std::string Answer(int i) { return std::string(96, static_cast<char>('a' + i % 26)); }

TEST(ResultCacheTest, FindsWhatWasInsertedAndCountsHitsAndMisses) {
  ResultCache cache(100'000);
  EXPECT_EQ(cache.Find(Key(1)), nullptr);
  cache.Insert(Key(1), Answer(1));
  ASSERT_NE(cache.Find(Key(1)), nullptr);
  EXPECT_EQ(*cache.Find(Key(1)), Answer(1));
  EXPECT_EQ(cache.Find(Key(2)), nullptr);
  const ResultCache::Counts counts = cache.counts();
  EXPECT_EQ(counts.entries, 1u);
  EXPECT_EQ(counts.bytes, 100u);
  EXPECT_EQ(counts.hits, 2u);
  EXPECT_EQ(counts.misses, 2u);
}

TEST(ResultCacheTest, TheLeastRecentlyUsedGoesFirstWhenFull) {
  ResultCache cache(1000);
  for (int i = 0; i < 10; ++i) cache.Insert(Key(i), Answer(i));
  EXPECT_EQ(cache.counts().bytes, 1000u);
  ASSERT_NE(cache.Find(Key(0)), nullptr);  // now the most recent
  cache.Insert(Key(10), Answer(10));
  EXPECT_EQ(cache.Find(Key(1)), nullptr);  // the oldest unused one went
  EXPECT_NE(cache.Find(Key(0)), nullptr);
  EXPECT_NE(cache.Find(Key(10)), nullptr);
  EXPECT_EQ(cache.counts().entries, 10u);
  EXPECT_EQ(cache.counts().bytes, 1000u);
}

TEST(ResultCacheTest, InsertingAKeyAgainKeepsOneEntry) {
  ResultCache cache(1000);
  cache.Insert(Key(1), Answer(1));
  cache.Insert(Key(1), Answer(2));
  EXPECT_EQ(cache.counts().entries, 1u);
  EXPECT_EQ(cache.counts().bytes, 100u);
  EXPECT_EQ(*cache.Find(Key(1)), Answer(1));
}

TEST(ResultCacheTest, AnAnswerOverAnEighthOfTheCapacityIsNotKept) {
  ResultCache cache(799);  // an eighth is 99 bytes, an entry 100
  cache.Insert(Key(1), Answer(1));
  EXPECT_EQ(cache.Find(Key(1)), nullptr);
  EXPECT_EQ(cache.counts().entries, 0u);
}

TEST(ResultCacheTest, CapacityZeroKeepsNothing) {
  ResultCache cache(0);
  cache.Insert(Key(1), Answer(1));
  EXPECT_EQ(cache.Find(Key(1)), nullptr);
  EXPECT_EQ(cache.counts().bytes, 0u);
}

}  // namespace
}  // namespace notesearch
