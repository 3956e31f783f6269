#include "indexer/source_file.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace notesearch {
namespace {

TEST(SourceFileTest, StripsAUtf8Bom) {
  const SourceFile file = DecodeSourceBytes("\xEF\xBB\xBF+ bullet\n", "a.md");
  EXPECT_EQ(file.status, SourceFile::Status::kText);
  EXPECT_EQ(file.text, "+ bullet\n");
  EXPECT_TRUE(file.warnings.empty());
}

TEST(SourceFileTest, ReplacesInvalidUtf8AndNamesTheLine) {
  const SourceFile file = DecodeSourceBytes("+ ok\n+ bad \xff\xfe byte\n+ cut \xc3", "notes.md");
  EXPECT_EQ(file.text, "+ ok\n+ bad \uFFFD\uFFFD byte\n+ cut \uFFFD");
  ASSERT_EQ(file.warnings.size(), 2u);
  EXPECT_EQ(file.warnings[0].ToString(), "notes.md:2: warning: invalid UTF-8 (or NUL) replaced by U+FFFD");
  EXPECT_EQ(file.warnings[1].line, 3u);
}

TEST(SourceFileTest, RejectsOverlongAndSurrogateEncodings) {
  const SourceFile file = DecodeSourceBytes("a\xC0\xAF b\xED\xA0\x80 c", "x.md");
  EXPECT_EQ(file.text.find('\xC0'), std::string::npos);
  EXPECT_EQ(file.text.find('\xED'), std::string::npos);
  EXPECT_EQ(file.warnings.size(), 1u);
}

TEST(SourceFileTest, NulBytesEarlyMeanBinary) {
  const SourceFile file = DecodeSourceBytes(std::string("PK\x03\x04\0\0binary", 12), "a.zip.md");
  EXPECT_EQ(file.status, SourceFile::Status::kBinary);
}

TEST(SourceFileTest, NulBytesLateAreReplaced) {
  std::string bytes(9000, 'a');
  bytes += std::string("\0", 1);
  const SourceFile file = DecodeSourceBytes(bytes, "late.md");
  EXPECT_EQ(file.status, SourceFile::Status::kText);
  EXPECT_EQ(file.warnings.size(), 1u);
}

TEST(SourceFileTest, DecodesUtf16WithABom) {
  const std::string utf16le("\xFF\xFE+\0 \0\xE9\0\n\0", 10);
  const SourceFile file = DecodeSourceBytes(utf16le, "u16.md");
  EXPECT_EQ(file.status, SourceFile::Status::kText);
  EXPECT_EQ(file.text, "+ \u00e9\n");
}

TEST(SourceFileTest, EmptyFile) {
  testing::TempDir dir;
  const SourceFile file = ReadSourceFile(dir.Write("empty.md", ""));
  EXPECT_EQ(file.status, SourceFile::Status::kText);
  EXPECT_EQ(file.text, "");
}

TEST(SourceFileTest, MissingAndUnreadableFiles) {
  testing::TempDir dir;
  const SourceFile missing = ReadSourceFile(dir.path() / "nope.md");
  EXPECT_EQ(missing.status, SourceFile::Status::kUnreadable);
  EXPECT_FALSE(missing.error.empty());
  const SourceFile directory = ReadSourceFile(dir.path());
  EXPECT_EQ(directory.status, SourceFile::Status::kUnreadable);
}

TEST(SourceFileTest, ContentHashChangesWithContent) {
  EXPECT_EQ(DecodeSourceBytes("+ a", "x").content_hash, DecodeSourceBytes("+ a", "y").content_hash);
  EXPECT_NE(DecodeSourceBytes("+ a", "x").content_hash, DecodeSourceBytes("+ b", "x").content_hash);
}

}  // namespace
}  // namespace notesearch
