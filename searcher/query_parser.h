// The query language, parsed into a tree before any text analysis:
//
//   words              all words wanted; bullets with all of them rank first,
//                      bullets with some still match (best partial matches)
//   "exact phrase"     words in this order (phrases ignore stemming)
//   -word  -"phrase"   exclude;  +word  require
//   a OR b, a AND b, a NOT b, ( ... )   OR binds tighter than juxtaposition,
//                      AND/NOT tighter than OR: `python pandas OR numpy`
//                      is python AND (pandas OR numpy)
//   prefix*            words starting with prefix (bounded expansion)
//   py*on pyth?n *thon words of the text matching the pattern ('*': any
//                      letters, '?': one); a '?' ending a word is punctuation
//   /py(thon|torch)/   words of the text that the regular expression (ICU's
//                      syntax, case ignored) matches as a whole
//   word~  word~N      also the index's words within N edits (1 or 2; bare
//                      `~`: 1 under seven letters, else 2), ranked below
//   "phrase"~N         the words in this order, up to N other words apart
//   clause^N           the clause weighs N times as much (words, phrases,
//                      groups; 0 to 100, e.g. python^2 or (a OR b)^0.5)
//   field:value, field:"a phrase", field:(a OR b)   see core/fields.h
//
// Mistakes give a useful query plus a notice rather than an error: an
// unbalanced quote or parenthesis is closed at the end, a lone '-' or a
// dangling operator is ignored, a /regex/ that does not compile is text. Errors (UsageError) are kept for queries
// with nothing to search for and queries over the size limits.
// Thread-safety: pure function.
#ifndef NOTESEARCH_SEARCHER_QUERY_PARSER_H_
#define NOTESEARCH_SEARCHER_QUERY_PARSER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/fields.h"

namespace notesearch {

inline constexpr std::size_t kMaxQueryBytes = 4096;
inline constexpr std::size_t kMaxQueryClauses = 64;
inline constexpr double kMaxBoost = 100;
inline constexpr std::uint32_t kMaxEdits = 2;
inline constexpr std::uint32_t kMaxSlop = 32;

// How many edits a misspelt or fuzzy (word~) word may be from the words it
// finds: one under seven letters (code points), two from seven on. Two
// edits turn "zebra" into "era" and "quokka" into "quora".
std::uint32_t EditsForLength(std::string_view word);

struct QueryNode {
  enum class Type {
    kWord,      // text: one word as typed (may analyse to a compound)
    kPhrase,    // text: the words inside the quotes
    kPrefix,    // text: the word before '*'
    kPattern,   // text: a word with wildcards inside or in front (py*on, *thon)
    kRegex,     // text: a regular expression a whole word matches (between the slashes of /py.*on/)
    kSequence,  // children: juxtaposed clauses
    kAnd,       // children: all required
    kOr,        // children: any
    kAndNot,    // children[0] without any of the others
  };
  enum class Modifier { kNone, kRequired, kExcluded };

  Type type = Type::kWord;
  Modifier modifier = Modifier::kNone;
  std::string text;
  const Field* field = nullptr;  // nullptr: the default fields
  std::vector<QueryNode> children;
  std::uint32_t column = 1;      // 1-based, in bytes, of the clause in the query
  double boost = 1;              // clause^N
  std::uint32_t edits = 0;       // word~N (kWord only)
  std::uint32_t slop = 0;        // "phrase"~N (kPhrase only)

  bool is_leaf() const {
    return type == Type::kWord || type == Type::kPhrase || type == Type::kPrefix || type == Type::kPattern ||
           type == Type::kRegex;
  }
  // A prefix, pattern or regex: it stands for the index's words it matches.
  bool expands() const { return type == Type::kPrefix || type == Type::kPattern || type == Type::kRegex; }
};

struct ParsedQuery {
  QueryNode root;                    // a kSequence
  std::vector<std::string> notices;  // what was fixed up, for the user
};

// Throws UsageError for an empty query, one without any word, or one over
// kMaxQueryBytes / kMaxQueryClauses.
ParsedQuery ParseQuery(std::string_view query);

// For tests and --explain: the tree in a Lisp-like notation.
std::string DescribeQuery(const QueryNode& node);

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_QUERY_PARSER_H_
