#include "indexer/file_walker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace notesearch {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;

std::vector<std::string> Relative(const std::vector<fs::path>& files, const fs::path& root) {
  std::vector<std::string> out;
  for (const fs::path& f : files) out.push_back(f.lexically_relative(root).string());
  return out;
}

TEST(FileWalkerTest, FindsNotesRecursivelyAndSorted) {
  testing::TempDir dir;
  dir.Write("b.md", "");
  dir.Write("a.markdown", "");
  dir.Write("sub/deeper/c.txt", "");
  dir.Write("sub/image.png", "");
  dir.Write("README.MD", "");
  std::vector<Diagnostic> diagnostics;
  EXPECT_THAT(Relative(FindNotesFiles({dir.path()}, &diagnostics), dir.path()),
              ElementsAre("README.MD", "a.markdown", "b.md", "sub/deeper/c.txt"));
  EXPECT_TRUE(diagnostics.empty());
}

TEST(FileWalkerTest, SkipsHiddenEntries) {
  testing::TempDir dir;
  dir.Write(".git/notes.md", "");
  dir.Write(".hidden.md", "");
  dir.Write("shown.md", "");
  std::vector<Diagnostic> diagnostics;
  EXPECT_THAT(Relative(FindNotesFiles({dir.path()}, &diagnostics), dir.path()), ElementsAre("shown.md"));
}

TEST(FileWalkerTest, ExplicitFilesAreTakenWhateverTheirExtension) {
  testing::TempDir dir;
  const fs::path file = dir.Write("notes.org", "");
  std::vector<Diagnostic> diagnostics;
  EXPECT_THAT(FindNotesFiles({file, file}, &diagnostics), ElementsAre(file));
}

TEST(FileWalkerTest, SymlinksAreNotFollowed) {
  testing::TempDir dir;
  testing::TempDir elsewhere;
  dir.Write("real/a.md", "");
  const fs::path secret = elsewhere.Write("secret.md", "");
  fs::create_directory_symlink(dir.path(), dir.path() / "real" / "loop");
  fs::create_symlink(secret, dir.path() / "link.md");
  std::vector<Diagnostic> diagnostics;
  EXPECT_THAT(Relative(FindNotesFiles({dir.path()}, &diagnostics), dir.path()), ElementsAre("real/a.md"));
  // Named explicitly, a linked file is indexed.
  EXPECT_THAT(FindNotesFiles({dir.path() / "link.md"}, &diagnostics), ElementsAre(dir.path() / "link.md"));
}

TEST(FileWalkerTest, MissingRootIsAnError) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_TRUE(FindNotesFiles({"/no/such/notes"}, &diagnostics).empty());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].severity, Diagnostic::Severity::kError);
}

TEST(FileWalkerTest, UnreadableDirectoryIsReportedAndSkipped) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every directory, so there is nothing to report";
  testing::TempDir dir;
  dir.Write("locked/a.md", "");
  dir.Write("open/b.md", "");
  fs::permissions(dir.path() / "locked", fs::perms::none);
  std::vector<Diagnostic> diagnostics;
  EXPECT_THAT(Relative(FindNotesFiles({dir.path()}, &diagnostics), dir.path()), ElementsAre("open/b.md"));
  EXPECT_EQ(diagnostics.size(), 1u);
  fs::permissions(dir.path() / "locked", fs::perms::owner_all);
}

}  // namespace
}  // namespace notesearch
