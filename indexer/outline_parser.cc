#include "indexer/outline_parser.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include <unicode/uchar.h>

#include "core/text.h"
#include "core/utf8.h"
#include "indexer/front_matter.h"
#include "indexer/markdown_inline.h"
#include "indexer/properties.h"

namespace notesearch {

SkippedCounts& SkippedCounts::operator+=(const SkippedCounts& other) {
  empty_bullets += other.empty_bullets;
  wordless_bullets += other.wordless_bullets;
  return *this;
}

namespace {

constexpr std::uint32_t kTabWidth = 4;
constexpr int kNone = -1;

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// Columns of leading whitespace (tabs advance to the next multiple of 4, so
// " \t" and "\t" indent alike) and where the content starts.
std::uint32_t Indent(std::string_view line, std::size_t* content_start) {
  std::uint32_t column = 0;
  std::size_t i = 0;
  for (; i < line.size() && (line[i] == ' ' || line[i] == '\t'); ++i) {
    column = line[i] == '\t' ? (column / kTabWidth + 1) * kTabWidth : column + 1;
  }
  *content_start = i;
  return column;
}

struct Heading {
  int level;
  std::string_view text;
};

std::optional<Heading> MatchHeading(std::string_view rest, std::uint32_t indent) {
  if (indent > 3 || rest.empty() || rest[0] != '#') return std::nullopt;
  std::size_t level = rest.find_first_not_of('#');
  if (level == std::string_view::npos) level = rest.size();
  if (level > 6) return std::nullopt;
  if (level < rest.size() && rest[level] != ' ' && rest[level] != '\t') return std::nullopt;
  std::string_view text = rest.substr(level);
  // A closing sequence of hashes ("## Title ##") is not part of the title.
  std::size_t end = text.find_last_not_of(" \t");
  text = end == std::string_view::npos ? std::string_view() : text.substr(0, end + 1);
  std::size_t hashes = text.find_last_not_of('#');
  if (hashes != std::string_view::npos && hashes + 1 < text.size() &&
      (text[hashes] == ' ' || text[hashes] == '\t')) {
    text = text.substr(0, hashes);
  }
  return Heading{static_cast<int>(level), text};
}

// "---", "***", "* * *": a horizontal rule, not a bullet.
bool IsThematicBreak(std::string_view rest) {
  if (rest.empty() || (rest[0] != '-' && rest[0] != '*' && rest[0] != '_')) return false;
  std::size_t marks = 0;
  for (char c : rest) {
    if (c == rest[0]) {
      ++marks;
    } else if (c != ' ' && c != '\t') {
      return false;
    }
  }
  return marks >= 3;
}

// Offset of the bullet's text after its marker, or nullopt if `rest` does not
// start with a list marker followed by a space, a tab or the end of the line.
std::optional<std::size_t> MatchListMarker(std::string_view rest) {
  std::size_t marker_end = 0;
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '+' || rest[0] == '*')) {
    marker_end = 1;
  } else {
    std::size_t digits = 0;
    while (digits < rest.size() && digits < 9 && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits == 0 || digits >= rest.size() || (rest[digits] != '.' && rest[digits] != ')')) {
      return std::nullopt;
    }
    marker_end = digits + 1;
  }
  if (marker_end < rest.size() && rest[marker_end] != ' ' && rest[marker_end] != '\t') {
    return std::nullopt;
  }
  return std::min(marker_end + 1, rest.size());
}

bool IsFence(std::string_view rest) { return rest.starts_with("```") || rest.starts_with("~~~"); }

// What a blockquote line (`> text`, `>> text`, `> > text`) says, without
// its markers and a list marker; nullopt for any other line.
std::optional<std::string> QuotedText(std::string_view rest) {
  if (!rest.starts_with('>')) return std::nullopt;
  while (rest.starts_with('>')) {
    rest.remove_prefix(1);
    rest.remove_prefix(std::min(rest.find_first_not_of(" \t"), rest.size()));
  }
  if (const auto text_start = MatchListMarker(rest)) rest = rest.substr(*text_start);
  // Obsidian's callout `[!warning]- Title` reads as "Warning: Title".
  if (rest.starts_with("[!")) {
    const std::size_t close = rest.find(']');
    if (close != std::string_view::npos && close > 2) {
      std::string type(rest.substr(2, close - 2));
      type[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(type[0])));
      std::string_view title = rest.substr(close + 1);
      if (title.starts_with('-') || title.starts_with('+')) title.remove_prefix(1);
      title = Trim(title);
      return title.empty() ? type : type + ": " + std::string(title);
    }
  }
  return std::string(rest);
}

