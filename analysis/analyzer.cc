#include "analysis/analyzer.h"

#include <algorithm>
#include <span>
#include <stdexcept>
#include <utility>

#include <unicode/normalizer2.h>
#include <unicode/ubrk.h>
#include <unicode/unistr.h>

#include "analysis/word_segmenter.h"

namespace notesearch {
namespace {

// Characters that join word segments into one technical token when nothing
// (no space) separates them: C++, C#, .NET, TCP/IP, end-to-end, snake_case,
// R&D. Dashes (en, em, non-breaking hyphen, minus) act as '-'.
char JoinerChar(std::string_view segment) {
  if (segment.size() == 1) {
    switch (segment[0]) {
      case '-': case '/': case '.': case '_': case '&': case '+': case '#':
        return segment[0];
      default:
        return 0;
    }
  }
  // U+2010..U+2015 (hyphen .. horizontal bar) and U+2212 (minus sign).
  if (segment.size() == 3) {
    auto b = [&](int i) { return static_cast<unsigned char>(segment[i]); };
    if (b(0) == 0xE2 && b(1) == 0x80 && b(2) >= 0x90 && b(2) <= 0x95) return '-';
    if (b(0) == 0xE2 && b(1) == 0x88 && b(2) == 0x92) return '-';
  }
  return 0;
}

bool IsSuffixChar(char c) { return c == '+' || c == '#'; }

bool IsAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Replaces every occurrence of `from` with `to` in `s`.
void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t at = s.find(from); at != std::string::npos;
       at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

bool IsAscii(std::string_view text) {
  bool ascii = true;
  for (char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
  return ascii;
}

std::string NormalizeImpl(std::string_view text) {
  std::string out;
  if (IsAscii(text)) {  // NFKC and case folding of ASCII is lowercasing.
    out.assign(text);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: no NFKC_Casefold data");
  icu::UnicodeString folded = nfkc_cf->normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size())), status);
  if (U_FAILURE(status)) return std::string(text);
  folded.toUTF8String(out);
  for (std::string_view apostrophe : {"\u2019", "\u2018", "\u02BC", "\u2032"}) {
    ReplaceAll(out, apostrophe, "'");
  }
  for (std::string_view dash : {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014",
                                "\u2015", "\u2212"}) {
    ReplaceAll(out, dash, "-");
  }
  return out;
}

enum class SegmentType { kLetters, kNumber, kIdeographic, kJoiner, kBreak };

struct Segment {
  std::uint32_t begin;
  std::uint32_t end;
  SegmentType type;
  char joiner;  // for kJoiner
};

SegmentType TypeOf(int32_t rule_status) {
  if (rule_status >= UBRK_WORD_IDEO && rule_status < UBRK_WORD_IDEO_LIMIT) {
    return SegmentType::kIdeographic;
  }
  if (rule_status >= UBRK_WORD_KANA && rule_status < UBRK_WORD_KANA_LIMIT) {
    return SegmentType::kIdeographic;
  }
  if (rule_status >= UBRK_WORD_LETTER && rule_status < UBRK_WORD_LETTER_LIMIT) {
    return SegmentType::kLetters;
  }
  if (rule_status >= UBRK_WORD_NUMBER && rule_status < UBRK_WORD_NUMBER_LIMIT) {
    return SegmentType::kNumber;
  }
  return SegmentType::kBreak;
}

// One piece of a technical token: a word segment with the '.' it may start
// with (.NET) and the '+'/'#' it may end with (C++, C#).
struct Piece {
  std::uint32_t begin;
  std::uint32_t end;
  std::string term;
  bool letters;
  bool decorated;  // has a leading '.' or trailing '+'/'#'
};

bool IsWord(const Segment& s) {
  return s.type == SegmentType::kLetters || s.type == SegmentType::kNumber;
}
bool IsJoiner(const Segment& s) { return s.type == SegmentType::kJoiner; }

// Builds the tokens of a run of contiguous word and joiner segments (no
// space inside), e.g. "C++/CLI", ".NET", "end-to-end", "e.g.".
class ChunkEmitter {
 public:
  ChunkEmitter(std::string_view text, std::vector<Token>& out, std::uint32_t& position)
      : text_(text), out_(out), position_(position) {}

