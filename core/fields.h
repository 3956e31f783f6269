// The one table of fields and Xapian term prefixes. The indexer writes terms
// with these prefixes, the query parser resolves `name:value` through it, the
// facets read its value slots and the JSON schema takes its key names from it
// (as notmuch's prefix table does), so adding a field is one row in fields.cc.
// Thread-safety: immutable static data.
#ifndef NOTESEARCH_CORE_FIELDS_H_
#define NOTESEARCH_CORE_FIELDS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <xapian.h>

#include "core/block.h"

namespace notesearch {

enum class FieldType {
  kText,     // analysed words, ranked (BM25), phrase-searchable if positional
  kBoolean,  // exact normalised values, filter only (no effect on ranking)
};

struct Field {
  std::string_view name;         // in queries (`name:value`) and JSON
  std::string_view prefix = "";  // term prefix of the bullet's own words/values
  // Term prefix of words the bullet inherits from its ancestors, list intro,
  // headings and posting; empty when the field has no inherited form.
  std::string_view inherited_prefix = "";
  // Term prefix of exact canonical values (filters, facets); empty if none.
  std::string_view value_prefix = "";
  FieldType type;
  bool has_words = true;          // kText: the field's own words are terms
  bool positional = false;        // terms carry positions (phrase queries)
  bool stemmed = false;           // Z-prefixed stems are indexed too
  bool in_default_query = false;  // a bare word also searches this field
  // The field's terms count in the bullet's length, by which BM25
  // normalises. Only the bullet's own words should: a short bullet deep in
  // an outline must not rank as a long one for its ancestors' words. Terms
  // outside the length (and inherited terms, always) are indexed with wdf
  // 0, which BM25 weighs 0, so the searcher weighs a match on them by the
  // term's rarity alone (QueryBuilder::Weigh). Positional fields count, as
  // phrases are ranked by BM25.
  bool counts_in_length = true;
  // The field also holds the headings / list intros above a bullet, indexed
  // as ids of the ContextLexicon (prefixes::kHeadingId, kIntroId).
  bool has_headings = false;
  bool has_intros = false;
  double weight = 0;  // default ranking weight of an own match
  double inherited_weight = 0;
  // First value slot of the facet; value i of a bullet goes to slot base+i so
  // that stock Xapian::ValueCountMatchSpy counts multi-valued fields exactly,
  // also on remote shards. Xapian::BAD_VALUENO: no facet.
  Xapian::valueno facet_slot = Xapian::BAD_VALUENO;
  // kBoolean: the values name directories, matched when searching against
  // the indexed files' paths (searcher/indexed_files.h) and searched as the
  // files' prefixes::kPath terms; the indexer writes nothing for it.
  bool values_are_directories = false;
  // Named values a block carries (tools, tags, ...): this list of its
  // Block::entities (own) and Block::inherited, stored in the record in
  // table order and written to JSON under `names_key`; nullptr for fields
  // that are not such lists.
  std::vector<std::string> EntityNames::*names = nullptr;
  std::string_view names_key = "";
  // The notes give some values other names (a page's aliases,
  // indexer/page_links.h): a facet counts the names of one as one value,
  // as filters and queries take them.
  bool notes_give_aliases = false;
  std::string_view help = "";  // one line for `search --help`
};

// Every field, in the order of the README table.
std::span<const Field> AllFields();
// nullptr if `name` is not a field (names are matched case-insensitively).
const Field* FindField(std::string_view name);
// The fields whose values a block lists by name (Field::names), in table order.
std::span<const Field* const> NamedValueFields();
// The names of the fields with a facet, in table order, joined by `separator`.
std::string FacetFieldNames(std::string_view separator = ", ");
const Field& TextField();
const Field& ContextField();

// Prefixes that are not user-facing fields but part of the index layout.
namespace prefixes {
inline constexpr std::string_view kStem = "Z";           // before a field prefix
inline constexpr std::string_view kPath = "P";            // P<file key>: every block of a file
inline constexpr std::string_view kParent = "XP";         // XP<parent's fingerprint>, with P: children
inline constexpr std::string_view kHeadingId = "XH";      // XH<id>: a heading above the block
inline constexpr std::string_view kIntroId = "XI";        // XI<id>: the paragraph introducing its list
inline constexpr std::string_view kDuplicate = "XD";      // XD<content hash>: bullets with the same text
// No document has this term (MatchNoDocument in searcher/query_builder.h).
inline constexpr std::string_view kNoMatch = "XN";
}  // namespace prefixes

// Value slots outside the facet ranges.
namespace slots {
inline constexpr Xapian::valueno kSortKey = 0;  // path, NUL, zero-padded line
inline constexpr Xapian::valueno kContentHash = 1;  // hash of the normalised text: duplicates
// The stored block (EncodeStoredBlock). Not the document data: Xapian 1.4
// deflates data, and inflating it cost 10 us a hit (a value 2 us).
inline constexpr Xapian::valueno kRecord = 2;
// A hash of all else the document holds but its placement (sort key and
// record): when a file changes, its documents that come out as they were
// are left alone, or only moved to their new lines.
inline constexpr Xapian::valueno kFingerprint = 3;
inline constexpr Xapian::valueno kMaxFacetValues = 64;  // slots per facet field
}  // namespace slots

// The boolean term of a field's exact value, already normalised: the value
// prefix and the value, or, when that would pass Xapian's limit on a term
// (245 bytes; a file name may have 255), the value's first bytes and a hash
// of all of it. The indexer and the searcher both build value terms here.
std::string ValueTerm(const Field& field, std::string_view value);

// "Z" + prefix + stem: Xapian's convention for stemmed terms.
std::string StemmedPrefix(std::string_view field_prefix);

// Terms and values of the index layout, built in one place for the indexer
// and the searcher. A block is found by PathTerm and the range of its
// file's sort keys up to the line asked for; its children by PathTerm AND
// ParentTerm (of its fingerprint, which identical blocks share: the
// children's records say whose they are). No term says where a block is,
// so a block that only moved keeps its terms (see WriteFileDocuments).
std::string PathTerm(const std::string& path);
std::string ParentTerm(std::string_view parent_fingerprint);
// Orders hits of equal score by file, then line.
std::string SortKey(std::string_view path, std::uint32_t line);
// The (path, line) of a sort key; nullopt when it is not one.
std::optional<std::pair<std::string, std::uint32_t>> ParseSortKey(std::string_view key);

}  // namespace notesearch

#endif  // NOTESEARCH_CORE_FIELDS_H_
