// Errors a user can act on. The CLI prints their message as is (no stack,
// no exception type) and exits with status 2; the HTTP server answers 4xx.
#ifndef NOTESEARCH_CORE_ERRORS_H_
#define NOTESEARCH_CORE_ERRORS_H_

#include <stdexcept>

namespace notesearch {

// Bad input from the user: a malformed query, an unknown option value.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The index cannot be used as asked: missing, damaged, foreign, or locked by
// another writer. The message says what to do.
class IndexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace notesearch

#endif  // NOTESEARCH_CORE_ERRORS_H_