  void Emit(std::span<const Segment> chunk) {
    const std::size_t n = chunk.size();
    std::size_t first = 0;
    while (first < n && IsJoiner(chunk[first])) ++first;
    if (first == n) return;
    std::size_t last = n - 1;
    while (IsJoiner(chunk[last])) --last;

    // A '.' opens a word only as the chunk's single leading joiner: ".NET".
    bool lead_dot = first == 1 && chunk[0].joiner == '.' &&
                    chunk[first].type == SegmentType::kLetters;
    std::vector<Piece> pieces;
    std::string whole;
    std::size_t i = first;
    while (true) {
      Piece piece = WordPiece(chunk[i], lead_dot);
      std::size_t j = i + 1;
      std::size_t k = j;
      while (k < n && IsJoiner(chunk[k]) && IsSuffixChar(chunk[k].joiner)) ++k;
      // "C++", "C#" end a word; a lone '+' between words separates ("a+b").
      if (k > j && (k >= n || !IsWord(chunk[k]) || k - j > 1)) {
        piece.term.append(text_.substr(chunk[j].begin, chunk[k - 1].end - chunk[j].begin));
        piece.end = chunk[k - 1].end;
        piece.decorated = true;
        j = k;
      }
      whole += piece.term;
      SplitInside(std::move(piece), pieces);
      if (j > last) break;  // trailing joiners ("end.", "foo-") are dropped

      std::size_t m = j;
      while (m < n && IsJoiner(chunk[m])) ++m;
      const std::size_t separators = m - j;
      const bool dot_leads = separators == 2 && chunk[m - 1].joiner == '.' &&
                             chunk[m].type == SegmentType::kLetters;
      if (separators == 1 || dot_leads) {  // "tcp/ip", "c#/.net"
        whole += chunk[j].joiner;
        lead_dot = dot_leads;
        i = m;
        continue;
      }
      // No separator ("C++11") or a run of them ("--", "://"): a new token.
      Flush(pieces, whole);
      Emit(chunk.subspan(separators == 0 ? j : m - (chunk[m - 1].joiner == '.' ? 1 : 0)));
      return;
    }
    Flush(pieces, whole);
  }

 private:
  Piece WordPiece(const Segment& segment, bool lead_dot) const {
    Piece piece{segment.begin, segment.end,
                NormalizeImpl(text_.substr(segment.begin, segment.end - segment.begin)),
                segment.type == SegmentType::kLetters, lead_dot};
    // Possessive: "Apple's" is found by "apple".
    if (piece.letters && piece.term.size() > 2 && piece.term.ends_with("'s")) {
      piece.term.resize(piece.term.size() - 2);
    }
    if (lead_dot) {
      piece.term.insert(0, ".");
      piece.begin -= 1;
    }
    return piece;
  }

  // ICU keeps "Node.js", "e.g" and "snake_case" in one segment; their parts
  // are words of their own (node, js). Only ASCII pieces are split, where the
  // normalised term and the text have the same byte offsets.
  void SplitInside(Piece piece, std::vector<Piece>& pieces) const {
    const std::string_view source = text_.substr(piece.begin, piece.end - piece.begin);
    const bool ascii = IsAscii(source);
    const std::string& t = piece.term;
    std::size_t start = 0;
    if (piece.letters && ascii) {
      for (std::size_t k = 1; k + 1 < t.size(); ++k) {
        if ((t[k] == '.' || t[k] == '_') && IsAsciiLetter(t[k - 1]) && IsAsciiLetter(t[k + 1])) {
          pieces.push_back(Piece{piece.begin + static_cast<std::uint32_t>(start),
                                 piece.begin + static_cast<std::uint32_t>(k),
                                 t.substr(start, k - start), true, start == 0 && piece.decorated});
          start = k + 1;
        }
      }
    }
    if (start == 0) {
      pieces.push_back(std::move(piece));
      return;
    }
    pieces.push_back(Piece{piece.begin + static_cast<std::uint32_t>(start), piece.end,
                           t.substr(start), true, false});
  }

