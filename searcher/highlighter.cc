#include "searcher/highlighter.h"

#include <algorithm>

namespace notesearch {

std::vector<Span> FindHighlights(const Analyzer& analyzer, std::string_view text, const HighlightTerms& terms) {
  std::vector<Span> spans;
  if (terms.exact.empty() && terms.stems.empty() && terms.prefixes.empty()) return spans;
  // Snowball stems keep the word's first letter, so only words starting
  // like one of the stems are worth stemming (job ads run to 250 words).
  bool stem_initial[256] = {};
  for (const std::string& stem : terms.stems) stem_initial[static_cast<unsigned char>(stem[0])] = true;
  for (const Token& token : analyzer.Analyze(text)) {
    bool match = terms.exact.contains(token.term);
    if (!match && stem_initial[static_cast<unsigned char>(token.term[0])]) {
      const std::string stem = analyzer.Stem(token);
      match = !stem.empty() && terms.stems.contains(stem);
    }
    if (!match) {
      match = std::any_of(terms.prefixes.begin(), terms.prefixes.end(),
                          [&](const std::string& prefix) { return token.term.starts_with(prefix); });
    }
    if (match) spans.emplace_back(token.begin, token.end);
  }
  std::sort(spans.begin(), spans.end());
  // Spans separated only by joiners ("end" "-" "to" "-" "end") are one.
  auto joined = [&](std::uint32_t from, std::uint32_t to) {
    for (std::uint32_t i = from; i < to; ++i) {
      if (std::string_view("-/._&+#").find(text[i]) == std::string_view::npos) return false;
    }
    return true;
  };
  std::vector<Span> merged;
  for (const Span& span : spans) {
    if (!merged.empty() && (span.first <= merged.back().second || joined(merged.back().second, span.first))) {
      merged.back().second = std::max(merged.back().second, span.second);
    } else {
      merged.push_back(span);
    }
  }
  return merged;
}

std::vector<Span> ToCodePointSpans(std::string_view text, const std::vector<Span>& byte_spans) {
  // Code points start at every byte that is not a UTF-8 continuation byte.
  std::vector<std::uint32_t> code_point_at(text.size() + 1);
  std::uint32_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    code_point_at[i] = count;
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  code_point_at[text.size()] = count;
  // A byte inside a code point maps to the code point after the one it is in
  // (for ends) so spans never cut a character.
  std::vector<Span> out;
  for (const auto& [begin, end] : byte_spans) {
    const std::uint32_t b = code_point_at[std::min<std::size_t>(begin, text.size())];
    std::uint32_t e = code_point_at[std::min<std::size_t>(end, text.size())];
    out.emplace_back(b, e);
  }
  return out;
}

}  // namespace notesearch
