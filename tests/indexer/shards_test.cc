// Sharded indexes: the bundled corpus split over shards answers exactly as
// one index does (hits, scores, totals, facets, corrections); updates go to
// the right shard; `compact` merges the shards back into one database, and
// a merge that fails leaves them as they were; and a shard served by
// xapian-tcpsrv joins local ones.
#include <sys/resource.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <xapian.h>

#include <csignal>
#include <fstream>
#include <thread>

#include "core/errors.h"
#include "core/index_store.h"
#include "tests/test_util.h"

namespace notesearch {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::HasSubstr;

// One of each kind of query the searcher treats differently.
const std::vector<std::string> kQueries = {
    "python",  "machine learning",   "\"static timing analysis\"", "kuberentes", "company:Apple python",
    "ML",      "BMC yocto",          "C++ OR verilog",             "optimizing", "location:Remote -python",
    "dir:/ yocto",  // the files of every shard (a remote one's too), read from its own metadata
    "skill",        // "skill set:" has 1,222 copies: each hit lists its first 1,000 places
};

IndexReport Index(const fs::path& db, const std::vector<fs::path>& roots, std::size_t shards) {
  IndexOptions options;
  options.database = db;
  options.roots = roots;
  options.shards = shards;
  return UpdateIndex(options);
}

SearchRequest RequestFor(const std::string& query, bool collapse) {
  SearchRequest request{query, 0, 20, {"tool", "company", "location"}, 20, {}};
  request.collapse = collapse;
  return request;
}

// Hits, scores, totals, facets and corrections must agree exactly: Xapian
// merges the shards' statistics, so BM25 sees the same collection, and a
// merged database holds every shard's lexicon. (Compacted and merged
// indexes were allowed scores 5 % apart for "ML" and "machine learning",
// put down to Xapian's estimates; it was the lost lexicon,
// AMergeKeepsTheLexiconOfEveryShard.)
void ExpectSameAnswer(Searcher& a, Searcher& b, const std::string& query, bool collapse) {
  SCOPED_TRACE(query + (collapse ? " (collapsed)" : ""));
  const SearchResponse x = a.Search(RequestFor(query, collapse));
  const SearchResponse y = b.Search(RequestFor(query, collapse));
  EXPECT_GT(x.total, 0u);
  EXPECT_EQ(x.total, y.total);
  EXPECT_EQ(x.total_bullets, y.total_bullets);
  EXPECT_EQ(x.corrected, y.corrected);
  ASSERT_EQ(x.hits.size(), y.hits.size());
  for (std::size_t i = 0; i < x.hits.size(); ++i) {
    EXPECT_EQ(x.hits[i].stored.file, y.hits[i].stored.file);
    EXPECT_EQ(x.hits[i].stored.block.line, y.hits[i].stored.block.line);
    EXPECT_NEAR(x.hits[i].score, y.hits[i].score, 1e-9);
    EXPECT_EQ(x.hits[i].also, y.hits[i].also);
  }
  ASSERT_EQ(x.facets.size(), y.facets.size());
  for (std::size_t f = 0; f < x.facets.size(); ++f) {
    ASSERT_EQ(x.facets[f].values.size(), y.facets[f].values.size());
    for (std::size_t v = 0; v < x.facets[f].values.size(); ++v) {
      EXPECT_EQ(x.facets[f].values[v].value, y.facets[f].values[v].value);
      EXPECT_EQ(x.facets[f].values[v].count, y.facets[f].values[v].count);
    }
  }
}

void ExpectSameAnswers(Searcher& a, Searcher& b) {
  for (const bool collapse : {false, true}) {
    for (const std::string& query : kQueries) ExpectSameAnswer(a, b, query, collapse);
  }
}

class ShardsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dirs_ = new testing::TempDir;
    Index(Single(), {testing::CorpusDir()}, 1);
    Index(Sharded(), {testing::CorpusDir()}, 3);
    // Indexed apart, not copied: a copy would share the columns of Single().
    Index(SingleWithoutColumns(), {testing::CorpusDir()}, 1);
    testing::RemoveColumnsFiles(SingleWithoutColumns());
    Index(ShardedWithoutColumns(), {testing::CorpusDir()}, 3);
    testing::RemoveColumnsFiles(ShardedWithoutColumns());
  }
  static void TearDownTestSuite() { delete dirs_; }
  static fs::path Single() { return dirs_->path() / "single"; }
  static fs::path Sharded() { return dirs_->path() / "sharded"; }
  static fs::path SingleWithoutColumns() { return dirs_->path() / "single-without-columns"; }
  static fs::path ShardedWithoutColumns() { return dirs_->path() / "sharded-without-columns"; }
  static testing::TempDir* dirs_;
};
testing::TempDir* ShardsTest::dirs_ = nullptr;