// The cells of a table row `| a | b |` (GFM: a pipe in a cell is escaped,
// `\|`, also in code), trimmed; nullopt for a line that is not one.
std::optional<std::vector<std::string_view>> TableCells(std::string_view rest) {
  if (!rest.starts_with('|')) return std::nullopt;
  std::vector<std::string_view> cells;
  std::size_t start = 1;
  for (std::size_t i = 1; i <= rest.size(); ++i) {
    if (i < rest.size() && (rest[i] != '|' || rest[i - 1] == '\\')) continue;
    cells.push_back(Trim(rest.substr(start, i - start)));
    start = i + 1;
  }
  if (!cells.empty() && cells.back().empty()) cells.pop_back();  // the closing pipe's
  return cells;
}

// `|---|:--:|`: the row under a table's header.
bool IsDelimiterRow(const std::vector<std::string_view>& cells) {
  return !cells.empty() && std::all_of(cells.begin(), cells.end(), [](std::string_view cell) {
    if (cell.starts_with(':')) cell.remove_prefix(1);
    if (cell.ends_with(':')) cell.remove_suffix(1);
    return !cell.empty() && cell.find_first_not_of('-') == std::string_view::npos;
  });
}

// A row's text: its cells joined with " | ", each escaped pipe a pipe
// again (before inline syntax is read, as GFM does, so also in code).
std::string JoinedCells(const std::vector<std::string_view>& cells) {
  std::string text;
  for (const std::string_view cell : cells) {
    if (cell.empty()) continue;
    if (!text.empty()) text += " | ";
    for (std::size_t i = 0; i < cell.size(); ++i) {
      if (!(cell[i] == '\\' && i + 1 < cell.size() && cell[i + 1] == '|')) text += cell[i];
    }
  }
  return text;
}

bool HasWordCharacter(std::string_view text) {
  return AnyCodePoint(text, [](char32_t c) { return u_isalnum(static_cast<UChar32>(c)) != 0; });
}

struct RawBlock {
  BlockKind kind;
  std::uint32_t line;
  std::uint32_t depth;
  std::string markdown;
  std::uint32_t last_line = line;
  int parent = kNone;
  std::vector<int> ancestors;  // nearest kMaxContextAncestors, outermost first
  std::vector<int> headings;
  int intro = kNone;
};

