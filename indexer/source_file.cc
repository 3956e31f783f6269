#include "indexer/source_file.h"

#include "core/hash.h"
#include "core/utf8.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

#include <unicode/unistr.h>

namespace notesearch {
namespace {

constexpr std::size_t kBinarySniffBytes = 8000;
constexpr std::size_t kMaxWarningsPerFile = 20;

std::string FromUtf16(std::string_view bytes, const char* charset) {
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), charset);
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

SourceFile DecodeSourceBytes(std::string_view bytes, const std::string& file) {
  SourceFile result;
  result.content_hash = StableHash(bytes);
  std::string converted;
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    converted = FromUtf16(bytes.substr(2), bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE");
    bytes = converted;
  } else if (bytes.substr(0, kBinarySniffBytes).find('\0') != std::string_view::npos) {
    result.status = SourceFile::Status::kBinary;
    return result;
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::vector<std::uint32_t> bad_lines;
  result.text = ToValidUtf8(bytes, &bad_lines);
  for (std::size_t i = 0; i < bad_lines.size() && i < kMaxWarningsPerFile; ++i) {
    result.warnings.push_back({Diagnostic::Severity::kWarning, file, bad_lines[i],
                               "invalid UTF-8 (or NUL) replaced by U+FFFD"});
  }
  if (bad_lines.size() > kMaxWarningsPerFile) {
    result.warnings.push_back({Diagnostic::Severity::kWarning, file, 0,
                               std::to_string(bad_lines.size() - kMaxWarningsPerFile) +
                                   " more lines with invalid UTF-8 replaced"});
  }
  return result;
}

SourceFile ReadSourceFile(const std::filesystem::path& path) {
  SourceFile unreadable;
  unreadable.status = SourceFile::Status::kUnreadable;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    unreadable.error = std::strerror(errno);
    return unreadable;
  }
  std::string bytes;
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      unreadable.error = std::strerror(errno);
      ::close(fd);
      return unreadable;
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return DecodeSourceBytes(bytes, path.string());
}

}  // namespace notesearch