TEST_F(ShardsTest, ThreeShardsAnswerLikeOneIndex) {
  EXPECT_EQ(index_store::CurrentGenerations(Sharded()).size(), 3u);
  Searcher single(Single());
  Searcher sharded(Sharded());
  ExpectSameAnswers(single, sharded);
  EXPECT_EQ(single.Stats().documents, sharded.Stats().documents);
}

// A searcher maps the columns file the indexer wrote (doc_columns.h) when
// it opens the index; without one, counting switches from reading each
// match's values in the index to building the columns once it has read
// enough. All three must answer alike. Over shards only the files are
// used (ShardsSearchTheirInterleavedColumnsLikeOneIndex).
TEST_F(ShardsTest, CountsFromMemoryAgreeWithCountsReadFromTheIndex) {
  Searcher loaded(Single());
  ASSERT_TRUE(loaded.holds_values_in_memory()) << "from the indexer's file, before any search";
  for (const bool collapse : {false, true}) {
    for (const std::string& query : kQueries) {
      Searcher fresh(SingleWithoutColumns());  // its first search reads values from the index
      ASSERT_FALSE(fresh.holds_values_in_memory());
      ExpectSameAnswer(fresh, loaded, query, collapse);
    }
  }
  // Built once, then shared by every searcher of the process.
  Searcher built(SingleWithoutColumns());
  EXPECT_FALSE(built.holds_values_in_memory());
  built.FacetCounts({"tool"}, 1);  // every document: worth holding them
  ASSERT_TRUE(built.holds_values_in_memory());
  EXPECT_TRUE(Searcher(SingleWithoutColumns()).holds_values_in_memory());
  for (const bool collapse : {false, true}) {
    for (const std::string& query : kQueries) ExpectSameAnswer(built, loaded, query, collapse);
  }
  Searcher sharded(ShardedWithoutColumns());
  sharded.FacetCounts({"tool"}, 1);
  EXPECT_FALSE(sharded.holds_values_in_memory());
}

// Each shard kept has its columns file, and a searcher interleaves them as
// Xapian joins the shards' databases (DocColumns::Interleave) once
// counting has read enough values, for the scorer, which then answers as
// over one index. Wildcards too: the builder expands them from the joined
// database (Xapian's matcher would keep each shard's most frequent
// expansions of `s*`, and weigh `data*` by the shards' estimates of its
// frequency). A query only Xapian's matcher evaluates (exclusions alone:
// it weighs every document by its length), whose match spies and key
// makers see each shard's own document ids, reads the values from the
// index instead, as over shards without their files.
TEST_F(ShardsTest, ShardsSearchTheirInterleavedColumnsLikeOneIndex) {
  Searcher sharded(Sharded());
  EXPECT_FALSE(sharded.holds_values_in_memory()) << "a one-shot search need not interleave them";
  sharded.FacetCounts({"tool"}, 1);  // every document: worth holding them
  ASSERT_TRUE(sharded.holds_values_in_memory()) << "from the shards' files";
  Searcher single(Single());
  Searcher without_columns(ShardedWithoutColumns());
  for (const bool collapse : {false, true}) {
    for (const std::string& query : kQueries) {
      ExpectSameAnswer(single, sharded, query, collapse);
      ExpectSameAnswer(without_columns, sharded, query, collapse);
    }
    for (const std::string query : {"data*", "s*", "\"machine learning\"", "-python"}) {
      ExpectSameAnswer(single, sharded, query, collapse);
      ExpectSameAnswer(single, without_columns, query, collapse);
    }
  }
  without_columns.FacetCounts({"tool"}, 1);
  EXPECT_FALSE(without_columns.holds_values_in_memory()) << "no files to interleave";
  const std::vector<Facet> every = single.FacetCounts({"tool", "location"}, 20);
  const std::vector<Facet> every_sharded = sharded.FacetCounts({"tool", "location"}, 20);
  ASSERT_EQ(every.size(), every_sharded.size());
  for (std::size_t f = 0; f < every.size(); ++f) {
    ASSERT_EQ(every[f].values.size(), every_sharded[f].values.size());
    for (std::size_t v = 0; v < every[f].values.size(); ++v) {
      EXPECT_EQ(every[f].values[v].value, every_sharded[f].values[v].value);
      EXPECT_EQ(every[f].values[v].count, every_sharded[f].values[v].count);
    }
  }
}

