// End-to-end tests of the notesearch binary: the commands a user types, over
// a small fixture corpus with every input quirk and over the bundled corpus.

#include <array>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <httplib.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <xapian.h>

#include "core/index_store.h"
#include "tests/test_util.h"

namespace notesearch {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using testing::Quote;
using Result = testing::CommandResult;

// Runs the notesearch binary with `args` (and `env` assignments before it) in `cwd`.
Result RunCli(const std::vector<std::string>& args, const std::string& env = "", const fs::path& cwd = fs::current_path()) {
  return testing::RunCommand(NOTESEARCH_BINARY, args, env, cwd);
}

class FixtureCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new testing::TempDir();
    index_result_ = new Result(RunCli({"index", "--db", Db(), (fs::path(NOTESEARCH_SOURCE_DIR) / "tests/fixtures/notes").string()}));
  }
  static void TearDownTestSuite() {
    delete index_result_;
    delete db_;
  }
  static std::string Db() { return (db_->path() / "index").string(); }
  Result Search(std::vector<std::string> args) {
    args.insert(args.begin(), {"search", "--db", Db()});
    return RunCli(args);
  }
  static testing::TempDir* db_;
  static Result* index_result_;
};
testing::TempDir* FixtureCliTest::db_ = nullptr;
Result* FixtureCliTest::index_result_ = nullptr;

TEST_F(FixtureCliTest, IndexSummarisesAndWarnsWithFileAndLine) {
  EXPECT_EQ(index_result_->exit_code, 0) << index_result_->err;
  EXPECT_THAT(index_result_->out, HasSubstr("Indexed 4 of 5 files"));
  EXPECT_THAT(index_result_->out, HasSubstr("Skipped 2 placeholder bullets: 1 empty, 1 without words"));
  EXPECT_THAT(index_result_->err, HasSubstr("sub/latin1.txt:1: warning: invalid UTF-8"));
  EXPECT_THAT(index_result_->err, HasSubstr("sub/image.md: warning: binary file skipped"));
}

