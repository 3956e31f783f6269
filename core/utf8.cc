#include "core/utf8.h"

#include <algorithm>

#include <unicode/utf8.h>

namespace notesearch {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The code point at `at`: how many bytes it takes (for a bad sequence,
// as many as U8_NEXT skips) and whether it is well-formed and not NUL.
struct CodePoint {
  std::size_t length;
  bool valid;
};
CodePoint CodePointAt(std::string_view bytes, std::size_t at) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data() + at);
  // U8_NEXT works on int32_t offsets: look at one code point's window.
  const auto window = static_cast<int32_t>(std::min<std::size_t>(bytes.size() - at, 4));
  int32_t offset = 0;
  UChar32 c;
  U8_NEXT(s, offset, window, c);
  return {static_cast<std::size_t>(offset), c > 0};
}

// Where the ASCII run from `at` ends (mostly the whole text of a note).
std::size_t EndOfAscii(std::string_view bytes, std::size_t at) {
  while (at < bytes.size() && static_cast<unsigned char>(bytes[at]) < 0x80 && bytes[at] != '\0') ++at;
  return at;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  for (std::size_t i = EndOfAscii(bytes, 0); i < bytes.size(); i = EndOfAscii(bytes, i)) {
    const CodePoint code_point = CodePointAt(bytes, i);
    if (!code_point.valid) return false;
    i += code_point.length;
  }
  return true;
}

std::string ToValidUtf8(std::string_view bytes, std::vector<std::uint32_t>* bad_lines) {
  std::string out;
  out.reserve(bytes.size());
  std::uint32_t line = 1;
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t ascii_end = EndOfAscii(bytes, i);
    if (bad_lines != nullptr) line += static_cast<std::uint32_t>(std::count(bytes.begin() + i, bytes.begin() + ascii_end, '\n'));
    out.append(bytes.substr(i, ascii_end - i));
    i = ascii_end;
    if (i == bytes.size()) break;
    const CodePoint code_point = CodePointAt(bytes, i);
    if (code_point.valid) {
      out.append(bytes.substr(i, code_point.length));
    } else {
      out += kReplacement;
      if (bad_lines != nullptr && (bad_lines->empty() || bad_lines->back() != line)) bad_lines->push_back(line);
    }
    i += code_point.length;
  }
  return out;
}

bool AnyCodePoint(std::string_view utf8, bool (*is)(char32_t)) {
  const auto length = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, length, c);
    if (c >= 0 && is(static_cast<char32_t>(c))) return true;
  }
  return false;
}

}  // namespace notesearch