TEST_F(ShardsTest, ChangingTheShardCountRebuilds) {
  testing::TempDir notes;
  testing::TempDir db_dir;
  notes.Write("a.md", "+ alpha bullet\n");
  notes.Write("b.md", "+ beta bullet\n");
  const fs::path db = db_dir.path() / "index";
  ASSERT_EQ(Index(db, {notes.path()}, 2).files_indexed, 2u);
  EXPECT_EQ(index_store::CurrentGenerations(db).size(), 2u);
  const IndexReport report = Index(db, {notes.path()}, 3);
  EXPECT_TRUE(report.rebuilt);
  EXPECT_THAT(report.rebuild_reason, HasSubstr("shard"));
  EXPECT_EQ(index_store::CurrentGenerations(db).size(), 3u);
  EXPECT_EQ(Searcher(db).Search({"bullet"}).total, 2u);
}

TEST_F(ShardsTest, AnEditedFileIsUpdatedInItsShardOnly) {
  testing::TempDir notes;
  testing::TempDir db_dir;
  const fs::path db = db_dir.path() / "index";
  for (int i = 0; i < 8; ++i) notes.Write("f" + std::to_string(i) + ".md", "+ common word " + std::to_string(i) + "\n");
  Index(db, {notes.path()}, 3);
  notes.Write("f5.md", "+ edited text\n");
  const IndexReport report = Index(db, {notes.path()}, 0);  // 0: keep the shard count
  EXPECT_FALSE(report.rebuilt);
  EXPECT_EQ(report.files_indexed, 1u);
  EXPECT_EQ(report.files_unchanged, 7u);
  Searcher searcher(db);
  EXPECT_EQ(searcher.Search({"common"}).total, 7u);
  EXPECT_EQ(searcher.Search({"edited"}).total, 1u);
  EXPECT_EQ(searcher.Stats().documents, 8u);
}

// Each shard records the aliases of its own pages: a search over the shards
// and the database compacted from them resolve every page's.
TEST_F(ShardsTest, EveryShardsPageAliasesResolveBeforeAndAfterACompact) {
  testing::TempDir notes;
  testing::TempDir db_dir;
  const fs::path db = db_dir.path() / "index";
  constexpr int kPages = 6;
  for (int i = 0; i < kPages; ++i) {
    const std::string n = std::to_string(i);
    notes.Write("pages/page" + n + ".md", "alias:: other" + n + "\n\n- on the page\n");
    notes.Write("links" + n + ".md", "- see [[other" + n + "]]\n");
  }
  Index(db, {notes.path()}, 3);
  auto expect_every_page_resolves = [&] {
    Searcher searcher(db);
    for (int i = 0; i < kPages; ++i) {
      EXPECT_EQ(searcher.Search({"[[page" + std::to_string(i) + "]]"}).total, 1u) << "page" << i;
    }
  };
  expect_every_page_resolves();
  EXPECT_EQ(CompactIndex(db, false), 3u);
  expect_every_page_resolves();
}

