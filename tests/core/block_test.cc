#include "core/block.h"

#include <gtest/gtest.h>

#include "core/context_lexicon.h"

namespace notesearch {
namespace {

TEST(StoredBlockTest, RoundTripsThroughItsRecord) {
  StoredBlock stored;
  stored.file = "/notes/a.md";
  Block& b = stored.block;
  b.kind = BlockKind::kBullet;
  b.line = 116;
  b.last_line = 118;  // two continuation lines
  b.depth = 2;
  b.parent_line = 115;
  b.text = "Maven, C# and Ruby \u2122";
  b.links = {{"Maven", "https://maven.apache.org"}};
  b.headings = {{BlockKind::kHeading, 1, "Top"}, {BlockKind::kHeading, 89, "EDA"}};
  b.intro = ContextLine{BlockKind::kParagraph, 92, "Skills for EDA:"};
  b.ancestors = {{BlockKind::kBullet, 115, "Build system experience, like:"}};
  b.entities = {{"Maven", "C#"}, {}, {}, {"build"}};
  b.inherited = {{}, {}, {"Oslo"}, {"eda", "eda/tools"}};
  ContextLexicon lexicon;
  for (const ContextLine& line : b.Context()) {
    if (line.kind != BlockKind::kBullet) lexicon.Add({ContextId(line.kind, line.text), line.kind, line.text});
  }
  const StoredBlock back = DecodeStoredBlock(EncodeStoredBlock(stored), ContextLexicon::Decode(lexicon.Encode()));
  EXPECT_EQ(back.file, stored.file);
  EXPECT_EQ(back.block.text, b.text);
  EXPECT_EQ(back.block.parent_line, 115u);
  EXPECT_EQ(back.block.last_line, 118u);
  EXPECT_EQ(back.block.links.at(0).url, "https://maven.apache.org");
  EXPECT_EQ(back.block.entities, b.entities);
  EXPECT_EQ(back.block.inherited, b.inherited);
  ASSERT_EQ(back.block.Context().size(), 4u);
  EXPECT_EQ(back.block.Context()[1].text, "EDA");
  EXPECT_EQ(back.block.Context()[2].text, "Skills for EDA:");
  EXPECT_EQ(back.block.Context()[3].line, 115u);
  // A block of one line reads back as ending on its first line.
  b.last_line = 0;
  EXPECT_EQ(DecodeStoredBlock(EncodeStoredBlock(stored), lexicon).block.last_line, 116u);
  EXPECT_EQ(StoredBlockLine(EncodeStoredBlock(stored)), 116u);
}

TEST(StoredBlockTest, MalformedRecordsThrow) {
  const ContextLexicon lexicon;
  EXPECT_THROW(DecodeStoredBlock("", lexicon), std::runtime_error);
  EXPECT_THROW(DecodeStoredBlock("\x01\x7f", lexicon), std::runtime_error);
  EXPECT_THROW(DecodeStoredBlock("{\"json\": 1}", lexicon), std::runtime_error);
  EXPECT_THROW(StoredBlockLine("\x01\x7f"), std::runtime_error);
}

TEST(ContextLexiconTest, IdsDependOnKindAndText) {
  EXPECT_EQ(ContextId(BlockKind::kHeading, "A"), ContextId(BlockKind::kHeading, "A"));
  EXPECT_NE(ContextId(BlockKind::kHeading, "A"), ContextId(BlockKind::kParagraph, "A"));
  EXPECT_EQ(ContextId(BlockKind::kHeading, "A").size(), 12u);
  EXPECT_TRUE(ContextLexicon::Decode("garbage").entries().empty());
}

}  // namespace
}  // namespace notesearch
