#include "indexer/front_matter.h"

#include <yaml-cpp/yaml.h>

#include "core/text.h"

namespace notesearch {
namespace {

std::string_view LineAt(std::string_view text, std::size_t start, std::size_t* next) {
  std::size_t end = text.find('\n', start);
  *next = end == std::string_view::npos ? text.size() : end + 1;
  std::string_view line = text.substr(start, (end == std::string_view::npos ? text.size() : end) - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line;
}

// "ops, k8s", "ops k8s", "#ops": the tags of one YAML scalar.
void AddScalarTags(const std::string& scalar, std::vector<std::string>& tags) {
  std::size_t start = 0;
  while (start < scalar.size()) {
    std::size_t end = scalar.find_first_of(", \t", start);
    if (end == std::string::npos) end = scalar.size();
    std::string_view tag(scalar.data() + start, end - start);
    if (tag.starts_with('#')) tag.remove_prefix(1);
    if (!tag.empty()) tags.emplace_back(tag);
    start = end + 1;
  }
}

}  // namespace

FrontMatter ReadFrontMatter(std::string_view text, std::optional<std::pair<std::uint32_t, std::string>>* problem) {
  FrontMatter none;
  std::size_t next = 0;
  if (LineAt(text, 0, &next) != "---") return none;
  const std::size_t body = next;
  std::uint32_t number = 1;
  std::size_t close = std::string_view::npos;
  while (next < text.size() && number < kMaxFrontMatterLines) {
    const std::size_t start = next;
    const std::string_view line = LineAt(text, start, &next);
    ++number;
    if (line == "---" || line == "...") {
      close = start;
      break;
    }
  }
  if (close == std::string_view::npos) return none;
  FrontMatter front;
  try {
    const YAML::Node root = YAML::Load(std::string(text.substr(body, close - body)));
    if (!root.IsMap()) return none;  // bullets under a rule, say: text
    front.last_line = number;
    for (const char* key : {"tags", "tag", "Tags"}) {
      const YAML::Node values = root[key];
      if (!values.IsDefined()) continue;
      if (values.IsScalar()) AddScalarTags(values.Scalar(), front.tags);
      if (!values.IsSequence()) continue;
      for (const YAML::Node& value : values) {
        if (value.IsScalar()) AddScalarTags(value.Scalar(), front.tags);
      }
    }
    for (const char* key : {"title", "Title"}) {
      const YAML::Node title = root[key];
      if (!title.IsDefined() || !title.IsScalar() || Trim(title.Scalar()).empty()) continue;
      front.title = std::string(Trim(title.Scalar()));
      // Marks count from the line after the opening `---`, from 0.
      front.title_line = static_cast<std::uint32_t>(title.Mark().line + 2);
      break;
    }
  } catch (const YAML::Exception& e) {
    // Lines count from the one after the opening `---`.
    *problem = {static_cast<std::uint32_t>(e.mark.line + 2),
                "the front matter is not YAML (" + e.msg + "); its lines are indexed as text"};
    return none;
  }
  return front;
}

}  // namespace notesearch
