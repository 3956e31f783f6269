#include "indexer/properties.h"

#include <string>

#include "core/text.h"

namespace notesearch {

bool StartsWithProperty(std::string_view text) {
  const std::size_t colons = text.find(":: ");
  return colons != std::string_view::npos && colons > 0 && text.substr(0, colons).find(' ') == std::string_view::npos;
}

std::vector<std::string_view> PropertyValues(std::string_view text, std::string_view key) {
  std::vector<std::string_view> found;
  const std::string property = std::string(key) + "::";
  for (std::size_t at = 0; at + property.size() <= text.size(); ++at) {
    if ((at > 0 && text[at - 1] != ' ') || !EqualsIgnoreAsciiCase(text.substr(at, property.size()), property)) continue;
    std::string_view values = text.substr(at + property.size());
    // The value runs to the next property: a word ending in "::".
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
      if (!value.empty()) found.push_back(value);
      values = comma == std::string_view::npos ? std::string_view() : values.substr(comma + 1);
    }
  }
  return found;
}

}  // namespace notesearch
