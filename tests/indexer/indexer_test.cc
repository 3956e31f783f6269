#include "indexer/indexer.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "core/fields.h"
#include "core/index_store.h"
#include "searcher/searcher.h"
#include "tests/test_util.h"

namespace notesearch {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Rebuilds `index` from its notes, keeping the warnings the run reports.
struct Rebuilt {
  IndexReport report;
  std::vector<std::string> warnings;  // Diagnostic::ToString
  std::vector<Diagnostic> diagnostics;
};
Rebuilt RebuildKeepingWarnings(const testing::TestIndex& index) {
  IndexOptions options;
  options.database = index.db();
  options.roots = {index.notes()};
  options.rebuild = true;
  Rebuilt rebuilt;
  options.on_diagnostic = [&](const Diagnostic& d) {
    rebuilt.warnings.push_back(d.ToString());
    rebuilt.diagnostics.push_back(d);
  };
  rebuilt.report = UpdateIndex(options);
  return rebuilt;
}


// The variable is read by each Xapian writer as it opens; the test puts
// back what the environment had.
TEST(IndexerTest, FlushesXapiansPostingsAtTheBlockThresholdUnlessTheEnvironmentSetsOne) {
  constexpr const char* kVariable = "XAPIAN_FLUSH_THRESHOLD";
  const char* before = std::getenv(kVariable);
  const std::optional<std::string> saved = before ? std::optional<std::string>(before) : std::nullopt;

  ::unsetenv(kVariable);
  SetXapianFlushThreshold();
  ASSERT_NE(std::getenv(kVariable), nullptr);
  EXPECT_EQ(std::string(std::getenv(kVariable)), std::to_string(kBlockFlushThreshold));

  ::setenv(kVariable, "1234", 1);
  SetXapianFlushThreshold();
  EXPECT_EQ(std::string(std::getenv(kVariable)), "1234");

  if (saved) {
    ::setenv(kVariable, saved->c_str(), 1);
  } else {
    ::unsetenv(kVariable);
  }
}

TEST(IndexerTest, ReportsWhatItIndexedAndSkipped) {
  testing::TestIndex index({{"a.md", "# Head\nIntro line:\n+ one\n+ \n+ []()\n\t- two\n"}, {"b.txt", "+ three\n"}});
  const IndexReport report = index.Reindex(/*rebuild=*/true);
  EXPECT_EQ(report.files_found, 2u);
  EXPECT_EQ(report.files_indexed, 2u);
  EXPECT_EQ(report.bullets, 3u);
  EXPECT_EQ(report.paragraphs, 1u);
  EXPECT_EQ(report.headings, 1u);
  EXPECT_EQ(report.skipped_bullets.empty_bullets, 1u);
  EXPECT_EQ(report.skipped_bullets.wordless_bullets, 1u);
  EXPECT_TRUE(report.rebuilt);
}

TEST(IndexerTest, SecondRunSkipsUnchangedFiles) {
  testing::TestIndex index({{"a.md", "+ one\n"}, {"b.md", "+ two\n"}});
  const IndexReport report = index.Reindex();
  EXPECT_EQ(report.files_indexed, 0u);
  EXPECT_EQ(report.files_unchanged, 2u);
  EXPECT_THAT(index.Lines("one"), ElementsAre("a.md:1"));
}

TEST(IndexerTest, ChangedFilesAreReplacedAndDeletedFilesRemoved) {
  testing::TestIndex index({{"a.md", "+ alpha\n"}, {"b.md", "+ beta\n"}});
  std::this_thread::sleep_for(std::chrono::milliseconds(10));  // a distinct mtime
  index.Write("a.md", "+ gamma\n+ alpha again\n");
  fs::remove(index.notes() / "b.md");
  const IndexReport report = index.Reindex();
  EXPECT_EQ(report.files_indexed, 1u);
  EXPECT_EQ(report.files_removed, 1u);
  EXPECT_THAT(index.Lines("alpha"), ElementsAre("a.md:2"));
  EXPECT_THAT(index.Lines("gamma"), ElementsAre("a.md:1"));
  EXPECT_THAT(index.Lines("beta"), IsEmpty());
}

TEST(IndexerTest, RenamesAreRecognised) {
  testing::TestIndex index({{"old.md", "+ moving notes\n"}, {"stay.md", "+ staying\n"}});
  fs::rename(index.notes() / "old.md", index.notes() / "new.md");
  const IndexReport report = index.Reindex();
  ASSERT_EQ(report.renamed.size(), 1u);
  EXPECT_EQ(fs::path(report.renamed[0].first).filename(), "old.md");
  EXPECT_EQ(fs::path(report.renamed[0].second).filename(), "new.md");
  EXPECT_EQ(report.files_removed, 0u);
  EXPECT_EQ(report.files_indexed, 0u);
  EXPECT_THAT(index.Lines("moving"), ElementsAre("new.md:1"));
}

// Each block's document id, by line.
std::map<std::uint32_t, Xapian::docid> DocidsByLine(const fs::path& db) {
  const Xapian::Database index(db.string());
  std::map<std::uint32_t, Xapian::docid> docids;
  for (auto it = index.postlist_begin(""); it != index.postlist_end(""); ++it) {
    docids[ParseSortKey(index.get_document(*it).get_value(slots::kSortKey))->second] = *it;
  }
  return docids;
}

// What an index holds, whatever its document ids: every term with its
// frequencies, each block's values in line order, and the spelling data.
std::string Contents(const fs::path& db) {
  const Xapian::Database index(db.string());
  std::ostringstream out;
  out << index.get_doccount() << " documents\n";
  for (auto it = index.allterms_begin(); it != index.allterms_end(); ++it) {
    out << *it << " " << it.get_termfreq() << " " << index.get_collection_freq(*it) << "\n";
  }
  std::map<std::string, std::string> values;  // by sort key
  for (auto it = index.postlist_begin(""); it != index.postlist_end(""); ++it) {
    const Xapian::Document doc = index.get_document(*it);
    for (auto value = doc.values_begin(); value != doc.values_end(); ++value) {
      values[doc.get_value(slots::kSortKey)] += std::to_string(value.get_valueno()) + "=" + *value + "\n";
    }
  }
  for (const auto& [key, text] : values) out << key << "\n" << text;
  for (auto it = index.spellings_begin(); it != index.spellings_end(); ++it) {
    out << "spelling " << *it << " " << it.get_termfreq() << "\n";
  }
  return out.str();
}

// Rewrites `file` (with a modification time of its own) and re-indexes.
IndexReport Edit(testing::TestIndex& index, const std::string& file, const std::string& content) {
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  index.Write(file, content);
  return index.Reindex();
}

TEST(IndexerTest, AnEditedBulletRewritesItsBlocksAndLeavesTheOthers) {
  testing::TestIndex index({{"a.md", "+ alpha parent\n\t- beta child\n+ gamma\n+ delta\n"}});
  const auto before = DocidsByLine(index.db());
  const IndexReport report = Edit(index, "a.md", "+ alpha parent\n\t- beta child\n+ gamma ray\n+ delta\n");
  EXPECT_EQ(report.files_indexed, 1u);
  EXPECT_EQ(report.blocks_kept, 3u);
  EXPECT_EQ(DocidsByLine(index.db()), before) << "the edited block replaces its old document";
  EXPECT_THAT(index.Lines("ray"), ElementsAre("a.md:3"));
  // A bullet's words are its children's context: both change.
  EXPECT_EQ(Edit(index, "a.md", "+ alpha root\n\t- beta child\n+ gamma ray\n+ delta\n").blocks_kept, 2u);
  EXPECT_THAT(index.Lines("context:root"), ElementsAre("a.md:2"));
}

// Every term of a document with its wdf and positions.
std::map<std::string, std::pair<Xapian::termcount, std::vector<Xapian::termpos>>> TermsOf(const fs::path& db,
                                                                                         Xapian::docid doc) {
  const Xapian::Database index(db.string());
  std::map<std::string, std::pair<Xapian::termcount, std::vector<Xapian::termpos>>> terms;
  for (auto it = index.termlist_begin(doc); it != index.termlist_end(doc); ++it) {
    terms[*it] = {it.get_wdf(), {it.positionlist_begin(), it.positionlist_end()}};
  }
  return terms;
}

// A line inserted above blocks moves them: each replaced its neighbour's
// old document, so Xapian rewrote every term of the file (an insertion
// near the top of the bundled 0.7 MB file re-indexed in 0.85-0.96 s, a
// rebuild in 0.45 s). Each now takes its own old document's place. Then
// its line terms changed, so Xapian compared all its terms and positions
// (83,000 position reads for the bundled file); no term says where a
// block is now, so only its placement values change.
TEST(IndexerTest, ABulletInsertedAboveOthersMovesThemToTheirNewLines) {
  testing::TestIndex index({{"a.md", "+ alpha parent\n\t- beta child\n+ gamma\n+ delta\n"}});
  const auto before = DocidsByLine(index.db());
  const auto child_terms = TermsOf(index.db(), before.at(2));
  const IndexReport report = Edit(index, "a.md", "+ inserted\n+ alpha parent\n\t- beta child\n+ gamma\n+ delta\n");
  EXPECT_EQ(report.blocks_kept, 0u);
  EXPECT_EQ(report.blocks_moved, 4u);
  EXPECT_EQ(report.blocks_rewritten, 1u) << "the inserted bullet";
  const auto after = DocidsByLine(index.db());
  for (const auto& [line, docid] : before) {
    EXPECT_EQ(after.at(line + 1), docid) << "the block of line " << line << " keeps its document";
  }
  EXPECT_EQ(TermsOf(index.db(), after.at(3)), child_terms) << "a block that only moved keeps its terms";
  EXPECT_THAT(index.Lines("beta"), ElementsAre("a.md:3"));
  EXPECT_THAT(index.Lines("context:alpha"), ElementsAre("a.md:3"));
  Searcher searcher(index.db());
  const std::optional<BlockView> parent = searcher.Show((index.notes() / "a.md").string(), 2);
  ASSERT_TRUE(parent.has_value());
  ASSERT_EQ(parent->children.size(), 1u);
  EXPECT_EQ(parent->children[0].block.line, 3u);
  // Only the case of its text changed: same terms, a new record.
  const IndexReport recased = Edit(index, "a.md", "+ inserted\n+ alpha parent\n\t- beta child\n+ Gamma\n+ delta\n");
  EXPECT_EQ(recased.blocks_kept, 4u);
  EXPECT_EQ(recased.blocks_moved, 0u);
  EXPECT_EQ(recased.blocks_rewritten, 1u);
  const SearchResponse gamma = index.Search("gamma");
  ASSERT_EQ(gamma.hits.size(), 1u);
  EXPECT_EQ(gamma.hits[0].stored.block.text, "Gamma");
}

// Blocks below an inserted or deleted line move; words come and go from
// the spelling data. The index must end up as a rebuild would make it.
TEST(IndexerTest, AFileRewrittenInPlaceHoldsWhatARebuildWould) {
  testing::TestIndex index(
      {{"a.md", "# Tools\n+ alpha words\n\t- beta words\n+ gamma gamma\n+ delta\n\t- epsilon\n+ zeta\n+ zeta\n"},
       {"b.md", "+ other file\n"}});
  const std::vector<std::string> versions = {
      // a bullet inserted, one deleted (a child moves to another parent), one fewer block
      "# Tools\n+ inserted words\n+ alpha words\n\t- beta words\n+ gamma\n\t- epsilon\n+ zeta\n",
      // blocks added below, and a word added where it was before
      "# Tools\n+ inserted words\n+ alpha words\n\t- beta words\n+ gamma gamma\n\t- epsilon\n+ zeta\n"
      "+ eta theta\n\t- iota\n",
  };
  for (const std::string& version : versions) {
    const IndexReport report = Edit(index, "a.md", version);
    EXPECT_EQ(report.files_indexed, 1u);
    EXPECT_GT(report.blocks_kept, 0u);
    const std::string updated = Contents(index.db());
    index.Reindex(/*rebuild=*/true);
    EXPECT_EQ(updated, Contents(index.db())) << version;
  }
}

// A new file's documents go to the writer in batches while the rest are
// built, its spelling words before them; a changed file's all at once,
// matched with its old ones. Both must hold every block, in line order, and
// every spelling word once, as the other way would.
TEST(IndexerTest, ANewFileStreamedInBatchesHoldsWhatAChangedFileWould) {
  std::string outline = "# Many\n";
  for (int i = 0; i < 1000; ++i) {  // several batches and a partial one; context across their edges
    outline += i % 10 == 0 ? "+ parent" + std::to_string(i) + " topic\n" : "\t- child" + std::to_string(i) + " words\n";
  }
  testing::TestIndex index({{"small.md", "+ first file\n"}, {"a.md", "+ placeholder\n"}});
  std::this_thread::sleep_for(std::chrono::milliseconds(10));  // a distinct mtime
  index.Write("a.md", outline);
  IndexOptions options;
  options.database = index.db();
  IndexProgress last{};
  options.on_progress = [&](const IndexProgress& progress) { last = progress; };
  EXPECT_EQ(UpdateIndex(options).files_indexed, 1u);
  EXPECT_EQ(last.blocks, 1001u) << "a changed file's blocks are counted";
  const std::string changed = Contents(index.db());

  options.rebuild = true;
  EXPECT_EQ(UpdateIndex(options).files_indexed, 2u);
  EXPECT_EQ(last.blocks, 1002u) << "streamed blocks are counted";
  EXPECT_EQ(Contents(index.db()), changed);
  const auto docids = DocidsByLine(index.db());
  ASSERT_EQ(docids.size(), 1001u);  // line 1 of both files is one key
  Xapian::docid previous = 0;
  for (const auto& [line, docid] : docids) {
    if (line == 1) continue;
    EXPECT_GT(docid, previous) << "line " << line << ": batches are added in order";
    previous = docid;
  }
  EXPECT_THAT(index.Lines("context:parent990"), ElementsAre("a.md:993", "a.md:994", "a.md:995", "a.md:996",
                                                             "a.md:997", "a.md:998", "a.md:999", "a.md:1000",
                                                             "a.md:1001"));
}

TEST(IndexerTest, TouchedButUnchangedFileIsNotReindexed) {
  testing::TestIndex index({{"a.md", "+ alpha\n"}});
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  index.Write("a.md", "+ alpha\n");
  const IndexReport report = index.Reindex();
  EXPECT_EQ(report.files_indexed, 0u);
  EXPECT_EQ(report.files_unchanged, 1u);
}

TEST(IndexerTest, BinaryFilesAreSkippedWithAWarning) {
  testing::TestIndex index({{"ok.md", "+ fine\n"}, {"blob.md", std::string("\x89PNG\0\0\0", 7)}});
  const auto [report, warnings, diagnostics] = RebuildKeepingWarnings(index);
  EXPECT_EQ(report.files_skipped, 1u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0], HasSubstr("blob.md: warning: binary file skipped"));
  EXPECT_THAT(index.Lines("fine"), ElementsAre("ok.md:1"));
}

