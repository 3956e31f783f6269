// Checking and repairing UTF-8: notes, file names and queries may hold
// bytes that are not UTF-8, and neither an index nor JSON may.
// Thread-safety: pure functions.
#ifndef NOTESEARCH_CORE_UTF8_H_
#define NOTESEARCH_CORE_UTF8_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace notesearch {

// True when `bytes` is well-formed UTF-8 without NUL.
bool IsValidUtf8(std::string_view bytes);

// Copies `bytes`, replacing each invalid UTF-8 sequence and each NUL by
// U+FFFD; records in `bad_lines`, when given, the 1-based lines where that
// happened.
std::string ToValidUtf8(std::string_view bytes, std::vector<std::uint32_t>* bad_lines = nullptr);

// Whether some code point of `utf8` satisfies `is` (an ICU property such
// as u_isalpha, wrapped); invalid sequences satisfy nothing.
bool AnyCodePoint(std::string_view utf8, bool (*is)(char32_t));

}  // namespace notesearch

#endif  // NOTESEARCH_CORE_UTF8_H_
