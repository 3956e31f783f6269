#include "cli/terminal.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace notesearch {
namespace {

using ::testing::HasSubstr;

// Counts are grouped by thousands however many digits they have (the
// grouping was rewritten to quiet a false GCC 12 warning, -Wrestrict).
TEST(FormatIndexReportTest, GroupsCountsByThousands) {
  IndexReport report;
  report.files_indexed = 7;
  report.files_found = 1000;
  report.bullets = 1234567;
  report.paragraphs = 999;
  report.headings = 12345;
  report.blocks_kept = 100000;
  report.blocks_moved = 9011;
  report.blocks_rewritten = 0;
  const std::string out = FormatIndexReport(report);
  EXPECT_THAT(out, HasSubstr("Indexed 7 of 1,000 files: 1,234,567 bullets, 999 paragraphs, 12,345 headings"));
  EXPECT_THAT(out, HasSubstr("Left 100,000 blocks of the changed files as they were, moved 9,011 to their new "
                             "lines; rewrote 0\n"));
}

TEST(FormatIndexReportTest, OneBlockIsSingular) {
  IndexReport report;
  report.files_found = 1;
  report.blocks_kept = 1;
  report.blocks_moved = 1;
  report.blocks_rewritten = 1;
  EXPECT_THAT(FormatIndexReport(report),
              HasSubstr("Left 1 block of the changed files as it was, moved 1 to its new line; rewrote 1\n"));
}

TEST(FormatIndexReportTest, SaysNothingOfMovedBlocksWhenNoneMoved) {
  IndexReport report;
  report.files_found = 1;
  report.blocks_kept = 3;
  report.blocks_rewritten = 1;
  const std::string out = FormatIndexReport(report);
  EXPECT_THAT(out, HasSubstr("Indexed 0 of 1 file: 0 bullets"));
  EXPECT_THAT(out, HasSubstr("Left 3 blocks of the changed files as they were; rewrote 1\n"));
}

}  // namespace
}  // namespace notesearch
