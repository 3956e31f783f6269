// Reads a notes file into valid UTF-8 text: strips a UTF-8 BOM, converts
// UTF-16 (with a BOM), replaces invalid bytes and stray NULs with U+FFFD (a
// warning names each file:line), and recognises binary files (NUL bytes in
// the first 8 KiB, as git does) so that they are skipped with a warning.
// Thread-safety: pure functions.
#ifndef NOTESEARCH_INDEXER_SOURCE_FILE_H_
#define NOTESEARCH_INDEXER_SOURCE_FILE_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace notesearch {

struct SourceFile {
  enum class Status { kText, kBinary, kUnreadable };
  Status status = Status::kText;
  std::string text;                  // valid UTF-8 when status is kText
  std::string error;                 // why, when kUnreadable
  std::vector<Diagnostic> warnings;  // replaced bytes, by line
  std::uint64_t content_hash = 0;    // of the raw bytes; detects edits
};

SourceFile ReadSourceFile(const std::filesystem::path& path);

// The decoding step of ReadSourceFile, for bytes already in memory. `file`
// only names the source in warnings.
SourceFile DecodeSourceBytes(std::string_view bytes, const std::string& file);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_SOURCE_FILE_H_
