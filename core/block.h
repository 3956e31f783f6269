// A Block is one searchable unit of a notes file: a bullet (the main case), a
// paragraph line or a heading, with the context a reader sees around it.
// Blocks are what the outline parser produces, what the indexer stores as a
// Xapian document's data, and what a search hit prints.
// Thread-safety: plain values.
#ifndef NOTESEARCH_CORE_BLOCK_H_
#define NOTESEARCH_CORE_BLOCK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notesearch {

enum class BlockKind { kBullet, kParagraph, kHeading };

std::string_view BlockKindName(BlockKind kind);
std::optional<BlockKind> ParseBlockKind(std::string_view name);

// A line of context: a heading above the block, the paragraph introducing its
// list, or an ancestor bullet.
struct ContextLine {
  BlockKind kind;
  std::uint32_t line;
  std::string text;
};

// A markdown link: the text is part of the block's text, the URL is kept here.
struct Link {
  std::string text;
  std::string url;
};

// Canonical names of the tools, companies and places a block is about, the
// tags it carries (indexer/tags.h) and the pages it links to
// (indexer/page_links.h). Each list is a field's (Field::names).
struct EntityNames {
  std::vector<std::string> tools;
  std::vector<std::string> companies;
  std::vector<std::string> locations;
  std::vector<std::string> tags;   // normalised: lower case
  std::vector<std::string> pages;  // normalised: lower case

  bool empty() const;
  bool operator==(const EntityNames&) const = default;
};

struct Block {
  BlockKind kind = BlockKind::kBullet;
  std::uint32_t line = 0;         // 1-based line of the marker or heading
  // The last line of its text: a bullet's continuation lines, a paragraph's
  // later lines (the index finds the block by any of them). 0 or `line` for
  // a block of one line.
  std::uint32_t last_line = 0;
  std::uint32_t depth = 0;        // bullets: 1 for a top-level bullet; others 0
  std::uint32_t parent_line = 0;  // the parent bullet's line; 0 when none
  std::string text;               // markdown reduced to plain text
  std::vector<Link> links;
  std::vector<ContextLine> headings;   // outermost first, not including itself
  std::optional<ContextLine> intro;    // paragraph introducing the list
  std::vector<ContextLine> ancestors;  // outermost first
  EntityNames entities;                // named by its own text
  // Named by its ancestors, list intro, headings and posting, and not by itself.
  EntityNames inherited;

  // Headings, intro and ancestors in reading order: the breadcrumb.
  std::vector<ContextLine> Context() const;
};

// The record stored in a document's data: the block plus the file it is in.
struct StoredBlock {
  std::string file;  // absolute path
  Block block;
};

class ContextLexicon;

// The record in a document's data (core/record_codec.h). Headings and the
// intro are stored as ids into the ContextLexicon (core/context_lexicon.h),
// which the reader passes back to restore their text.
std::string EncodeStoredBlock(const StoredBlock& stored);
// Throws std::runtime_error on a malformed record.
StoredBlock DecodeStoredBlock(std::string_view data, const ContextLexicon& lexicon);
// The line of the block a record stores, without decoding the rest.
// Throws std::runtime_error on a malformed record.
std::uint32_t StoredBlockLine(std::string_view data);

}  // namespace notesearch

#endif  // NOTESEARCH_CORE_BLOCK_H_
