#include "searcher/snippet.h"

#include <algorithm>

namespace notesearch {
namespace {

constexpr std::string_view kEllipsis = "\u2026";
constexpr std::size_t kBoundarySlack = 20;  // code points to look for a space

}  // namespace

std::optional<Snippet> MakeSnippet(std::string_view text, const std::vector<Span>& byte_highlights) {
  // Byte offset of each code point (and of the end).
  std::vector<std::uint32_t> starts;
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  const std::size_t length = starts.size();
  if (length <= kSnippetThreshold) return std::nullopt;
  starts.push_back(static_cast<std::uint32_t>(text.size()));
  auto code_point_of = [&](std::uint32_t byte) {
    return static_cast<std::size_t>(std::lower_bound(starts.begin(), starts.end(), byte) - starts.begin());
  };

  // The window with the most highlights, a quarter of it before the first.
  std::size_t best_start = 0;
  std::size_t best_count = 0;
  for (const Span& span : byte_highlights) {
    const std::size_t first = code_point_of(span.first);
    std::size_t start = first > kSnippetLength / 4 ? first - kSnippetLength / 4 : 0;
    start = std::min(start, length - kSnippetLength);
    std::size_t count = 0;
    for (const Span& other : byte_highlights) {
      count += code_point_of(other.first) >= start && code_point_of(other.second) <= start + kSnippetLength;
    }
    if (count > best_count) {
      best_count = count;
      best_start = start;
    }
  }
  std::size_t start = best_start;
  std::size_t end = start + kSnippetLength;
  // Cut at spaces rather than inside words.
  auto is_space_at = [&](std::size_t cp) { return text[starts[cp]] == ' '; };
  if (start > 0) {
    for (std::size_t k = 0; k < kBoundarySlack && start + k < end; ++k) {
      if (is_space_at(start + k)) {
        start += k + 1;
        break;
      }
    }
  }
  if (end < length) {
    for (std::size_t k = 0; k < kBoundarySlack && end - k > start; ++k) {
      if (is_space_at(end - k)) {
        end -= k;
        break;
      }
    }
  }
  Snippet snippet;
  const std::uint32_t begin_byte = starts[start];
  const std::uint32_t end_byte = starts[end];
  if (start > 0) snippet.text = kEllipsis;
  const std::uint32_t shift = static_cast<std::uint32_t>(snippet.text.size());
  snippet.text.append(text.substr(begin_byte, end_byte - begin_byte));
  if (end < length) snippet.text += kEllipsis;
  for (const Span& span : byte_highlights) {
    if (span.first >= begin_byte && span.second <= end_byte) {
      snippet.highlights.emplace_back(span.first - begin_byte + shift, span.second - begin_byte + shift);
    }
  }
  return snippet;
}

}  // namespace notesearch