TEST_F(ShardsTest, CompactMergesShardsIntoOneDatabaseWithTheSameAnswers) {
  testing::TempDir copy_dir;
  const fs::path copy = copy_dir.path() / "index";
  Index(copy, {testing::CorpusDir()}, 3);
  EXPECT_EQ(CompactIndex(copy, false), 3u);
  EXPECT_EQ(index_store::CurrentGenerations(copy).size(), 1u);
  Searcher compacted(copy);
  Searcher single(Single());
  ExpectSameAnswers(single, compacted);
  // The compacted index is still an index: a later update works on it.
  EXPECT_EQ(Index(copy, {}, 0).files_unchanged, 2u);
}

// A new index of much text is written by two writers in parallel and
// merged: one database with its columns, answering as one writer's does.
TEST_F(ShardsTest, ANewIndexOfMuchTextIsWrittenInParallelAndMerged) {
  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one core: the index is written by one writer";
  testing::TempDir dir;
  IndexOptions options;
  options.database = dir.path() / "index";
  options.roots = {testing::CorpusDir()};
  options.parallel_build_bytes = 0;  // the bundled notes count as much text
  const IndexReport report = UpdateIndex(options);
  EXPECT_EQ(report.merged_shards, 2u);
  const auto generations = index_store::CurrentGenerations(options.database);
  ASSERT_EQ(generations.size(), 1u);
  EXPECT_TRUE(fs::exists(index_store::ColumnsFile(generations.front())));
  EXPECT_FALSE(fs::exists(options.database / "shard-0")) << "the writers' shards are removed once merged";
  Searcher merged(options.database);
  EXPECT_TRUE(merged.holds_values_in_memory());
  Searcher single(Single());
  ExpectSameAnswers(single, merged);
  // An update of the merged index has one writer and keeps one database.
  options.roots = {};
  const IndexReport update = UpdateIndex(options);
  EXPECT_EQ(update.merged_shards, 0u);
  EXPECT_EQ(update.files_unchanged, 2u);
  EXPECT_EQ(index_store::CurrentGenerations(options.database).size(), 1u);
}

// Regression: merging shards kept the first shard's lexicon of headings
// and intros (Xapian 1.4 hands the compactor its metadata keys with their
// table prefix, so none was recognised): `section:word` found nothing
// under the headings of the files another writer had written.
void ExpectEveryHeadingsBulletsFound(const fs::path& db, int files) {
  Searcher searcher(db);
  for (int i = 0; i < files; ++i) {
    const std::string query = "section:headword" + std::string(1, static_cast<char>('a' + i));
    EXPECT_GE(searcher.Search({query}).total, 1u) << query;
  }
}

TEST_F(ShardsTest, AMergeKeepsTheLexiconOfEveryShard) {
  testing::TempDir notes;
  constexpr int kFiles = 6;
  for (int i = 0; i < kFiles; ++i) {
    const std::string word = "headword" + std::string(1, static_cast<char>('a' + i));
    notes.Write("f" + std::to_string(i) + ".md", "# " + word + "\n- plain bullet " + std::to_string(i) + "\n");
  }
  testing::TempDir sharded;
  Index(sharded.path() / "index", {notes.path()}, 3);
  ExpectEveryHeadingsBulletsFound(sharded.path() / "index", kFiles);
  EXPECT_EQ(CompactIndex(sharded.path() / "index", false), 3u);
  ExpectEveryHeadingsBulletsFound(sharded.path() / "index", kFiles);
  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one core: a new index has one writer, nothing to merge";
  testing::TempDir parallel;
  IndexOptions options;
  options.database = parallel.path() / "index";
  options.roots = {notes.path()};
  options.parallel_build_bytes = 0;
  ASSERT_EQ(UpdateIndex(options).merged_shards, 2u);
  ExpectEveryHeadingsBulletsFound(options.database, kFiles);
}