// Regression: Xapian refuses terms over 245 bytes, and a file name of 250
// bytes (Linux allows 255) made such a value term: the whole run stopped
// with "Term too long".
TEST(IndexerTest, AFileNameLongerThanXapiansTermLimitIsIndexed) {
  const std::string long_name(250, 'n');
  testing::TestIndex index({{long_name + ".md", "+ in a long file name\n"}, {"z-ordinary.md", "+ ordinary bullet\n"}});
  EXPECT_THAT(index.Lines("file:" + long_name), ElementsAre(long_name + ".md:1"));
  EXPECT_THAT(index.Lines("ordinary"), ElementsAre("z-ordinary.md:1"));
  Searcher searcher(index.db());
  SearchRequest request{"", 0, 10, {"file"}, 10, {{"file", long_name}}};
  const SearchResponse in_file = searcher.Search(request);
  EXPECT_EQ(in_file.total, 1u);
  ASSERT_EQ(in_file.facets.size(), 1u);
  ASSERT_EQ(in_file.facets[0].values.size(), 1u);
  EXPECT_EQ(in_file.facets[0].values[0].value, long_name + ".md");
}

// Issue 6's hostile files, all in one run: each is indexed as far as it makes
// sense, and the run goes on to the ordinary file after them.
TEST(IndexerTest, HostileFilesAreIndexedAsFarAsTheyMakeSense) {
  std::string deep;
  for (int depth = 0; depth < 1000; ++depth) deep += std::string(depth, '\t') + "+ level" + std::to_string(depth) + "\n";
  std::string nul_inside(9000, 'x');  // NUL bytes after the first 8 KiB: text, not binary
  nul_inside = "+ before " + nul_inside + "\n+ with a " + std::string(1, '\0') + " byte\n+ after nul\n";
  testing::TestIndex index({{"long-line.md", "+ start " + std::string(10 * 1024 * 1024, 'a') + " needle\n"},
                            {"deep.md", deep},
                            {"empty.md", ""},
                            {"nul.md", nul_inside},
                            {"crlf-bom.md", "\xEF\xBB\xBF+ windows line\r\n\t- child line\r\n"},
                            {"z-ordinary.md", "+ ordinary bullet\n"}});
  const auto [report, warnings, diagnostics] = RebuildKeepingWarnings(index);
  EXPECT_EQ(report.files_indexed, 6u);
  EXPECT_THAT(index.Lines("needle"), ElementsAre("long-line.md:1"));
  EXPECT_THAT(index.Lines("level999"), ElementsAre("deep.md:1000"));
  EXPECT_THAT(index.Lines("after nul"), ElementsAre("nul.md:3"));
  EXPECT_THAT(warnings, Contains(HasSubstr("nul.md:2")));
  EXPECT_THAT(index.Lines("child"), ElementsAre("crlf-bom.md:2"));
  EXPECT_THAT(index.Lines("ordinary"), ElementsAre("z-ordinary.md:1"));
}

