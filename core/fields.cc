#include "core/fields.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <functional>

namespace notesearch {
namespace {

constexpr Xapian::valueno kNoFacet = Xapian::BAD_VALUENO;

// Weights are starting points; bench/relevance tunes them and the user can
// override each one (see RankingWeights in searcher/).
constexpr std::array kFields = {
    // Context repeats the ancestors' words in every descendant: without
    // positions and stems it costs a third of the index it would otherwise.
    Field{"text", "", "", "", FieldType::kText, /*positional=*/true, /*stemmed=*/true,
          /*in_default_query=*/true, 1.0, 0.0, kNoFacet,
          "the bullet's own words"},
    Field{"context", "XC", "", "", FieldType::kText, false, false, true, 0.3, 0.0,
          kNoFacet,
          "words of the bullet's ancestors, the paragraph introducing its list "
          "and its headings"},
    Field{"section", "XS", "", "XSV", FieldType::kText, false, false, false, 0.3, 0.0,
          400, "any heading above the bullet"},
    Field{"file", "XF", "", "XF", FieldType::kBoolean, false, false, false, 0.0, 0.0,
          500, "file name without directory and extension, e.g. skill-sets"},
    Field{"kind", "K", "", "K", FieldType::kBoolean, false, false, false, 0.0, 0.0,
          kNoFacet, "bullet, paragraph or heading"},
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::span<const Field> AllFields() { return kFields; }

const Field* FindField(std::string_view name) {
  for (const Field& field : kFields) {
    if (EqualsIgnoreCase(field.name, name)) return &field;
  }
  return nullptr;
}

const Field& TextField() { return kFields[0]; }
const Field& ContextField() { return kFields[1]; }

std::string StemmedPrefix(std::string_view field_prefix) {
  return std::string(prefixes::kStem) + std::string(field_prefix);
}

namespace {

// Xapian terms are limited to 245 bytes; very long paths are hashed.
std::string PathKey(const std::string& path) {
  constexpr std::size_t kMaxPathBytes = 200;
  if (path.size() <= kMaxPathBytes) return path;
  char hash[18];
  std::snprintf(hash, sizeof hash, "#%016zx", std::hash<std::string>{}(path));
  return hash;
}

}  // namespace

std::string UniqueIdTerm(const std::string& path, std::uint32_t line) {
  return std::string(prefixes::kUniqueId) + PathKey(path) + ":" + std::to_string(line);
}

std::string PathTerm(const std::string& path) { return std::string(prefixes::kPath) + PathKey(path); }

std::string ParentTerm(const std::string& path, std::uint32_t parent_line) {
  return std::string(prefixes::kParent) + PathKey(path) + ":" + std::to_string(parent_line);
}

std::string SortKey(const std::string& path, std::uint32_t line) {
  char digits[11];
  std::snprintf(digits, sizeof digits, "%010u", line);
  return path + '\0' + digits;
}

}  // namespace notesearch
