// Warnings and errors about input, always naming the file and line (or the
// query column) they are about, so that nothing is dropped silently.
// Thread-safety: plain values; a DiagnosticSink is called from one thread.
#ifndef NOTESEARCH_CORE_DIAGNOSTIC_H_
#define NOTESEARCH_CORE_DIAGNOSTIC_H_

#include <cstdint>
#include <functional>
#include <string>

namespace notesearch {

struct Diagnostic {
  enum class Severity { kWarning, kError };
  Severity severity = Severity::kWarning;
  std::string file;        // empty for query diagnostics
  std::uint32_t line = 0;  // 1-based; 0 when about the whole file
  std::string message;

  // "file:line: warning: message", the format editors and compilers use.
  std::string ToString() const;
};

using DiagnosticSink = std::function<void(const Diagnostic&)>;

}  // namespace notesearch

#endif  // NOTESEARCH_CORE_DIAGNOSTIC_H_