TEST(IndexerTest, InvalidUtf8IsIndexedWithAWarningNamingTheLine) {
  testing::TestIndex index({{"bad.md", "+ ok\n+ caf\xe9 latte\n"}});
  const std::vector<Diagnostic> warnings = RebuildKeepingWarnings(index).diagnostics;
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].line, 2u);
  EXPECT_THAT(index.Lines("latte"), ElementsAre("bad.md:2"));
}

TEST(IndexerTest, FrontMatterYamlCannotReadIsIndexedAsTextWithAWarningNamingTheLine) {
  testing::TestIndex index({{"fm.md", "---\ntags: [broken, list\n---\n+ body bullet\n"},
                            {"ok.md", "---\ntitle: Fine\ntags: [ops]\n---\n+ fine bullet\n"}});
  const std::vector<Diagnostic> warnings = RebuildKeepingWarnings(index).diagnostics;
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0].file, ::testing::EndsWith("fm.md"));
  EXPECT_GE(warnings[0].line, 2u);
  EXPECT_THAT(warnings[0].message, HasSubstr("front matter is not YAML"));
  EXPECT_THAT(index.Lines("broken"), ElementsAre("fm.md:2"));  // nothing lost
  // The good one's keys are metadata; its title is the heading above its bullets.
  EXPECT_THAT(index.Lines("title"), IsEmpty());
  EXPECT_THAT(index.Lines("tag:ops"), ::testing::UnorderedElementsAre("ok.md:2", "ok.md:5"));
}

