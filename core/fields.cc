#include "core/fields.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <functional>

#include "core/hash.h"
#include "core/text.h"

namespace notesearch {
namespace {

constexpr Xapian::valueno kNoFacet = Xapian::BAD_VALUENO;

// Weights are starting points; bench/relevance tunes them and the user can
// override each one (see RankingWeights in searcher/).
constexpr std::array kFields = {
    Field{.name = "text", .prefix = "", .type = FieldType::kText, .positional = true, .stemmed = true,
          .in_default_query = true, .weight = 1.0, .facet_slot = kNoFacet,
          .help = "the bullet's own words"},
    // Ancestors' words are copied into each descendant without positions or
    // stems; headings and intros are ids into the ContextLexicon.
    Field{.name = "context", .prefix = "XC", .type = FieldType::kText, .in_default_query = true,
          .counts_in_length = false, .has_headings = true, .has_intros = true, .weight = 0.1, .facet_slot = kNoFacet,
          .help = "words of the bullet's ancestors, the paragraph introducing its list and its headings"},
    // Entities: own mentions weigh more than inherited ones, both more than
    // the same word in plain text (the word matches the text field too).
    Field{.name = "tool", .prefix = "XT", .inherited_prefix = "XIT", .value_prefix = "XTV", .type = FieldType::kText,
          .in_default_query = true, .weight = 0.5, .inherited_weight = 0.1, .facet_slot = 100,
          .names = &EntityNames::tools, .names_key = "tools",
          .help = "tools, languages and libraries the bullet names, by canonical name: tool:K8s is tool:Kubernetes"},
    Field{.name = "company", .prefix = "XO", .inherited_prefix = "XIO", .value_prefix = "XOV",
          .type = FieldType::kText, .in_default_query = true, .weight = 2.0, .inherited_weight = 0.6,
          .facet_slot = 200, .names = &EntityNames::companies, .names_key = "companies",
          .help = "companies the bullet names or, inherited, its posting's employer: company:Apple"},
    Field{.name = "location", .prefix = "XG", .inherited_prefix = "XIG", .value_prefix = "XGV",
          .type = FieldType::kText, .in_default_query = true, .weight = 3.0, .inherited_weight = 0.5,
          .facet_slot = 300, .names = &EntityNames::locations, .names_key = "locations",
          .help = "places the bullet names and those containing them, and Remote: location:\"San Francisco\", "
                  "location:California"},
    // A tag is the author's own label for what a bullet is about: weighed as
    // much as its text, and inherited as Logseq's queries find the children
    // of a tagged block (not tuned: the judged set has no tags).
    Field{.name = "tag", .prefix = "XK", .inherited_prefix = "XIK", .value_prefix = "XKV", .type = FieldType::kText,
          .in_default_query = true, .weight = 1.0, .inherited_weight = 0.3, .facet_slot = 700,
          .names = &EntityNames::tags, .names_key = "tags",
          .help = "tags the bullet carries or inherits: #kubernetes, #[[site reliability]], #infra/k8s (also "
                  "#infra): tag:kubernetes"},
    // A link to a page ([[Page]]) says what the bullet is about as a tag
    // does (Logseq makes no difference between them), weighed and
    // inherited alike (not tuned: the judged set has no page links).
    Field{.name = "page", .prefix = "XR", .inherited_prefix = "XIR", .value_prefix = "XRV", .type = FieldType::kText,
          .in_default_query = true, .weight = 1.0, .inherited_weight = 0.3, .facet_slot = 800,
          .names = &EntityNames::pages, .names_key = "pages", .notes_give_aliases = true,
          .help = "pages the bullet links to or inherits: [[Project Apollo]], [[Apollo|alias]], [[Apollo#Heading]], "
                  "![[embed]]: page:\"Project Apollo\""},
    // An address is weaker evidence than the words a bullet says: a bare
    // https://…/machine-learning/… bullet outranked the bullets about
    // machine learning. Out of the length: a link's address is not text
    // the reader sees.
    Field{.name = "url", .prefix = "XU", .type = FieldType::kText, .positional = true, .in_default_query = true,
          .weight = 0.3, .facet_slot = kNoFacet,
          .help = "words of the addresses the bullet links to or writes out: url:github.com"},
    Field{.name = "section", .value_prefix = "XH", .type = FieldType::kText, .has_words = false,
          .counts_in_length = false, .has_headings = true,
          .weight = 0.3, .facet_slot = 400, .help = "any heading above the bullet: section:\"Computer Vision\""},
    Field{.name = "country", .prefix = "XGC", .value_prefix = "XGC", .type = FieldType::kBoolean, .facet_slot = 600,
          .help = "countries of the bullet's places, own and inherited: country:\"United States\""},
    Field{.name = "file", .prefix = "XF", .value_prefix = "XF", .type = FieldType::kBoolean,
          .facet_slot = 500, .help = "file name without directory and extension: file:skill-sets"},
    Field{.name = "kind", .prefix = "K", .value_prefix = "K", .type = FieldType::kBoolean,
          .facet_slot = kNoFacet, .help = "bullet, paragraph or heading: kind:paragraph"},
    Field{.name = "dir", .value_prefix = prefixes::kPath, .type = FieldType::kBoolean, .facet_slot = kNoFacet,
          .values_are_directories = true,
          .help = "a directory above the file: dir:work (anywhere in its path), dir:notes/work, dir:~/notes, "
                  "dir:./work (from here)"},
};

// Phrases are ranked by BM25 over their words, so positional fields count in
// the length; heading and intro ids are terms of their own, shared by the
// fields that hold them, and never the bullet's own words.
static_assert(std::all_of(kFields.begin(), kFields.end(), [](const Field& field) {
  return (!field.positional || field.counts_in_length) &&
         (!(field.has_headings || field.has_intros) || !field.counts_in_length);
}));

constexpr std::size_t kNamedValueFieldCount =
    std::count_if(kFields.begin(), kFields.end(), [](const Field& field) { return field.names != nullptr; });

constexpr std::array<const Field*, kNamedValueFieldCount> kNamedValueFields = [] {
  std::array<const Field*, kNamedValueFieldCount> named{};
  std::size_t n = 0;
  for (const Field& field : kFields) {
    if (field.names != nullptr) named[n++] = &field;
  }
  return named;
}();

}  // namespace

std::span<const Field> AllFields() { return kFields; }

std::span<const Field* const> NamedValueFields() { return kNamedValueFields; }

const Field* FindField(std::string_view name) {
  for (const Field& field : kFields) {
    if (EqualsIgnoreAsciiCase(field.name, name)) return &field;
  }
  return nullptr;
}

std::string FacetFieldNames(std::string_view separator) {
  std::string names;
  for (const Field& field : kFields) {
    if (field.facet_slot == kNoFacet) continue;
    if (!names.empty()) names += separator;
    names += field.name;
  }
  return names;
}

const Field& TextField() { return kFields[0]; }
const Field& ContextField() { return kFields[1]; }

std::string ValueTerm(const Field& field, std::string_view value) {
  constexpr std::size_t kMaxXapianTermBytes = 245;
  constexpr std::size_t kHashChars = 16;
  std::string term(field.value_prefix);
  if (term.size() + value.size() <= kMaxXapianTermBytes) return term.append(value);
  // Cut between characters, so that the term stays valid UTF-8.
  std::size_t keep = kMaxXapianTermBytes - term.size() - kHashChars;
  while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0) == 0x80) --keep;
  return term.append(value.substr(0, keep)).append(HashKey(value, kHashChars));
}

std::string StemmedPrefix(std::string_view field_prefix) {
  return std::string(prefixes::kStem) + std::string(field_prefix);
}

std::string PathTerm(const std::string& path) { return std::string(prefixes::kPath) + HashKey(path, 16); }

std::string ParentTerm(std::string_view parent_fingerprint) {
  return std::string(prefixes::kParent) + HashKey(parent_fingerprint, 16);
}

std::string SortKey(std::string_view path, std::uint32_t line) {
  char digits[11];
  std::snprintf(digits, sizeof digits, "%010u", line);
  return std::string(path) + '\0' + digits;
}

std::optional<std::pair<std::string, std::uint32_t>> ParseSortKey(std::string_view key) {
  const std::size_t nul = key.rfind('\0');
  if (nul == std::string_view::npos) return std::nullopt;
  std::uint32_t line = 0;
  const std::string_view digits = key.substr(nul + 1);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), line);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return std::make_pair(std::string(key.substr(0, nul)), line);
}

}  // namespace notesearch
