#include "indexer/front_matter.h"

#include <algorithm>

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

constexpr std::size_t kMinReadBudget = 64 * 1024;

// Reads values as text within a budget: YAML anchors let a few lines
// repeat a value without end (`b: [*a, *a]`, `c: [*b, *b]`, ...), or hold
// itself (`a: &a [*a]`), where the values as written take a few times the
// front matter's bytes and nest a few levels. Each node read costs its
// scalar's bytes and one; past the budget, or kMaxDepth lists and mappings
// deep, reading throws ExpandsTooFar.
class BoundedReader {
 public:
  struct ExpandsTooFar {};
  explicit BoundedReader(std::size_t budget) : left_(budget) {}

  // The parts of a YAML value between `separators` ("ops, k8s" or a list
  // of "- ops"), trimmed, a leading '#' dropped ("#k8s").
  void AddParts(const YAML::Node& value, std::string_view separators, std::vector<std::string>& parts) {
    std::vector<std::string> scalars;
    if (value.IsScalar()) scalars.push_back(Scalar(value));
    for (const YAML::Node& item : value.IsSequence() ? value : YAML::Node()) {
      if (item.IsScalar()) scalars.push_back(Scalar(item));
    }
    for (const std::string& scalar : scalars) {
      for (std::size_t start = 0; start <= scalar.size();) {
        std::size_t end = scalar.find_first_of(separators, start);
        if (end == std::string::npos) end = scalar.size();
        std::string_view part = Trim(std::string_view(scalar).substr(start, end - start));
        if (part.starts_with('#')) part.remove_prefix(1);
        if (!part.empty()) parts.emplace_back(part);
        start = end + 1;
      }
    }
  }

  // A YAML value as one line of text.
  std::string Text(const YAML::Node& node) {
    if (node.IsScalar()) {
      std::string text = Scalar(node);
      std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
      return std::string(Trim(text));
    }
    Take(0);
    if (++depth_ > kMaxDepth) throw ExpandsTooFar();
    std::string text;
    auto add = [&](std::string_view separator, const std::string& part) {
      if (part.empty()) return;
      if (!text.empty()) text += separator;
      text += part;
    };
    if (node.IsSequence()) {
      for (const YAML::Node& item : node) add(", ", Text(item));
    } else if (node.IsMap()) {
      for (const auto& entry : node) {
        const std::string value = Text(entry.second);
        if (!value.empty()) add("; ", Text(entry.first) + ": " + value);
      }
    }
    --depth_;
    return text;
  }

 private:
  const std::string& Scalar(const YAML::Node& node) {
    Take(node.Scalar().size());
    return node.Scalar();
  }
  void Take(std::size_t bytes) {
    if (bytes >= left_) throw ExpandsTooFar();
    left_ -= bytes + 1;
  }

  static constexpr int kMaxDepth = 64;
  std::size_t left_;
  int depth_ = 0;
};

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
  const std::string_view yaml = text.substr(body, close - body);
  const std::size_t budget = 4 * yaml.size() + kMinReadBudget;
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (!root.IsMap()) return none;  // bullets under a rule, say: text
    front.last_line = number;
    BoundedReader reader(budget);
    for (const auto& entry : root) {
      const std::string key = reader.Text(entry.first);
      const YAML::Node& value = entry.second;
      if (key == "tags" || key == "tag" || key == "Tags") {
        reader.AddParts(value, ", \t", front.tags);
        continue;
      }
      // Marks count from the line after the opening `---`, from 0.
      const auto line = static_cast<std::uint32_t>(entry.first.Mark().line + 2);
      std::string text = reader.Text(value);
      if (key.empty() || text.empty()) continue;
      if (key == "aliases" || key == "alias" || key == "Aliases") reader.AddParts(value, ",", front.aliases);
      if ((key == "title" || key == "Title") && value.IsScalar() && front.title.empty()) {
        front.title = std::move(text);
        front.title_line = line;
        continue;
      }
      front.properties.push_back({key, std::move(text), line});  // a title that is a list too
    }
  } catch (const BoundedReader::ExpandsTooFar&) {
    *problem = {2, "the front matter repeats its values past " + std::to_string(budget) +
                       " bytes or nests them without end (YAML anchors and aliases); its lines are indexed as text"};
    return none;
  } catch (const YAML::Exception& e) {
    // Lines count from the one after the opening `---`.
    *problem = {static_cast<std::uint32_t>(e.mark.line + 2),
                "the front matter is not YAML (" + e.msg + "); its lines are indexed as text"};
    return none;
  }
  return front;
}

}  // namespace notesearch