// LeakSanitizer's switches, present only in sanitizer builds (weak).
extern "C" void __lsan_disable() __attribute__((weak));
extern "C" void __lsan_enable() __attribute__((weak));

// Sets a limit on the size of any file the process writes, and has writes
// past it fail rather than end the process (SIGXFSZ ignored), for the life
// of the object. Xapian 1.4 leaks the tables of a compaction that fails
// (the leaks LeakSanitizer reports are allocated inside libxapian), so what
// is allocated meanwhile is not leak-checked.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(std::uint64_t bytes) : previous_signal_(std::signal(SIGXFSZ, SIG_IGN)) {
    ::getrlimit(RLIMIT_FSIZE, &previous_);
    struct rlimit limit = previous_;
    limit.rlim_cur = static_cast<rlim_t>(bytes);
    ::setrlimit(RLIMIT_FSIZE, &limit);
    if (__lsan_disable != nullptr) __lsan_disable();
  }
  ~FileSizeLimit() {
    if (__lsan_enable != nullptr) __lsan_enable();
    ::setrlimit(RLIMIT_FSIZE, &previous_);
    std::signal(SIGXFSZ, previous_signal_);
  }

 private:
  struct rlimit previous_ {};
  void (*previous_signal_)(int);
};

std::uint64_t LargestFile(const fs::path& dir) {
  std::uint64_t largest = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) largest = std::max<std::uint64_t>(largest, entry.file_size());
  }
  return largest;
}

// A merge that fails (a full disk; here a limit on file size that a
// writer's tables stay under and the merged ones go over) leaves the
// writers' shards as the index: the run warns and succeeds, searches
// answer as one database does, and later runs change each file in the
// shard that holds it. The writers shared the files out by size, not by
// the hash of their paths that places a file in a sharded index: the
// files here all hash to shard 1, so that two of them are held by shard 0.
TEST_F(ShardsTest, AFailedMergeLeavesShardsThatLaterRunsKeepUpToDate) {
  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one core: a new index has one writer, nothing to merge";
  testing::TempDir dir;
  const fs::path notes = dir.path() / "notes";
  std::vector<fs::path> files;
  for (const char* copy : {"one", "two"}) {
    for (const char* name : {"eda-ai-data-science", "skill-sets"}) {
      fs::path file;
      for (int i = 0; file.empty() || index_store::ShardOf(file.string(), 2) != 1; ++i) {
        file = notes / copy / (std::string(name) + "-" + std::to_string(i) + ".md");
      }
      fs::create_directories(file.parent_path());
      fs::copy_file(testing::CorpusDir() / (std::string(name) + ".md"), file);
      files.push_back(file);
    }
  }
  // A writer's share is about one copy of the notes, uncompacted; the
  // merged database holds both, compacted.
  Index(dir.path() / "one-copy", {notes / "one"}, 1);
  const std::uint64_t shard_tables = LargestFile(dir.path() / "one-copy");
  Index(dir.path() / "compacted", {notes}, 2);
  CompactIndex(dir.path() / "compacted", false);
  const std::uint64_t merged_tables = LargestFile(index_store::CurrentGenerations(dir.path() / "compacted").front());
  if (merged_tables < shard_tables + shard_tables / 10) {
    GTEST_SKIP() << "the merged tables (" << merged_tables << " bytes) are not larger than a writer's (" << shard_tables
                 << "): no limit on file size stops the merge alone";
  }

  IndexOptions options;
  options.database = dir.path() / "index";
  options.roots = {notes};
  options.parallel_build_bytes = 0;
  std::vector<std::string> warnings;
  options.on_diagnostic = [&](const Diagnostic& d) { warnings.push_back(d.ToString()); };
  IndexReport report;
  {
    const FileSizeLimit limit((shard_tables + merged_tables) / 2);
    report = UpdateIndex(options);
  }
  EXPECT_EQ(report.merged_shards, 0u);
  EXPECT_THAT(warnings, Contains(HasSubstr("the index is kept as 2 shards")));
  const std::vector<fs::path> generations = index_store::CurrentGenerations(options.database);
  ASSERT_EQ(generations.size(), 2u);
  for (const auto& entry : fs::directory_iterator(options.database)) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("gen-")) << "the failed merge's database is removed";
  }
  const fs::path reference = dir.path() / "reference";
  Index(reference, {notes}, 1);
  {
    Searcher kept(options.database);
    Searcher one(reference);
    ExpectSameAnswers(one, kept);
  }

  // Every file edited, one removed: no block is left behind in the shard
  // that held it.
  for (std::size_t i = 0; i < files.size(); ++i) std::ofstream(files[i], std::ios::app) << "+ quokka census " << i << "\n";
  fs::remove(files.back());
  options.roots = {};
  options.on_diagnostic = nullptr;
  const IndexReport update = UpdateIndex(options);
  EXPECT_EQ(update.files_indexed, 3u);
  EXPECT_EQ(update.files_removed, 1u);
  Index(reference, {notes}, 1);
  Searcher kept(options.database);
  Searcher one(reference);
  EXPECT_EQ(kept.Search({"quokka"}).total, 3u);
  EXPECT_EQ(kept.Stats().documents, one.Stats().documents);
  ExpectSameAnswers(one, kept);
}

