#include "searcher/indexed_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/fields.h"
#include "tests/test_util.h"

namespace notesearch {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const IndexedFiles& Files() {
  static const IndexedFiles files({
      "/home/me/notes/work/todo.md",
      "/home/me/notes/work/2024/march.md",
      "/home/me/notes/personal/work-life.md",
      "/home/me/notes/Projects/engine/ideas.md",
      "/srv/archive/notes/work/old.md",
      "/home/me/work.md",
  });
  return files;
}

TEST(IndexedFilesTest, ANameMatchesADirectoryOfThatNameAnywhereInThePath) {
  EXPECT_THAT(Files().Under("work"),
              ElementsAre("/home/me/notes/work/2024/march.md", "/home/me/notes/work/todo.md", "/srv/archive/notes/work/old.md"));
  // Not the file work.md, nor the directory work-life's file.
  EXPECT_THAT(Files().Under("engine"), ElementsAre("/home/me/notes/Projects/engine/ideas.md"));
  EXPECT_THAT(Files().Under("2024"), ElementsAre("/home/me/notes/work/2024/march.md"));
}

TEST(IndexedFilesTest, SeveralNamesMatchConsecutiveDirectories) {
  EXPECT_THAT(Files().Under("notes/work"),
              ElementsAre("/home/me/notes/work/2024/march.md", "/home/me/notes/work/todo.md", "/srv/archive/notes/work/old.md"));
  EXPECT_THAT(Files().Under("archive/notes/work"), ElementsAre("/srv/archive/notes/work/old.md"));
  EXPECT_THAT(Files().Under("archive/work"), IsEmpty());  // not consecutive
  EXPECT_THAT(Files().Under("work/notes"), IsEmpty());    // not in this order
}

TEST(IndexedFilesTest, AnAbsolutePathMatchesFromTheRoot) {
  EXPECT_THAT(Files().Under("/home/me/notes/work"),
              ElementsAre("/home/me/notes/work/2024/march.md", "/home/me/notes/work/todo.md"));
  EXPECT_THAT(Files().Under("/notes"), IsEmpty());  // notes/ is not at the root
  EXPECT_EQ(Files().Under("/").size(), 6u);
}

TEST(IndexedFilesTest, TildeIsHomeAndDotIsTheWorkingDirectory) {
  const char* saved = std::getenv("HOME");
  const std::string home = saved != nullptr ? saved : "";
  ::setenv("HOME", "/srv/archive", 1);
  EXPECT_THAT(Files().Under("~/notes"), ElementsAre("/srv/archive/notes/work/old.md"));
  if (saved != nullptr) {
    ::setenv("HOME", home.c_str(), 1);
  } else {
    ::unsetenv("HOME");
  }

  const std::filesystem::path cwd = std::filesystem::current_path();
  const IndexedFiles here({(cwd / "work/a.md").string(), (cwd / "other/work/b.md").string()});
  EXPECT_THAT(here.Under("./work"), ElementsAre((cwd / "work/a.md").string()));
  EXPECT_THAT(here.Under("work"), ElementsAre((cwd / "other/work/b.md").string(), (cwd / "work/a.md").string()));
  EXPECT_EQ(here.Under(".").size(), 2u);
  EXPECT_THAT(here.Under("../" + cwd.filename().string() + "/other"),
              ElementsAre((cwd / "other/work/b.md").string()));
}

TEST(IndexedFilesTest, NamesCompareCaseFoldedAndSlashesAreLenient) {
  EXPECT_THAT(Files().Under("projects"), ElementsAre("/home/me/notes/Projects/engine/ideas.md"));
  EXPECT_THAT(Files().Under("WORK/2024/"), ElementsAre("/home/me/notes/work/2024/march.md"));
  EXPECT_THAT(Files().Under("notes//personal"), ElementsAre("/home/me/notes/personal/work-life.md"));
}

TEST(IndexedFilesTest, APrefixMatchesTheStartOfTheLastName) {
  EXPECT_THAT(Files().Under("per", /*prefix=*/true), ElementsAre("/home/me/notes/personal/work-life.md"));
  EXPECT_THAT(Files().Under("notes/pro", /*prefix=*/true), ElementsAre("/home/me/notes/Projects/engine/ideas.md"));
  EXPECT_THAT(Files().Under("per", /*prefix=*/false), IsEmpty());
  EXPECT_THAT(Files().Under("no/pro", /*prefix=*/true), IsEmpty());  // only the last name is a prefix
}

TEST(IndexedFilesTest, TheQueryIsTheFilesPathTermsOrEmpty) {
  EXPECT_TRUE(Files().QueryUnder("nowhere").empty());
  const Xapian::Query query = Files().QueryUnder("engine");
  ASSERT_FALSE(query.empty());
  std::vector<std::string> terms(query.get_terms_begin(), query.get_terms_end());
  EXPECT_THAT(terms, ElementsAre(PathTerm("/home/me/notes/Projects/engine/ideas.md")));
}

}  // namespace
}  // namespace notesearch