class OutlineParser {
 public:
  ParsedOutline Parse(std::string_view text) {
    std::optional<std::pair<std::uint32_t, std::string>> problem;
    FrontMatter front = ReadFrontMatter(text, &problem);
    // Jekyll, Hugo and Obsidian's title: the heading above the whole file
    // (level 0: no `#` heading closes it). The other keys follow it, or
    // come first when written first: blocks are in line order.
    const bool properties_first =
        !front.properties.empty() && (front.title.empty() || front.properties.front().line < front.title_line);
    if (properties_first) AddFileProperties(front.properties);
    if (!front.title.empty()) {
      AddHeading(Heading{0, front.title}, front.title_line);
      title_block_ = static_cast<int>(blocks_.size()) - 1;
    }
    if (!properties_first && !front.properties.empty()) AddFileProperties(front.properties);
    front_blocks_ = blocks_.size();
    std::uint32_t number = 0;
    for (std::size_t start = 0; start < text.size();) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (++number > front.last_line) ParseLine(line, number);
      start = end + 1;
    }
    ParsedOutline outline = Finish();
    outline.file_tags = std::move(front.tags);
    outline.title = std::move(front.title);
    outline.aliases = std::move(front.aliases);
    if (problem) outline.warnings.push_back(std::move(*problem));
    return outline;
  }

 private:
  struct OpenBullet {
    std::uint32_t indent;
    int block;
  };

  void ParseLine(std::string_view line, std::uint32_t number) {
    if (IsBlank(line)) {
      EndTable();
      open_paragraph_ = kNone;  // a blank line ends a paragraph, not a list
      return;
    }
    std::size_t content = 0;
    const std::uint32_t indent = Indent(line, &content);
    const std::string_view rest = line.substr(content);
    if (in_fence_ || IsFence(rest)) {
      // Code is text: never a heading or a bullet, whatever it starts with.
      if (IsFence(rest)) {
        in_fence_ = !in_fence_;
        return;
      }
      AddTextLine(AsCodeSpan(rest), indent, number);
      return;
    }
    const bool continues_bullet = !bullets_.empty() && indent > 0 && last_bullet_ != kNone;
    if (const auto quoted = QuotedText(rest)) {
      AddQuoteLine(*quoted, indent, number);
      return;
    }
    quote_paragraph_ = false;
    if (!continues_bullet && ParseTableLine(rest, number)) return;
    if (auto heading = MatchHeading(rest, indent)) {
      AddHeading(*heading, number);
    } else if (IsThematicBreak(rest)) {
      open_paragraph_ = kNone;
    } else if (auto text_start = MatchListMarker(rest)) {
      AddBullet(rest.substr(*text_start), indent, number);
    } else {
      AddTextLine(rest, indent, number);
    }
  }

  // A table (GFM, rows starting with `|`): its header row is a paragraph
  // that introduces the rows, each a bullet of its cells (`a | b`); the
  // delimiter row is not text. Whether a `|` line is a header is known at
  // the next line: until then it is a paragraph of its own, as written.
  // False for a line that is no row.
  bool ParseTableLine(std::string_view rest, std::uint32_t number) {
    const auto cells = TableCells(rest);
    if (!cells) {
      EndTable();
      return false;
    }
    if (in_table_) {
      AddBullet(JoinedCells(*cells), 0, number);
    } else if (IsDelimiterRow(*cells) && open_paragraph_ != kNone && open_paragraph_ == table_header_ &&
               blocks_[open_paragraph_].line + 1 == number) {
      RawBlock& header = blocks_[open_paragraph_];
      header.markdown = JoinedCells(*TableCells(header.markdown));
      in_table_ = true;
      open_paragraph_ = kNone;  // the rows are not its lines; it stays their intro
    } else {
      open_paragraph_ = kNone;  // a row may be a header: a paragraph of its own
      AddTextLine(rest, 0, number);
      table_header_ = open_paragraph_;
    }
    return true;
  }

  // A table ends at a line that is no row: a list below it is not one of
  // its rows, nor introduced by its header.
  void EndTable() {
    if (!in_table_) return;
    in_table_ = false;
    CloseList();
    intro_ = kNone;
  }

  // A blockquote line's text: a paragraph of its own (a quote interrupts
  // the paragraph above it), or a bullet's continuation when indented
  // under one. An empty quote line ends the paragraph, as a blank line.
  void AddQuoteLine(const std::string& text, std::uint32_t indent, std::uint32_t number) {
    EndTable();
    if (open_paragraph_ != kNone && !quote_paragraph_) open_paragraph_ = kNone;
    if (IsBlank(text)) {
      open_paragraph_ = kNone;
      return;
    }
    AddTextLine(text, indent, number);
    quote_paragraph_ = open_paragraph_ != kNone;
  }

  void AddHeading(const Heading& heading, std::uint32_t number) {
    CloseList();
    open_paragraph_ = kNone;
    intro_ = kNone;
    // A first heading that repeats the title is the title: one heading, at
    // the line the reader sees, or, with the file's properties below the
    // title (blocks are in line order), at the title's.
    const bool repeats_title = title_block_ != kNone && blocks_.size() == front_blocks_ &&
                               EqualsIgnoreAsciiCase(Trim(heading.text), blocks_[title_block_].markdown);
    const bool title_last = title_block_ + 1 == static_cast<int>(blocks_.size());
    title_block_ = kNone;
    if (repeats_title && !title_last) return;
    if (repeats_title) {
      blocks_.pop_back();
      heading_stack_.pop_back();
    }
    while (!heading_stack_.empty() && heading_stack_.back().first >= heading.level) {
      heading_stack_.pop_back();
    }
    RawBlock block{BlockKind::kHeading, number, 0, std::string(heading.text)};
    block.headings = CurrentHeadings();
    heading_stack_.emplace_back(heading.level, static_cast<int>(blocks_.size()));
    blocks_.push_back(std::move(block));
  }

  // The front matter's other keys, one paragraph at the first one's line
  // (`author: Ursula Le Guin; status: draft`), which introduces no list.
  void AddFileProperties(const std::vector<FrontMatterProperty>& properties) {
    std::string text;
    for (const FrontMatterProperty& property : properties) {
      text += (text.empty() ? "" : "; ") + property.key + ": " + property.value;
    }
    RawBlock block{BlockKind::kParagraph, properties.front().line, 0, std::move(text)};
    block.headings = CurrentHeadings();
    file_properties_ = static_cast<int>(blocks_.size());
    blocks_.push_back(std::move(block));
  }

  void AddBullet(std::string_view text, std::uint32_t indent, std::uint32_t number) {
    open_paragraph_ = kNone;
    while (!bullets_.empty() && bullets_.back().indent >= indent) bullets_.pop_back();
    RawBlock block{BlockKind::kBullet, number, static_cast<std::uint32_t>(bullets_.size() + 1),
                   std::string(text)};
    if (!bullets_.empty()) block.parent = bullets_.back().block;
    const std::size_t first = bullets_.size() > kMaxContextAncestors
                                  ? bullets_.size() - kMaxContextAncestors
                                  : 0;
    for (std::size_t i = first; i < bullets_.size(); ++i) block.ancestors.push_back(bullets_[i].block);
    block.headings = CurrentHeadings();
    block.intro = intro_;
    bullets_.push_back({indent, static_cast<int>(blocks_.size())});
    last_bullet_ = static_cast<int>(blocks_.size());
    blocks_.push_back(std::move(block));
  }

  void AddTextLine(std::string_view text, std::uint32_t indent, std::uint32_t number) {
    if (!bullets_.empty() && indent > 0 && last_bullet_ != kNone) {
      AppendLine(blocks_[last_bullet_], text, number);  // a bullet's continuation line
      return;
    }
    if (open_paragraph_ != kNone) {
      AppendLine(blocks_[open_paragraph_], text, number);
      return;
    }
    CloseList();
    RawBlock block{BlockKind::kParagraph, number, 0, std::string(text)};
    block.headings = CurrentHeadings();
    open_paragraph_ = intro_ = static_cast<int>(blocks_.size());
    blocks_.push_back(std::move(block));
  }

  // A line of a fenced code block, as an inline code span: its text as
  // written, where no tag or link is read. The span's backticks outnumber
  // any run of them inside.
  static std::string AsCodeSpan(std::string_view line) {
    std::size_t longest = 0;
    std::size_t run = 0;
    for (const char c : line) {
      run = c == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    const std::string ticks(longest + 1, '`');
    return ticks + ' ' + std::string(line) + ' ' + ticks;
  }

  static void AppendLine(RawBlock& block, std::string_view line, std::uint32_t number) {
    block.markdown += ' ';
    block.markdown += line;
    block.last_line = number;
  }

  void CloseList() {
    bullets_.clear();
    last_bullet_ = kNone;
  }

  std::vector<int> CurrentHeadings() const {
    std::vector<int> headings;
    for (const auto& entry : heading_stack_) headings.push_back(entry.second);
    return headings;
  }

  ParsedOutline Finish() {
    ParsedOutline result;
    std::vector<std::string> texts(blocks_.size());
    std::vector<std::vector<Link>> links(blocks_.size());
    std::vector<std::optional<std::string>> without_code(blocks_.size());
    std::vector<bool> kept(blocks_.size());
    for (std::size_t i = 0; i < blocks_.size(); ++i) {
      texts[i] = PlainTextOfMarkdown(blocks_[i].markdown, &links[i], &without_code[i]);
      kept[i] = HasWordCharacter(texts[i]);
      if (!kept[i] && blocks_[i].kind == BlockKind::kBullet) {
        (IsBlank(blocks_[i].markdown) ? result.skipped.empty_bullets
                                      : result.skipped.wordless_bullets) += 1;
      }
    }
    auto context_line = [&](int index) {
      return ContextLine{blocks_[index].kind, blocks_[index].line, texts[index]};
    };
    for (std::size_t i = 0; i < blocks_.size(); ++i) {
      if (!kept[i]) continue;
      const RawBlock& raw = blocks_[i];
      Block block;
      block.kind = raw.kind;
      block.line = raw.line;
      block.last_line = raw.last_line;
      block.depth = raw.depth;
      block.parent_line = raw.parent == kNone ? 0 : blocks_[raw.parent].line;
      block.text = texts[i];  // copied: descendants quote it as context
      block.links = std::move(links[i]);
      for (int h : raw.headings) {
        if (kept[h]) block.headings.push_back(context_line(h));
      }
      if (raw.intro != kNone && kept[raw.intro]) block.intro = context_line(raw.intro);
      for (int a : raw.ancestors) {
        if (kept[a]) block.ancestors.push_back(context_line(a));
      }
      if (static_cast<int>(i) == file_properties_) result.file_properties = result.blocks.size();
      result.blocks.push_back(std::move(block));
      result.texts_without_code.push_back(std::move(without_code[i]));
    }
    if (file_properties_ == kNone && !result.blocks.empty() && result.blocks[0].kind == BlockKind::kParagraph &&
        StartsWithProperty(result.blocks[0].text)) {
      result.file_properties = 0;
    }
    return result;
  }

  std::vector<RawBlock> blocks_;
  std::vector<OpenBullet> bullets_;
  std::vector<std::pair<int, int>> heading_stack_;  // (level, block)
  int intro_ = kNone;
  int title_block_ = kNone;  // the front matter's title, until the first heading
  std::size_t front_blocks_ = 0;  // blocks made from the front matter
  int file_properties_ = kNone;
  int table_header_ = kNone;     // a paragraph that began with a `|` line
  bool in_table_ = false;        // its delimiter row seen: `|` lines are rows
  bool quote_paragraph_ = false;  // the open paragraph is a blockquote's
  int open_paragraph_ = kNone;
  int last_bullet_ = kNone;
  bool in_fence_ = false;
};

}  // namespace

ParsedOutline ParseOutline(std::string_view text) { return OutlineParser().Parse(text); }

}  // namespace notesearch
