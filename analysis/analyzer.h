// Text analysis shared by the indexer and the query parser: the one code path
// that turns text into terms, so that a query and the index never disagree.
//
//   ICU's word breaks (dictionary segmentation for CJK and Thai; ASCII
//      segmented by the same rules without ICU: word_segmenter.h)
//   -> technical tokens reassembled whole: C++, C#, .NET, Node.js, TCP/IP,
//      end-to-end, x86-64 (compounds are also emitted part by part)
//   -> NFKC + case folding, curly apostrophes to ', dashes to -, possessive 's
//      dropped; symbols such as (TM) and (R) never join a word
//   -> stems from stemmers/ (protected technical terms stay whole)
//
// Ownership/thread-safety: an Analyzer owns an ICU break iterator and is not
// thread-safe; give each thread its own (copying is cheap enough, but
// construction costs ~50 us, so keep one per thread rather than per call).
#ifndef NOTESEARCH_ANALYSIS_ANALYZER_H_
#define NOTESEARCH_ANALYSIS_ANALYZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace notesearch {

struct Token {
  enum class Kind : std::uint8_t {
    kWord,         // letters (any script), possibly with digits: pytorch, x86
    kNumber,       // 42, 3.5, 1,500
    kIdeographic,  // a CJK word from ICU's dictionary
    kCompound,     // a whole joined token: c++, tcp/ip, end-to-end, .net
    kPart,         // one piece of the compound emitted just before it
  };
  std::string term;         // normalised text, unstemmed
  std::uint32_t position;   // word position; a compound's parts are consecutive
  std::uint32_t begin;      // byte offsets of the token in the analysed text
  std::uint32_t end;
  Kind kind;

  // True when the token starts a word that a query matches on its own (every
  // token but a part, whose compound is emitted at the same position).
  bool is_part() const { return kind == Kind::kPart; }
};

// True when tokens[i] is a compound followed by its parts (tcp/ip, tcp, ip).
bool HasParts(const std::vector<Token>& tokens, std::size_t i);
// The tokens a phrase matches on: every token but the wholes of compounds
// that have parts ("end-to-end" as end, to, end), in position order.
std::vector<Token> PhraseTokens(const std::vector<Token>& tokens);

// Words longer than this are not indexed (Xapian's limit is 245 bytes; such
// "words" are base64 blobs or hashes, not something anyone types).
inline constexpr std::size_t kMaxTermBytes = 64;

class Analyzer {
 public:
  // `stemmer` comes from stemmers/ (MakeStemmer); an empty Xapian::Stem
  // disables stemming.
  explicit Analyzer(Xapian::Stem stemmer);
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Tokens in text order. Positions start at `first_position`; the next free
  // position is returned through `next_position` when it is not null.
  std::vector<Token> Analyze(std::string_view utf8_text,
                             std::uint32_t first_position = 0,
                             std::uint32_t* next_position = nullptr) const;

  // The stem of a token's term, or an empty string when the token is not a
  // plain word (numbers, compounds, CJK) or the stemmer protects it.
  std::string Stem(const Token& token) const;

  // Normalises one string the way Analyze normalises a word (NFKC, case
  // folding, apostrophes, dashes), without splitting it. For exact values
  // such as entity names and file names.
  static std::string Normalize(std::string_view utf8_text);

  const Xapian::Stem& stemmer() const { return stemmer_; }

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  Xapian::Stem stemmer_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_ANALYSIS_ANALYZER_H_