  void Flush(std::vector<Piece>& pieces, std::string& whole) {
    if (pieces.empty()) return;
    if (pieces.size() == 1) {
      const Piece& p = pieces.front();
      Token::Kind kind = p.decorated ? Token::Kind::kCompound
                         : p.letters ? Token::Kind::kWord
                                     : Token::Kind::kNumber;
      Push(p.term, p.begin, p.end, kind);
      ++position_;
    } else {
      // Very long compounds are URLs or paths: their parts are what people type.
      constexpr std::size_t kMaxParts = 12;
      const bool keep_whole = whole.size() <= kMaxTermBytes && pieces.size() <= kMaxParts;
      if (keep_whole) {
        Push(whole, pieces.front().begin, pieces.back().end, Token::Kind::kCompound);
      }
      for (const Piece& p : pieces) {
        Token::Kind kind = keep_whole  ? Token::Kind::kPart
                           : p.letters ? Token::Kind::kWord
                                       : Token::Kind::kNumber;
        Push(p.term, p.begin, p.end, kind);
        ++position_;
      }
    }
    pieces.clear();
    whole.clear();
  }

  void Push(const std::string& term, std::uint32_t begin, std::uint32_t end, Token::Kind kind) {
    if (term.empty() || term.size() > kMaxTermBytes) return;
    out_.push_back(Token{term, position_, begin, end, kind});
  }

  std::string_view text_;
  std::vector<Token>& out_;
  std::uint32_t& position_;
};

}  // namespace

class Analyzer::Impl {
 public:
  std::vector<Segment> Segments(std::string_view text) {
    std::vector<Segment> segments;
    for (const WordSegment& s : words_.Segments(text)) {
      Segment segment{s.begin, s.end, TypeOf(s.rule_status), 0};
      if (segment.type == SegmentType::kBreak) {
        segment.joiner = JoinerChar(text.substr(s.begin, s.end - s.begin));
        if (segment.joiner != 0) segment.type = SegmentType::kJoiner;
      }
      segments.push_back(segment);
    }
    return segments;
  }

 private:
  WordSegmenter words_;
};

Analyzer::Analyzer(Xapian::Stem stemmer)
    : impl_(std::make_unique<Impl>()), stemmer_(std::move(stemmer)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::vector<Token> Analyzer::Analyze(std::string_view text, std::uint32_t first_position,
                                     std::uint32_t* next_position) const {
  std::vector<Token> tokens;
  std::uint32_t position = first_position;
  ChunkEmitter emitter(text, tokens, position);
  const std::vector<Segment> segments = impl_->Segments(text);
  std::size_t chunk_begin = 0;
  auto flush = [&](std::size_t chunk_end) {
    if (chunk_end > chunk_begin) {
      emitter.Emit(std::span(segments).subspan(chunk_begin, chunk_end - chunk_begin));
    }
  };
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    if (s.type == SegmentType::kLetters || s.type == SegmentType::kNumber ||
        s.type == SegmentType::kJoiner) {
      continue;  // still inside a chunk
    }
    flush(i);
    chunk_begin = i + 1;
    if (s.type == SegmentType::kIdeographic) {
      std::string term = NormalizeImpl(text.substr(s.begin, s.end - s.begin));
      if (!term.empty() && term.size() <= kMaxTermBytes) {
        tokens.push_back(Token{std::move(term), position, s.begin, s.end, Token::Kind::kIdeographic});
      }
      ++position;
    }
  }
  flush(segments.size());
  if (next_position != nullptr) *next_position = position;
  return tokens;
}

std::string Analyzer::Stem(const Token& token) const {
  if (token.kind != Token::Kind::kWord && token.kind != Token::Kind::kPart) return {};
  for (char c : token.term) {
    // Digits and joiners mark a technical name (x86, node.js): never stemmed.
    if ((c >= '0' && c <= '9') || c == '.' || c == '+' || c == '#' || c == '\'' || c == '_' ||
        c == '-' || c == '/' || c == '&') {
      return {};
    }
  }
  if (stemmer_.is_none()) return {};
  std::string stem = stemmer_(token.term);
  return stem;
}

std::string Analyzer::Normalize(std::string_view utf8_text) { return NormalizeImpl(utf8_text); }

bool HasParts(const std::vector<Token>& tokens, std::size_t i) {
  return tokens[i].kind == Token::Kind::kCompound && i + 1 < tokens.size() && tokens[i + 1].is_part();
}

std::vector<Token> PhraseTokens(const std::vector<Token>& tokens) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!HasParts(tokens, i)) out.push_back(tokens[i]);
  }
  return out;
}

}  // namespace notesearch
