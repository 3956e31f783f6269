#include "core/hash.h"

namespace notesearch {

std::string HashKey(std::string_view bytes, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t hash = StableHash(bytes);
  std::string key(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, hash >>= 4) key[static_cast<std::size_t>(i)] = kHex[hash & 0xF];
  return key;
}

}  // namespace notesearch
