#include "indexer/tags.h"

#include <utility>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "analysis/analyzer.h"
#include "core/text.h"
#include "core/utf8.h"
#include "indexer/labels.h"
#include "indexer/properties.h"

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

// Adds `name` (as written) and, for a nested tag, its parents.
void AddTag(std::vector<std::string>& tags, std::string_view name) {
  if (tags.size() >= kMaxTagsPerBlock || name.empty() || !HasLetter(name)) return;
  // Measured once normalised: NFKC makes some characters 18 times longer.
  const std::string tag = Analyzer::Normalize(name);
  if (tag.size() > kMaxTagBytes) return;
  AddLabelOnce(tags, tag);
  // A nested tag is also tagged with its parents: infra/k8s is infra too.
  for (std::size_t slash = tag.rfind('/'); slash != std::string::npos && slash > 0 && tags.size() < kMaxTagsPerBlock;
       slash = tag.rfind('/', slash - 1)) {
    AddLabelOnce(tags, tag.substr(0, slash));
  }
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
  // Logseq's block property `tags:: a, [[b c]], #d`.
  for (const std::string_view value : PropertyValues(text, "tags")) AddTag(tags, value);
  return tags;
}

void AssignTags(ParsedOutline& outline) {
  std::vector<std::vector<std::string>> own;
  own.reserve(outline.blocks.size());
  for (std::size_t i = 0; i < outline.blocks.size(); ++i) own.push_back(TagsIn(outline.LabelText(i)));
  // Front matter tags are the whole file's.
  std::vector<std::string> of_file;
  for (const std::string& tag : outline.file_tags) AddTag(of_file, tag);
  AssignLabels(outline, std::move(own), std::move(of_file), &EntityNames::tags);
}

}  // namespace notesearch
