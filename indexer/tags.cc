#include "indexer/tags.h"

#include <algorithm>
#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "analysis/analyzer.h"
#include "core/text.h"
#include "core/utf8.h"

namespace notesearch {
namespace {

// What may stand right before a tag's '#': not a letter or digit (C#), not
// '/' (url/#anchor), not '&' (&#38;) or another '#'.
bool MayPrecedeTag(char c) {
  return c == ' ' || c == '\t' || c == '(' || c == '[' || c == '{' || c == ',' || c == ';' || c == '"' ||
         c == '\'' || c == '*' || c == '_' || c == '>';
}

// The length in bytes of the tag name starting at `start`: letters and
// digits of any script, '_', '-', '/' and '.', less the '.', '-' and '/'
// that end a sentence or a path.
std::size_t TagNameLength(std::string_view text, std::size_t start) {
  std::int32_t i = static_cast<std::int32_t>(start);
  const std::int32_t n = static_cast<std::int32_t>(text.size());
  while (i < n) {
    const std::int32_t at = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0 || !(u_isalnum(c) || c == '_' || c == '-' || c == '/' || c == '.')) {
      i = at;
      break;
    }
  }
  std::size_t end = static_cast<std::size_t>(i);
  while (end > start && (text[end - 1] == '.' || text[end - 1] == '-' || text[end - 1] == '/')) --end;
  return end - start;
}

bool HasLetter(std::string_view name) {
  return AnyCodePoint(name, [](char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; });
}

void AddOnce(std::vector<std::string>& tags, std::string tag) {
  if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
}

// Adds `name` (as written) and, for a nested tag, its parents.
void AddTag(std::vector<std::string>& tags, std::string_view name) {
  if (tags.size() >= kMaxTagsPerBlock || name.empty() || name.size() > kMaxTagBytes || !HasLetter(name)) return;
  const std::string tag = Analyzer::Normalize(name);
  AddOnce(tags, tag);
  // A nested tag is also tagged with its parents: infra/k8s is infra too.
  for (std::size_t slash = tag.rfind('/'); slash != std::string::npos && slash > 0 && tags.size() < kMaxTagsPerBlock;
       slash = tag.rfind('/', slash - 1)) {
    AddOnce(tags, tag.substr(0, slash));
  }
}

// Logseq's block property `tags:: a, [[b c]], #d`, which the outline parser
// joins to the bullet's text as a continuation line: its values run to the
// next property (`type:: note`) or the end.
void AddPropertyTags(std::string_view text, std::vector<std::string>& tags) {
  constexpr std::string_view kProperty = "tags::";
  for (std::size_t at = 0; at + kProperty.size() <= text.size(); ++at) {
    if ((at > 0 && text[at - 1] != ' ') || !EqualsIgnoreAsciiCase(text.substr(at, kProperty.size()), kProperty)) continue;
    std::string_view values = text.substr(at + kProperty.size());
    for (std::size_t space = values.find(' '); space != std::string_view::npos; space = values.find(' ', space + 1)) {
      const std::size_t end = values.find_first_of(" ,", space + 1);
      const std::string_view word = values.substr(space + 1, end == std::string_view::npos ? end : end - space - 1);
      if (word.size() > 2 && word.ends_with("::")) {
        values = values.substr(0, space);
        break;
      }
    }
    while (!values.empty()) {
      const std::size_t comma = values.find(',');
      std::string_view value = Trim(values.substr(0, comma));
      if (value.starts_with('#')) value.remove_prefix(1);
      if (value.starts_with("[[") && value.ends_with("]]")) value = Trim(value.substr(2, value.size() - 4));
      AddTag(tags, value);
      values = comma == std::string_view::npos ? std::string_view() : values.substr(comma + 1);
    }
  }
}

// "title:: x tags:: y": text that starts with a Logseq property.
bool IsPropertyLine(std::string_view text) {
  const std::size_t colons = text.find(":: ");
  return colons != std::string_view::npos && colons > 0 && text.substr(0, colons).find(' ') == std::string_view::npos;
}

}  // namespace

std::vector<std::string> TagsIn(std::string_view text) {
  std::vector<std::string> tags;
  for (std::size_t i = text.find('#'); i != std::string_view::npos; i = text.find('#', i + 1)) {
    if (i > 0 && !MayPrecedeTag(text[i - 1])) continue;
    std::string_view name;
    if (text.substr(i + 1).starts_with("[[")) {  // #[[several words]]
      const std::size_t close = text.find("]]", i + 3);
      if (close == std::string_view::npos) continue;
      name = Trim(text.substr(i + 3, close - (i + 3)));
      i = close + 1;
    } else {
      name = text.substr(i + 1, TagNameLength(text, i + 1));
      i += name.size();
    }
    AddTag(tags, name);
  }
  AddPropertyTags(text, tags);
  return tags;
}

void AssignTags(ParsedOutline& outline) {
  std::vector<Block>& blocks = outline.blocks;
  std::vector<std::vector<std::string>> own(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) own[i] = TagsIn(blocks[i].text);
  // Front matter tags are the whole file's, and so are those of Logseq's
  // page properties: a first paragraph of `key:: value` lines.
  std::vector<std::string> of_file;
  for (const std::string& tag : outline.file_tags) AddTag(of_file, tag);
  if (!blocks.empty() && blocks[0].kind == BlockKind::kParagraph && IsPropertyLine(blocks[0].text)) {
    for (const std::string& tag : own[0]) AddOnce(of_file, tag);
  }
  // Most files have no tags: nothing to inherit.
  const bool any = !of_file.empty() || std::any_of(own.begin(), own.end(), [](const auto& tags) { return !tags.empty(); });
  std::unordered_map<std::uint32_t, std::size_t> index_of_line;
  for (std::size_t i = 0; any && i < blocks.size(); ++i) index_of_line[blocks[i].line] = i;
  for (std::size_t i = 0; any && i < blocks.size(); ++i) {
    std::vector<std::string> inherited;
    auto inherit = [&](const std::vector<std::string>& tags) {
      for (const std::string& tag : tags) {
        if (std::find(own[i].begin(), own[i].end(), tag) == own[i].end()) AddOnce(inherited, tag);
      }
    };
    inherit(of_file);
    // In reading order, as Block::Context() lists them, without copying them.
    auto inherit_from = [&](const ContextLine& line) {
      if (const auto it = index_of_line.find(line.line); it != index_of_line.end()) inherit(own[it->second]);
    };
    for (const ContextLine& heading : blocks[i].headings) inherit_from(heading);
    if (blocks[i].intro) inherit_from(*blocks[i].intro);
    for (const ContextLine& ancestor : blocks[i].ancestors) inherit_from(ancestor);
    blocks[i].inherited.tags = std::move(inherited);
  }
  for (std::size_t i = 0; i < blocks.size(); ++i) blocks[i].entities.tags = std::move(own[i]);
}

}  // namespace notesearch
