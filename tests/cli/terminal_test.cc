#include "cli/terminal.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace notesearch {
namespace {

using ::testing::HasSubstr;

// A report of one changed file of `found` whose blocks were kept, moved
// and rewritten as given.
IndexReport ChangedFileReport(std::size_t found, std::uint64_t kept, std::uint64_t moved, std::uint64_t rewritten) {
  IndexReport report;
  report.files_found = found;
  report.blocks_kept = kept;
  report.blocks_moved = moved;
  report.blocks_rewritten = rewritten;
  return report;
}

// Sets the counts of the first line of the summary.
void SetIndexed(IndexReport& report, std::size_t files, std::uint64_t bullets, std::uint64_t paragraphs,
                std::uint64_t headings) {
  report.files_indexed = files;
  report.bullets = bullets;
  report.paragraphs = paragraphs;
  report.headings = headings;
}

// Counts are grouped by thousands however many digits they have (the
// grouping was rewritten to quiet a false GCC 12 warning, -Wrestrict).
TEST(FormatIndexReportTest, GroupsCountsByThousands) {
  IndexReport report = ChangedFileReport(1000, 100000, 9011, 0);
  SetIndexed(report, 7, 1234567, 999, 12345);
  const std::string out = FormatIndexReport(report);
  EXPECT_THAT(out, HasSubstr("Indexed 7 of 1,000 files: 1,234,567 bullets, 999 paragraphs, 12,345 headings"));
  EXPECT_THAT(out, HasSubstr("Left 100,000 blocks of the changed files as they were, moved 9,011 to their new "
                             "lines; rewrote 0\n"));
}

TEST(FormatIndexReportTest, OneBlockIsSingular) {
  EXPECT_THAT(FormatIndexReport(ChangedFileReport(1, 1, 1, 1)),
              HasSubstr("Left 1 block of the changed files as it was, moved 1 to its new line; rewrote 1\n"));
}

TEST(FormatIndexReportTest, OneOfEachCountIsSingular) {
  IndexReport report = ChangedFileReport(1, 0, 0, 0);
  SetIndexed(report, 1, 1, 1, 1);
  report.skipped_bullets.empty_bullets = 1;
  const std::string out = FormatIndexReport(report);
  EXPECT_THAT(out, HasSubstr("Indexed 1 of 1 file: 1 bullet, 1 paragraph, 1 heading in "));
  EXPECT_THAT(out, HasSubstr("Skipped 1 placeholder bullet: 1 empty, 0 without words\n"));
}

TEST(FormatIndexReportTest, SaysNothingOfMovedBlocksWhenNoneMoved) {
  const std::string out = FormatIndexReport(ChangedFileReport(1, 3, 0, 1));
  EXPECT_THAT(out, HasSubstr("Indexed 0 of 1 file: 0 bullets"));
  EXPECT_THAT(out, HasSubstr("Left 3 blocks of the changed files as they were; rewrote 1\n"));
}

}  // namespace
}  // namespace notesearch