// Regression: front matter keys other than tags and title were dropped, so
// `author: Ursula Le Guin` could not be found.
TEST(IndexerTest, FrontMatterPropertiesAreSearchedAsTheFilesPropertiesBlock) {
  testing::TestIndex index({{"book.md", "---\ntitle: Notes\nauthor: Ursula Le Guin\n---\n+ dragons\n"}});
  EXPECT_THAT(index.Lines("\"le guin\""), ElementsAre("book.md:3"));
  EXPECT_THAT(index.Lines("kind:paragraph"), ElementsAre("book.md:3"));
  EXPECT_THAT(index.Lines("dragons"), ElementsAre("book.md:5"));  // not its context
  EXPECT_THAT(index.Lines("section:notes author"), ElementsAre("book.md:3"));
}

TEST(IndexerTest, AMissingRootLeavesTheIndexUntouched) {
  testing::TestIndex index({{"a.md", "+ keep me\n"}});
  IndexOptions options;
  options.database = index.db();
  options.roots = {index.notes() / "typo"};
  EXPECT_THROW(UpdateIndex(options), UsageError);
  EXPECT_THAT(index.Lines("keep"), ElementsAre("a.md:1"));
}

TEST(IndexerTest, RemembersItsRoots) {
  testing::TestIndex index({{"a.md", "+ one\n"}});
  index.Write("new.md", "+ fresh\n");
  IndexOptions options;
  options.database = index.db();  // no roots: those of the last run
  const IndexReport report = UpdateIndex(options);
  EXPECT_EQ(report.files_indexed, 1u);
  EXPECT_THAT(index.Lines("fresh"), ElementsAre("new.md:1"));
}

