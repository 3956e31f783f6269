// A stable 64-bit hash (FNV-1a): the same across runs, builds and machines,
// unlike std::hash, so it can be stored in an index.
#ifndef NOTESEARCH_CORE_HASH_H_
#define NOTESEARCH_CORE_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace notesearch {

// `hash` continues a hash of earlier bytes: StableHash(b, StableHash(a)) is
// StableHash of a followed by b.
constexpr std::uint64_t StableHash(std::string_view bytes, std::uint64_t hash = 14695981039346656037ULL) {
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

// The low `digits` hex digits of StableHash: short keys for terms.
std::string HashKey(std::string_view bytes, int digits = 12);

}  // namespace notesearch

#endif  // NOTESEARCH_CORE_HASH_H_
