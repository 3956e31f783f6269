#include "core/text.h"

#include <algorithm>
#include <cctype>

namespace notesearch {

std::string_view Trim(std::string_view s, std::string_view blanks) {
  const std::size_t first = s.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

bool EndsWithIgnoreAsciiCase(std::string_view text, std::string_view suffix) {
  return suffix.size() <= text.size() && EqualsIgnoreAsciiCase(text.substr(text.size() - suffix.size()), suffix);
}

std::string_view PageLinkTarget(std::string_view inside) {
  inside = inside.substr(0, inside.find('|'));
  if (const std::size_t hash = inside.find('#'); hash != std::string_view::npos && hash + 1 < inside.size()) {
    inside = inside.substr(0, hash);
  }
  return Trim(inside);
}

}  // namespace notesearch