TEST(IndexerTest, ChangedAnalysisSettingsForceARebuild) {
  testing::TestIndex index({{"a.md", "+ running\n"}});
  IndexOptions options;
  options.database = index.db();
  options.analysis.language = "none";
  const IndexReport report = UpdateIndex(options);
  EXPECT_TRUE(report.rebuilt);
  EXPECT_THAT(report.rebuild_reason, HasSubstr("analysis settings changed"));
  EXPECT_EQ(report.files_indexed, 1u);
  EXPECT_THAT(index.Lines("run"), IsEmpty());  // no stemming any more
  EXPECT_THAT(index.Lines("running"), ElementsAre("a.md:1"));
}

// The searcher's columns file (searcher/doc_columns.h) that cannot be
// written (here a directory stands in its way) is a warning, not a failed
// run: the change is committed, searches and facets read the values from
// the index, and the next run that can writes the file again.
TEST(IndexerTest, AColumnsFileThatCannotBeWrittenIsAWarning) {
  testing::TestIndex index({{"a.md", "+ Kubernetes clusters\n"}});
  const fs::path columns = index_store::ColumnsFile(index_store::CurrentGenerations(index.db()).front());
  ASSERT_TRUE(fs::is_regular_file(columns));
  fs::remove(columns);
  fs::create_directories(columns / "in-the-way");
  index.Write("b.md", "+ Terraform modules\n");
  IndexOptions options;
  options.database = index.db();
  std::vector<std::string> warnings;
  options.on_diagnostic = [&](const Diagnostic& d) { warnings.push_back(d.ToString()); };
  const IndexReport report = UpdateIndex(options);
  EXPECT_EQ(report.files_indexed, 1u);
  EXPECT_THAT(warnings, Contains(AllOf(HasSubstr(columns.string()), HasSubstr("searches will be slower"))));
  EXPECT_THAT(index.Lines("terraform"), ElementsAre("b.md:1"));
  Searcher searcher(index.db());
  EXPECT_FALSE(searcher.holds_values_in_memory());
  const SearchResponse faceted = searcher.Search({"terraform OR kubernetes", 0, 10, {"tool"}, 10, {}});
  ASSERT_EQ(faceted.facets.size(), 1u);
  EXPECT_EQ(faceted.facets.front().values.size(), 2u);  // Kubernetes and Terraform, one each

  fs::remove_all(columns);
  index.Write("b.md", "+ Terraform modules, again\n");
  UpdateIndex(options);
  EXPECT_TRUE(fs::is_regular_file(columns));
}

