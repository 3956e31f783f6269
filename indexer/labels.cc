#include "indexer/labels.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace notesearch {
void AddLabelOnce(std::vector<std::string>& labels, std::string label) {
  if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(std::move(label));
}

void AssignLabels(ParsedOutline& outline, std::vector<std::vector<std::string>> own, std::vector<std::string> of_file,
                  std::vector<std::string> EntityNames::*list) {
  std::vector<Block>& blocks = outline.blocks;
  if (outline.file_properties) {
    for (const std::string& label : own[*outline.file_properties]) AddLabelOnce(of_file, label);
  }
  // Most files have no labels: nothing to inherit.
  const bool any = !of_file.empty() || std::any_of(own.begin(), own.end(), [](const auto& labels) { return !labels.empty(); });
  std::unordered_map<std::uint32_t, std::size_t> index_of_line;
  for (std::size_t i = 0; any && i < blocks.size(); ++i) index_of_line[blocks[i].line] = i;
  for (std::size_t i = 0; any && i < blocks.size(); ++i) {
    std::vector<std::string> inherited;
    auto inherit = [&](const std::vector<std::string>& labels) {
      for (const std::string& label : labels) {
        if (std::find(own[i].begin(), own[i].end(), label) == own[i].end()) AddLabelOnce(inherited, label);
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
    blocks[i].inherited.*list = std::move(inherited);
  }
  for (std::size_t i = 0; i < blocks.size(); ++i) blocks[i].entities.*list = std::move(own[i]);
}

}  // namespace notesearch