TEST_F(FixtureCliTest, FindsTechnicalTokensWithFileLineAndBreadcrumb) {
  const Result r = Search({"C#", "--color", "never"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("1 result\n"));
  EXPECT_THAT(r.out, ContainsRegex("projects.md:5: ICU word breaks for C\\+\\+ and C# tokens\n"));
  EXPECT_THAT(r.out, HasSubstr("    Projects › Search engine › Ideas for the search engine:\n"));
}

TEST_F(FixtureCliTest, CrlfBomAndLatin1FilesAreSearchable) {
  EXPECT_THAT(Search({"powershell"}).out, HasSubstr("crlf-bom.md:3: PowerShell scripts"));
  EXPECT_THAT(Search({"lait"}).out, HasSubstr("latin1.txt:1: caf\uFFFD au lait"));
  EXPECT_THAT(Search({"機械学習"}).out, HasSubstr("japanese.md:1"));
}

TEST_F(FixtureCliTest, JsonIsTheApiContract) {
  const Result r = Search({"--json", "node.js testing"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["query"], "node.js testing");
  EXPECT_GE(json["total"].get<int>(), 2);
  EXPECT_EQ(json["offset"], 0);
  EXPECT_EQ(json["limit"], 10);
  const nlohmann::json& hit = json["hits"][0];
  EXPECT_TRUE(fs::path(hit["file"].get<std::string>()).is_absolute());
  EXPECT_TRUE(fs::exists(hit["file"].get<std::string>()));
  EXPECT_GT(hit["line"].get<int>(), 0);
  EXPECT_TRUE(hit["score"].is_number());
  EXPECT_TRUE(hit["highlights"].is_array());
  ASSERT_TRUE(hit["context"].is_array());
  EXPECT_EQ(hit["context"][0]["kind"], "heading");
}

TEST_F(FixtureCliTest, ColourOnlyWhenAsked) {
  EXPECT_THAT(Search({"tomatoes"}).out, Not(HasSubstr("\x1b[")));
  EXPECT_THAT(Search({"tomatoes", "--color", "always"}).out, HasSubstr("\x1b[1;31mtomatoes\x1b[0m"));
}

TEST_F(FixtureCliTest, NothingFoundExitsOne) {
  const Result r = Search({"zanzibar"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "0 results\n");
}

// The summary said "2 results (showing 0-50)" for an offset past the last
// hit and "(showing 0-0)" for --limit 0.
TEST_F(FixtureCliTest, TheSummarySaysWhichHitsAreShown) {
  EXPECT_THAT(Search({"search", "-n", "1"}).out, StartsWith("2 results (showing 1-1)\n"));
  EXPECT_THAT(Search({"search", "-n", "1", "--offset", "1"}).out, StartsWith("2 results (showing 2-2)\n"));
  EXPECT_EQ(Search({"search", "--offset", "50"}).out, "2 results (none from 51 on)\n");
  EXPECT_EQ(Search({"search", "-n", "0"}).out, "2 results\n");
}

TEST_F(FixtureCliTest, BadQueriesGiveAnAnswerOrAClearError) {
  const Result unbalanced = Search({"\"search engine"});
  EXPECT_EQ(unbalanced.exit_code, 0);
  EXPECT_THAT(unbalanced.err, HasSubstr("note: unbalanced quote at column 1"));
  const Result lone_dash = Search({"tomatoes - sun"});
  EXPECT_EQ(lone_dash.exit_code, 0);
  EXPECT_THAT(lone_dash.err, HasSubstr("ignored a lone '-'"));
  const Result parens = Search({"(tomatoes OR water"});
  EXPECT_EQ(parens.exit_code, 0);
  const Result huge = Search({std::string(10 * 1024, 'x')});
  EXPECT_EQ(huge.exit_code, 2);
  EXPECT_THAT(huge.err, HasSubstr("error: the query is 10240 bytes long; the limit is 4096"));
  const Result control = Search({"tomatoes\x01\x1b"});
  EXPECT_EQ(control.exit_code, 0);
  const Result empty = Search({""});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_THAT(empty.err, HasSubstr("nothing to search for"));
  const Result none = Search({});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("a query is required (or --filter to browse by facet)"));
  const Result limit = Search({"tomatoes", "--limit", "5000"});
  EXPECT_EQ(limit.exit_code, 2);
  EXPECT_THAT(limit.err, HasSubstr("limit 5000 is over the maximum of 1000"));
  const Result flag = Search({"--no-such-flag", "x"});
  EXPECT_EQ(flag.exit_code, 2);
  // Regression: a negative count wrapped into 18 quintillion ("none from
  // 18446744073709551614 on").
  for (const char* option : {"--offset", "--limit", "--facet-limit"}) {
    const Result negative = Search({"tomatoes", option, "-3"});
    EXPECT_EQ(negative.exit_code, 2) << option;
    EXPECT_THAT(negative.err, HasSubstr("a whole number (0, 1, 2, ...) is wanted, not -3")) << option;
  }
}

// `notesearch search -water tomatoes` stopped with CLI11's "argument was not
// expected" and no way forward: the exclusion was read as an option.
TEST_F(FixtureCliTest, AQueryStartingWithADashIsShownTheDoubleDash) {
  const Result dash = Search({"-water", "tomatoes"});
  EXPECT_EQ(dash.exit_code, 2);
  EXPECT_THAT(dash.err, HasSubstr("a query that starts with '-' goes after --"));
  const Result after = Search({"--", "-water tomatoes"});
  EXPECT_EQ(after.exit_code, 0) << after.err;
  EXPECT_THAT(after.out, HasSubstr("tomatoes need sun"));
  EXPECT_THAT(after.out, Not(HasSubstr("water them")));
}

TEST_F(FixtureCliTest, SecondIndexRunSkipsUnchangedFiles) {
  const Result r = RunCli({"index", "--db", Db()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Indexed 0 of 5 files"));
  EXPECT_THAT(r.out, HasSubstr("4 unchanged"));
}

TEST_F(FixtureCliTest, StatsReportsCounts) {
  const Result r = RunCli({"stats", "--db", Db(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["files"], 4);
  EXPECT_EQ(json["bullets"], 12);
  EXPECT_EQ(json["skipped"]["empty_bullets"], 1);
  EXPECT_EQ(json["skipped"]["wordless_bullets"], 1);
  EXPECT_GT(json["terms"].get<int>(), 20);
  EXPECT_GT(json["disk_bytes"].get<int>(), 0);
  EXPECT_THAT(RunCli({"stats", "--db", Db()}).out, HasSubstr("bullets:      12\n"));
}

TEST_F(FixtureCliTest, MissingIndexIsAClearError) {
  const Result r = RunCli({"stats", "--db", "/nonexistent/index"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no index at /nonexistent/index; build one with: notesearch index"));
}

// Regression: after an upgrade that changed the index format, the first
// search failed with "not an index of this version" although it builds an
// index when there is none; it now re-indexes the notes the index was built
// from, saying so, and answers.
// An index in German, marked as an older notesearch wrote it.
void MakeIndexOfAnOlderVersion(const std::string& db) {
  const std::string notes = (fs::path(NOTESEARCH_SOURCE_DIR) / "tests/fixtures/notes").string();
  ASSERT_EQ(RunCli({"index", "--db", db, "--language", "german", notes}).exit_code, 0);
  Xapian::WritableDatabase old(index_store::CurrentGenerations(db).front().string(), Xapian::DB_OPEN);
  // It was re-indexed in English, whatever language it had been built in
  // (regression: the language is kept).
  old.set_metadata(metadata_keys::kAnalysis, R"({"format": 1, "language": "german"})");
  old.commit();
}

TEST(CliTest, AnIndexOfAnotherVersionIsReindexedByTheFirstSearch) {
  const testing::TempDir dir;
  const std::string db = (dir.path() / "index").string();
  MakeIndexOfAnOlderVersion(db);
  const Result first = RunCli({"search", "--db", db, "C#"});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.err,
              HasSubstr("was built by another version of notesearch; re-indexing its notes (language: german) first"));
  EXPECT_THAT(first.out, HasSubstr("projects.md:5:"));
  EXPECT_EQ(nlohmann::json::parse(RunCli({"stats", "--db", db, "--json"}).out)["language"], "german");
  const Result second = RunCli({"search", "--db", db, "C#"});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.err, Not(HasSubstr("another version")));
}

// After an upgrade, `facets` and `show` stopped with "not an index of this
// version" where `search` re-indexed and answered.
TEST(CliTest, FacetsAndShowReindexAnIndexOfAnotherVersionToo) {
  const std::string bullet = (fs::path(NOTESEARCH_SOURCE_DIR) / "tests/fixtures/notes/projects.md:5").string();
  for (const std::vector<std::string>& command : std::vector<std::vector<std::string>>{{"facets", "tool"}, {"show", bullet}}) {
    const testing::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    MakeIndexOfAnOlderVersion(db);
    std::vector<std::string> args = command;
    args.insert(args.end(), {"--db", db});
    const Result r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << command[0] << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr("re-indexing its notes (language: german) first")) << command[0];
    EXPECT_THAT(r.out, HasSubstr("C#")) << command[0];
  }
}

// `search --db PATH` with a PATH that did not exist indexed the bundled
// corpus there: a mistyped path got a new index and answers from notes the
// user never asked about. Only the default location is built on first use.
TEST(CliTest, SearchWithAMistypedDbSaysThereIsNoIndexThere) {
  const testing::TempDir dir;
  const std::string db = (dir.path() / "mistyped").string();
  // An address no server can bind: were the index built, serve would still stop.
  for (const char* command : {"search", "serve"}) {
    const Result r = RunCli({command, "--db", db, command == std::string("search") ? "C#" : "--host=256.0.0.1"});
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_THAT(r.err, HasSubstr("no index at " + db)) << command;
    EXPECT_THAT(r.err, Not(HasSubstr("bundled corpus"))) << command;
    EXPECT_FALSE(fs::exists(db)) << command;
  }
}

TEST(CliTest, HelpAndVersion) {
  for (const char* command : {"index", "search", "stats"}) {
    const Result r = RunCli({command, "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_THAT(r.out, HasSubstr("Example")) << command;
  }
  const Result version = RunCli({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_THAT(version.out, AllOf(HasSubstr("notesearch"), HasSubstr("Xapian 1.4"), HasSubstr("ICU")));
  EXPECT_EQ(RunCli({}).exit_code, 2);
}

// Every command loaded the HTTP library (Debian's cpp-httplib, with OpenSSL
// and brotli) and initialised OpenSSL, and libgeonames with GLib: about
// 7 ms of each one-shot search. Only notesearch-serve links the HTTP
// library (`notesearch serve` runs it); libgeonames' cities are exported
// when notesearch is built, so not even an index run loads it.
TEST(CliTest, OnlyTheServerLoadsTheHttpLibraryAndNoCommandLoadsGeonames) {
  const Result search = RunCli({"search", "--help"}, "LD_DEBUG=libs");
  EXPECT_EQ(search.exit_code, 0);
  EXPECT_THAT(search.err, HasSubstr("libxapian"));  // the loader's trace is there
  for (const char* library : {"httplib", "libssl", "libgeonames", "libglib"}) {
    EXPECT_THAT(search.err, Not(HasSubstr(library))) << library;
  }
  const Result serve = RunCli({"serve", "--help"}, "LD_DEBUG=libs");
  EXPECT_EQ(serve.exit_code, 0);
  EXPECT_THAT(serve.out, AllOf(HasSubstr("notesearch serve"), HasSubstr("--cache-mb"), HasSubstr("Endpoints")));
  EXPECT_THAT(serve.err, HasSubstr("httplib"));
  const testing::TempDir dir;
  dir.Write("notes/trip.md", "- Team offsite in Chitungwiza next spring\n");
  const std::string db = (dir.path() / "index").string();
  const Result index = RunCli({"index", "-q", "--db", db, (dir.path() / "notes").string()}, "LD_DEBUG=libs");
  EXPECT_EQ(index.exit_code, 0);
  EXPECT_THAT(index.err, HasSubstr("libxapian"));
  for (const char* library : {"libgeonames", "libglib"}) {
    EXPECT_THAT(index.err, Not(HasSubstr(library))) << library;
  }
  // A GeoNames city, and the province it is in, were found all the same.
  EXPECT_THAT(RunCli({"search", "--db", db, "location:Harare"}).out, HasSubstr("trip.md:1:"));
}

// A user's gazetteer adds names, its bad rows are reported by file and
// line and skipped, and editing it rebuilds the index (README "Entities").
// The gazetteers load on a thread of their own while files are analysed.
TEST(CliTest, AUsersGazetteerAddsToolsReportsBadRowsAndRebuildsWhenEdited) {
  const testing::TempDir dir;
  dir.Write("notes/ops.md", "- Deployed with Quokkaflow and Kubernetes\n- Monitored with Zebrascope\n");
  const fs::path tools = dir.Write("gazetteers/tools.tsv", "Quokkaflow\tworkflow\nbroken-row\n");
  const std::string db = (dir.path() / "index").string();
  const std::vector<std::string> index = {"index", "--db", db, "--gazetteers", (dir.path() / "gazetteers").string(),
                                          (dir.path() / "notes").string()};
  const Result first = RunCli(index);
  EXPECT_EQ(first.exit_code, 0);
  EXPECT_THAT(first.err, HasSubstr(tools.string() + ":2: warning: expected at least 2 tab-separated columns"));
  EXPECT_THAT(RunCli({"search", "--db", db, "tool:quokkaflow"}).out, HasSubstr("ops.md:1:"));
  EXPECT_THAT(RunCli({"search", "--db", db, "tool:kubernetes"}).out, HasSubstr("ops.md:1:"));  // built-in
  EXPECT_THAT(RunCli({"search", "--db", db, "tool:zebrascope"}).out, HasSubstr("0 results"));

  std::ofstream(tools, std::ios::app) << "Zebrascope\tobservability\n";
  const Result second = RunCli(index);
  EXPECT_EQ(second.exit_code, 0);
  EXPECT_THAT(second.out, HasSubstr("Rebuilt the index"));
  EXPECT_THAT(RunCli({"search", "--db", db, "tool:zebrascope"}).out, HasSubstr("ops.md:2:"));
}

// The server and the indexer allocate with mimalloc, one-shot commands with
// glibc's malloc (cli/CMakeLists.txt says why).
TEST(CliTest, OnlyTheServerAndTheIndexerAllocateWithMimalloc) {
#ifndef NOTESEARCH_SERVER_MIMALLOC
  GTEST_SKIP() << "sanitizer builds keep the sanitizers' allocator in every program";
#endif
  for (const char* command : {"serve", "index"}) {
    const Result r = RunCli({command, "--help"}, "MIMALLOC_VERBOSE=1");
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_THAT(r.err, HasSubstr("mimalloc: process init")) << command;
  }
  const Result search = RunCli({"search", "--help"}, "MIMALLOC_VERBOSE=1");
  EXPECT_EQ(search.exit_code, 0);
  EXPECT_THAT(search.err, Not(HasSubstr("mimalloc")));
}

// `notesearch index` stores Xapian's term lists uncompressed
// (core/xapian_compression.cc): the words of a bullet whose term list zlib
// would shrink are in the term list table as written.
TEST(CliTest, TheIndexerStoresTermListsUncompressed) {
  const testing::TempDir dir;
  dir.Write("notes/a.md",
            "- alphawithalongcommontail bravowithalongcommontail charliewithalongcommontail "
            "deltawithalongcommontail echowithalongcommontail foxtrotwithalongcommontail\n");
  const fs::path db = dir.path() / "index";
  ASSERT_EQ(RunCli({"index", "-q", "--db", db.string(), (dir.path() / "notes").string()}).exit_code, 0);
  std::string term_lists;
  for (const auto& entry : fs::recursive_directory_iterator(db)) {
    if (entry.path().filename() != "termlist.glass") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    term_lists.append(std::istreambuf_iterator<char>(in), {});
  }
  EXPECT_THAT(term_lists, HasSubstr("foxtrotwithalongcommontail"));
}

// Without notesearch-serve or notesearch-index next to it, `serve` or
// `index` says what is missing.
TEST(CliTest, ADelegatedCommandWithoutItsBinaryNamesIt) {
  const testing::TempDir dir;
  const fs::path alone = dir.path() / "notesearch";
  fs::copy_file(NOTESEARCH_BINARY, alone);
  const Result serve = testing::RunCommand(alone.string(), {"serve", "--port", "0"});
  EXPECT_EQ(serve.exit_code, 2);
  EXPECT_THAT(serve.err, HasSubstr("cannot run " + (dir.path() / "notesearch-serve").string()));
  const Result index = testing::RunCommand(alone.string(), {"index", "--db", (dir.path() / "index").string()});
  EXPECT_EQ(index.exit_code, 2);
  EXPECT_THAT(index.err, HasSubstr("cannot run " + (dir.path() / "notesearch-index").string()));
  EXPECT_FALSE(fs::exists(dir.path() / "index"));
}

// Counted from the file independently of the parser: marker lines with a
// letter or digit after the marker.
int CountBulletsWithWords(const fs::path& file) {
  std::ifstream in(file);
  const std::regex bullet(R"(^[ \t]*[-+*][ \t]+.*[A-Za-z0-9].*)");
  int count = 0;
  for (std::string line; std::getline(in, line);) count += std::regex_match(line, bullet) ? 1 : 0;
  return count;
}

class BundledCorpusCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = new testing::TempDir();
    // No index yet: the first search builds one from the bundled corpus.
    first_ = new Result(RunCli({"search", "C#", "--limit", "20"}, Env()));
  }
  static void TearDownTestSuite() {
    delete first_;
    delete home_;
  }
  static std::string Env() { return "XDG_DATA_HOME=" + Quote(home_->path().string()) + " NOTESEARCH_DB="; }
  static testing::TempDir* home_;
  static Result* first_;
};
testing::TempDir* BundledCorpusCliTest::home_ = nullptr;
Result* BundledCorpusCliTest::first_ = nullptr;

TEST_F(BundledCorpusCliTest, FirstSearchIndexesTheBundledCorpusSayingSo) {
  EXPECT_EQ(first_->exit_code, 0) << first_->err;
  EXPECT_THAT(first_->err, HasSubstr("indexing the bundled corpus"));
  EXPECT_TRUE(fs::exists(home_->path() / "notesearch" / "index"));
}

TEST_F(BundledCorpusCliTest, EscapedCSharpIsFoundAtLine116) {
  // corpus/eda-ai-data-science.md:116 writes it "C\#".
  EXPECT_THAT(first_->out, HasSubstr("eda-ai-data-science.md:116: Maven (for JVM software, and other languages, such as C# and Ruby)"));
}

TEST_F(BundledCorpusCliTest, ContextQueryFindsTheYoctoBulletUnderBmc) {
  const Result r = RunCli({"search", "BMC yocto", "--json"}, Env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json json = nlohmann::json::parse(r.out);
  EXPECT_THAT(json["hits"][0]["file"].get<std::string>(), HasSubstr("corpus/skill-sets.md"));
  EXPECT_EQ(json["hits"][0]["line"], 141);
}

TEST_F(BundledCorpusCliTest, ACorrectionIsShownAndCanBeTurnedOff) {
  const Result corrected = RunCli({"search", "kuberentes"}, Env());
  EXPECT_EQ(corrected.exit_code, 0) << corrected.err;
  EXPECT_THAT(corrected.err, HasSubstr("showing results for 'kubernetes'; add --no-correct"));
  EXPECT_THAT(corrected.out, HasSubstr("Kubernetes"));
  const Result as_typed = RunCli({"search", "kuberentes", "--no-correct"}, Env());
  EXPECT_EQ(as_typed.exit_code, 1) << as_typed.err;
  EXPECT_THAT(as_typed.err, Not(HasSubstr("showing results for")));
}

TEST_F(BundledCorpusCliTest, StatsMatchAnIndependentCount) {
  const Result r = RunCli({"stats", "--json"}, Env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json json = nlohmann::json::parse(r.out);
  const fs::path corpus = fs::path(NOTESEARCH_SOURCE_DIR) / "corpus";
  EXPECT_EQ(json["bullets"].get<int>(),
            CountBulletsWithWords(corpus / "eda-ai-data-science.md") + CountBulletsWithWords(corpus / "skill-sets.md"));
  EXPECT_EQ(json["skipped"]["empty_bullets"].get<int>() + json["skipped"]["wordless_bullets"].get<int>(), 6);
}

TEST_F(BundledCorpusCliTest, PathsArePrintedRelativeToTheWorkingDirectory) {
  const Result r = RunCli({"search", "yocto", "--limit", "1"}, Env(), NOTESEARCH_SOURCE_DIR);
  EXPECT_THAT(r.out, HasSubstr("\ncorpus/skill-sets.md:141: "));
}

TEST_F(BundledCorpusCliTest, FiltersWithoutAQueryBrowse) {
  const Result r = RunCli({"search", "--filter", "company=Apple", "--json"}, Env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json json = nlohmann::json::parse(r.out);
  EXPECT_GT(json["total"].get<int>(), 10);
  EXPECT_EQ(json["filters"]["company"][0], "Apple");
  // --explain has no words to parse (it failed with "nothing to search for").
  const Result explained = RunCli({"search", "--filter", "company=Apple", "--explain"}, Env());
  EXPECT_EQ(explained.exit_code, 0) << explained.err;
  EXPECT_THAT(explained.err, HasSubstr("browsing by the filters"));
}

TEST_F(BundledCorpusCliTest, FacetsAndFiltersInJson) {
  const Result r = RunCli({"search", "company:Apple python", "--json", "--facets", "tool,location", "--facet-limit", "3",
                           "--filter", "country=United States"},
                          Env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["filters"]["country"][0], "United States");
  ASSERT_TRUE(json["facets"]["tool"].is_array());
  EXPECT_LE(json["facets"]["tool"].size(), 3u);
  EXPECT_EQ(json["facets"]["tool"][0]["value"], "Python");
  EXPECT_EQ(json["facets"]["tool"][0]["count"], json["total"]);
  for (const auto& hit : json["hits"]) {
    const auto& companies = hit["companies"];
    const auto& inherited = hit["inherited"]["companies"];
    const bool apple = std::find(companies.begin(), companies.end(), "Apple") != companies.end() ||
                       std::find(inherited.begin(), inherited.end(), "Apple") != inherited.end();
    EXPECT_TRUE(apple) << hit["line"];
  }
}

TEST_F(BundledCorpusCliTest, ShowPrintsABulletWithItsEntities) {
  const Result r = RunCli({"show", "corpus/eda-ai-data-science.md:4596", "--json"}, Env(), NOTESEARCH_SOURCE_DIR);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["text"], "Solid programming skills with Python.");
  EXPECT_EQ(json["tools"][0], "Python");
  EXPECT_EQ(json["inherited"]["companies"][0], "Apple");
  EXPECT_TRUE(json["children"].is_array());
  const Result missing = RunCli({"show", "corpus/eda-ai-data-science.md:2"}, Env(), NOTESEARCH_SOURCE_DIR);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(RunCli({"show", "no-line-number"}, Env()).exit_code, 2);
}

TEST_F(BundledCorpusCliTest, FacetsCommandListsCommonValues) {
  const Result r = RunCli({"facets", "tool", "company", "--limit", "5"}, Env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ContainsRegex("^tool: [A-Za-z+#]+ \\([0-9,]+\\), "));
  EXPECT_THAT(r.out, HasSubstr("\ncompany: "));
  EXPECT_EQ(RunCli({"facets", "colour"}, Env()).exit_code, 2);
}

// A notes directory with a.md, indexed.
struct IndexedNote {
  explicit IndexedNote(const std::string& content) {
    notes.Write("a.md", content);
    indexed = RunCli({"index", "-q", "--db", index, notes.path().string()}).exit_code == 0;
  }
  testing::TempDir notes;
  testing::TempDir db;
  const std::string index = (db.path() / "index").string();
  bool indexed = false;
};

TEST(IndexCliTest, SaysHowManyBlocksOfAChangedFileItLeftAsTheyWere) {
  IndexedNote note("+ one\n+ two\n+ three\n");
  ASSERT_TRUE(note.indexed);
  note.notes.Write("a.md", "+ one\n+ two, edited\n+ three\n");
  note.notes.Write("b.md", "+ a new file\n+ is not rewritten\n");
  const Result r = RunCli({"index", "--db", note.index});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Left 2 blocks of the changed files as they were; rewrote 1\n"));
  note.notes.Write("a.md", "+ zero\n+ one\n+ two, edited\n+ three\n");
  const Result inserted = RunCli({"index", "--db", note.index});
  EXPECT_EQ(inserted.exit_code, 0) << inserted.err;
  EXPECT_THAT(inserted.out,
              HasSubstr("Left 0 blocks of the changed files as they were, moved 3 to their new lines; rewrote 1\n"));
}

// Regression: CLI11 read an argument in brackets as a list, splitting it at
// its commas and dropping the brackets: `index "[old]"` said /…/old does not
// exist, and `search "[[Page]]"` searched the words, not the page link.
TEST(CliTest, ArgumentsInBracketsAreKeptAsTyped) {
  testing::TempDir notes;
  testing::TempDir db;
  const std::string index = (db.path() / "index").string();
  notes.Write("[old]/a.md", "- standup with [[Project Apollo]]\n- the apollo budget\n- [a,b] pairs\n");
  const Result indexed = RunCli({"index", "-q", "--db", index, (notes.path() / "[old]").string()});
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  const Result page = RunCli({"search", "--db", index, "[[Project Apollo]]"});
  EXPECT_EQ(page.exit_code, 0) << page.err;
  EXPECT_THAT(page.out, HasSubstr("1 result\n"));
  EXPECT_THAT(page.out, HasSubstr("a.md:1: standup with [[Project Apollo]]"));
  const Result pair = RunCli({"search", "--db", index, "--explain", "[a,b]", "pairs"});
  EXPECT_EQ(pair.exit_code, 0) << pair.err;
  EXPECT_THAT(pair.err, HasSubstr("(word \"[a,b]\") (word \"pairs\")"));
  // Repeatable options before the query take one value each, as before.
  const Result options_first =
      RunCli({"search", "--db", index, "--filter", "page=Project Apollo", "standup", "--facets", "page", "with",
              "--weight", "page=2", "[[Project Apollo]]", "--limit", "5"});
  EXPECT_EQ(options_first.exit_code, 0) << options_first.err;
  EXPECT_THAT(options_first.out, HasSubstr("1 result\n"));
  EXPECT_THAT(options_first.out, HasSubstr("page: project apollo (1)"));
  const Result facets = RunCli({"facets", "--db", index, "[page]"});
  EXPECT_EQ(facets.exit_code, 2);
  EXPECT_THAT(facets.err, HasSubstr("[page]"));
}

// `serve --watch`: an edit is searchable without running `index`.
TEST(ServeCliTest, WatchReindexesAnEditedFile) {
  IndexedNote note("+ before the edit\n");
  ASSERT_TRUE(note.indexed);
  const testing::TempDir& notes = note.notes;
  const std::string& index = note.index;
  testing::ChildProcess server(NOTESEARCH_BINARY, {"serve", "--watch", "--quiet", "--port", "0", "--db", index});
  // The port is in the log once the server listens.
  const std::string port = server.WaitForLog("127\\.0\\.0\\.1:([0-9]+)");
  ASSERT_FALSE(port.empty()) << server.Log();
  httplib::Client client("127.0.0.1", std::stoi(port));
  ASSERT_TRUE(client.Get("/healthz"));
  notes.Write("a.md", "+ after the edit\n");
  int total = 0;
  for (int i = 0; i < 500 && total == 0; ++i) {  // up to 5 s on a busy machine
    const auto res = client.Get("/api/search?q=after");
    if (res && res->status == 200) total = nlohmann::json::parse(res->body)["total"].get<int>();
    if (total == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(total, 1);
  EXPECT_NE(server.WaitForLog("re-indexed 1 changed"), "") << server.Log();
  EXPECT_TRUE(server.Stop());
  EXPECT_NE(server.WaitForLog("stopping"), "") << server.Log();
}

}  // namespace
}  // namespace notesearch