// `compact` that fails (a full disk; here a limit on file size) says so
// and leaves the shards as they were, with nothing of the merge behind.
TEST_F(ShardsTest, ACompactThatFailsLeavesTheShards) {
  testing::TempDir copy_dir;
  const fs::path copy = copy_dir.path() / "index";
  Index(copy, {testing::CorpusDir()}, 3);
  {
    const FileSizeLimit limit(1 << 20);
    try {
      CompactIndex(copy, false);
      ADD_FAILURE() << "compacted under a limit of 1 MiB a file";
    } catch (const IndexError& e) {
      EXPECT_THAT(e.what(), HasSubstr("compacting " + copy.string() + " failed"));
    }
  }
  EXPECT_EQ(index_store::CurrentGenerations(copy).size(), 3u);
  for (const auto& entry : fs::directory_iterator(copy)) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("gen-")) << "the failed merge's database is removed";
  }
  Searcher sharded(copy);
  Searcher single(Single());
  ExpectSameAnswers(single, sharded);
}

// Below the size that pays, a new index is written as it is kept.
TEST_F(ShardsTest, ANewIndexOfLittleTextHasOneWriter) {
  testing::TempDir dir;
  IndexOptions options;
  options.database = dir.path() / "index";
  options.roots = {testing::CorpusDir()};  // 0.7 MB, under the default
  EXPECT_EQ(UpdateIndex(options).merged_shards, 0u);
  EXPECT_EQ(index_store::CurrentGenerations(options.database).size(), 1u);
}

// The stock xapian-tcpsrv serving `database` on 127.0.0.1:`port`.
testing::ChildProcess ServeRemotely(const fs::path& database, int port) {
  return testing::ChildProcess("xapian-tcpsrv",
                               {"--interface", "127.0.0.1", "--port", std::to_string(port), database.string()});
}