TEST(IndexerTest, ASecondWriterIsToldWhoHoldsTheLock) {
  testing::TestIndex index({{"a.md", "+ one\n"}});
  WriteLock held = WriteLock::Acquire(index.db(), /*wait=*/false);
  IndexOptions options;
  options.database = index.db();
  try {
    UpdateIndex(options);
    FAIL() << "expected IndexError";
  } catch (const IndexError& e) {
    EXPECT_THAT(e.what(), HasSubstr("is being updated by process " + std::to_string(::getpid())));
  }
}

TEST(IndexerTest, RebuildSwapsGenerationsAndRemovesTheOldOne) {
  testing::TestIndex index({{"a.md", "+ one\n"}});
  const fs::path before = index_store::CurrentGenerations(index.db()).at(0);
  index.Reindex(/*rebuild=*/true);
  const fs::path after = index_store::CurrentGenerations(index.db()).at(0);
  EXPECT_NE(before, after);
  EXPECT_FALSE(fs::exists(before));
  EXPECT_THAT(index.Lines("one"), ElementsAre("a.md:1"));
}

TEST(IndexerTest, ADamagedIndexGivesTheCommandToRebuild) {
  testing::TestIndex index({{"a.md", "+ one\n"}});
  const fs::path generation = index_store::CurrentGenerations(index.db()).at(0);
  for (const auto& entry : fs::directory_iterator(generation)) {
    if (entry.path().extension() == ".glass") std::ofstream(entry.path(), std::ios::trunc) << "garbage";
  }
  try {
    Searcher searcher(index.db());
    searcher.Search({"one", 0, 10});
    FAIL() << "expected IndexError";
  } catch (const IndexError& e) {
    EXPECT_THAT(e.what(), HasSubstr("notesearch index --rebuild"));
  }
}

TEST(IndexerTest, AForeignDirectoryIsNotAnIndex) {
  testing::TempDir dir;
  dir.Write("something.txt", "hello");
  EXPECT_THROW(Searcher searcher(dir.path()), IndexError);
}

}  // namespace
}  // namespace notesearch