// Whether a server answers on 127.0.0.1:`port` within 5 s (a busy machine).
bool Listening(int port) {
  for (int i = 0; i < 500; ++i) {
    try {
      Xapian::Remote::open("127.0.0.1", port);
      return true;
    } catch (const Xapian::NetworkError&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  return false;
}

// Serves one shard of `sharded` with xapian-tcpsrv and searches it with
// the others, local: the answers must be those of `single`, one index of
// the same files.
void ExpectARemoteShardJoinsTheLocalOnes(const fs::path& sharded, const fs::path& single_index) {
  const auto generations = index_store::CurrentGenerations(sharded);
  // Files go to shards by a hash of their path, which depends on where the
  // checkout lives; the remote shard is one whose local siblings still know
  // "kubernetes", so that the spelling check below has local data to use.
  std::size_t remote = 0;
  for (; remote < generations.size(); ++remote) {
    Xapian::Database others;
    for (std::size_t k = 0; k < generations.size(); ++k) {
      if (k != remote) others.add_database(Xapian::Database((sharded / ("shard-" + std::to_string(k))).string()));
    }
    if (others.term_exists("kubernetes")) break;
  }
  ASSERT_LT(remote, generations.size());
  std::vector<std::string> specs;
  const int port = testing::FreeLoopbackPort();
  for (std::size_t k = 0; k < generations.size(); ++k) {
    specs.push_back(k == remote ? "tcp://127.0.0.1:" + std::to_string(port)
                                : (sharded / ("shard-" + std::to_string(k))).string());
  }
  testing::ChildProcess tcpsrv = ServeRemotely(sharded / ("shard-" + std::to_string(remote)), port);
  ASSERT_TRUE(Listening(port)) << "xapian-tcpsrv (package xapian-tools; scripts/install-deps installs it) did not "
                                  "start: " << tcpsrv.Log();
  Searcher mixed(specs);
  Searcher single(single_index);
  ExpectSameAnswers(single, mixed);
  // Remote databases carry no spelling data: corrections come from the
  // local shards, and the answer says so.
  const SearchResponse typo = mixed.Search(RequestFor("kuberentes", false));
  EXPECT_EQ(typo.corrected, std::optional<std::string>("kubernetes"));
  EXPECT_THAT(typo.notices, Contains(HasSubstr("remote")));
  // Changes behind xapian-tcpsrv cannot be seen from here: no snapshot, so
  // the HTTP server does not cache answers that read a remote shard.
  EXPECT_EQ(mixed.Snapshot(), std::nullopt);
  EXPECT_NE(single.Snapshot(), std::nullopt);
  EXPECT_TRUE(tcpsrv.Stop());
}

TEST_F(ShardsTest, ThreeShardsOneOfThemRemoteAnswerLikeOneIndex) {
  ASSERT_EQ(index_store::CurrentGenerations(Sharded()).size(), 3u);
  ExpectARemoteShardJoinsTheLocalOnes(Sharded(), Single());
}

// Two shards, each holding one of the bundled files (named so that their
// paths hash apart), one of them remote.
TEST_F(ShardsTest, TwoShardsOneOfThemRemoteAnswerLikeOneIndex) {
  testing::TempDir dir;
  const fs::path notes = dir.path() / "notes";
  fs::create_directories(notes);
  std::size_t shard = 0;
  for (const char* name : {"eda-ai-data-science", "skill-sets"}) {
    fs::path file;
    for (int i = 0; file.empty() || index_store::ShardOf(file.string(), 2) != shard; ++i) {
      file = notes / (std::string(name) + "-" + std::to_string(i) + ".md");
    }
    fs::copy_file(testing::CorpusDir() / (std::string(name) + ".md"), file);
    ++shard;
  }
  Index(dir.path() / "sharded", {notes}, 2);
  Index(dir.path() / "single", {notes}, 1);
  for (const fs::path& generation : index_store::CurrentGenerations(dir.path() / "sharded")) {
    EXPECT_GT(Xapian::Database(generation.string()).get_doccount(), 0u) << generation;
  }
  ExpectARemoteShardJoinsTheLocalOnes(dir.path() / "sharded", dir.path() / "single");
}

// Regression: over remote shards the places of a page's texts were cut to
// 1,000 per text all together, in file order, so a text repeated more
// often took the others' places (here: all of them).
TEST_F(ShardsTest, ARemoteShardListsThePlacesOfEveryCollapsedHit) {
  std::string notes;
  for (std::size_t i = 0; i < 2 * kMaxLimit + 100; ++i) notes += "+ alpha beta\n";
  for (int i = 0; i < 3; ++i) notes += "+ alpha gamma gamma\n";
  testing::TempDir dir;
  dir.Write("a.md", notes);
  const fs::path db = dir.path() / "index";
  Index(db, {dir.path() / "a.md"}, 1);
  const auto generations = index_store::CurrentGenerations(db);
  ASSERT_EQ(generations.size(), 1u);
  const int port = testing::FreeLoopbackPort();
  testing::ChildProcess tcpsrv = ServeRemotely(generations[0], port);
  ASSERT_TRUE(Listening(port)) << tcpsrv.Log();
  Searcher remote(std::vector<std::string>{"tcp://127.0.0.1:" + std::to_string(port)});
  const SearchResponse response = remote.Search({"alpha", 0, 10});
  ASSERT_EQ(response.hits.size(), 2u);
  for (const Hit& hit : response.hits) {
    SCOPED_TRACE(hit.stored.block.text);
    EXPECT_EQ(hit.also.size(), hit.stored.block.text == "alpha beta" ? kMaxLimit : 2u);
  }
  EXPECT_TRUE(tcpsrv.Stop());
}

// Regression: a remote shard's stock match spies count values, not
// bullets, so a bullet linking two names of one page counted twice in the
// page facet there (here 4 where one index says 3).
TEST_F(ShardsTest, ARemoteShardCountsABulletLinkingTwoNamesOfAPageOnce) {
  testing::TempDir notes;
  notes.Write("pages/Project Apollo.md", "alias:: Apollo, PA\n\n- the moon by 1969\n");
  notes.Write("journal.md",
              "- [[Apollo]] and [[PA]] review\n"
              "- [[Project Apollo]] budget\n"
              "- [[Gemini]] and [[Gemini]] again\n"
              "- [[PA]] risks\n");
  testing::TempDir db_dir;
  const fs::path db = db_dir.path() / "index";
  Index(db, {notes.path()}, 1);
  const auto generations = index_store::CurrentGenerations(db);
  ASSERT_EQ(generations.size(), 1u);
  const int port = testing::FreeLoopbackPort();
  testing::ChildProcess tcpsrv = ServeRemotely(generations[0], port);
  ASSERT_TRUE(Listening(port)) << tcpsrv.Log();
  Searcher local(db);
  Searcher remote(std::vector<std::string>{"tcp://127.0.0.1:" + std::to_string(port)});
  using Counts = std::vector<std::pair<std::string, std::uint64_t>>;
  auto counts_of = [](const Facet& facet) {
    Counts counts;
    for (const FacetValue& value : facet.values) counts.emplace_back(value.value, value.count);
    return counts;
  };
  // Each request with how many of its matches link the page.
  const std::vector<std::pair<SearchRequest, std::uint64_t>> requests = {
      {{"review OR budget OR gemini", 0, 10, {"page"}, 10, {}}, 2},
      {{"review", 0, 10, {"page"}, 10, {}}, 1},
      {{"", 0, 10, {"page"}, 10, {{"page", "pa"}}}, 3}};
  for (const auto& [request, linking] : requests) {
    SCOPED_TRACE(request.query);
    const Counts expected = counts_of(local.Search(request).facets.at(0));
    EXPECT_THAT(expected, Contains(std::pair<std::string, std::uint64_t>("project apollo", linking)));
    EXPECT_EQ(counts_of(remote.Search(request).facets.at(0)), expected);
  }
  const Counts every_bullet = counts_of(local.FacetCounts({"page"}, 10).at(0));
  EXPECT_THAT(every_bullet, Contains(std::pair<std::string, std::uint64_t>("project apollo", 3)));
  EXPECT_EQ(counts_of(remote.FacetCounts({"page"}, 10).at(0)), every_bullet);
  EXPECT_TRUE(tcpsrv.Stop());
}

TEST_F(ShardsTest, AnUnreachableRemoteShardIsAClearError) {
  const int port = testing::FreeLoopbackPort();  // nothing listens there
  try {
    Searcher searcher(std::vector<std::string>{"tcp://127.0.0.1:" + std::to_string(port)});
    FAIL() << "opened a shard nobody serves";
  } catch (const IndexError& e) {
    EXPECT_THAT(e.what(), HasSubstr("tcp://127.0.0.1:" + std::to_string(port)));
  }
  EXPECT_THROW(Searcher(std::vector<std::string>{"tcp://127.0.0.1"}), UsageError);
}

}  // namespace
}  // namespace notesearch
