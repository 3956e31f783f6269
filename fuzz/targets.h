// What each fuzz target does with one input, shared by the libFuzzer entry
// points (fuzz/*_fuzzer.cc) and by the regression test that replays every
// saved input in fuzz/corpus/ on each CI run (tests/fuzz_regression_test.cc).
// A target returns normally for any input; a crash, hang, sanitizer report
// or uncaught exception is the bug.
#ifndef NOTESEARCH_FUZZ_TARGETS_H_
#define NOTESEARCH_FUZZ_TARGETS_H_

#include <string_view>

namespace notesearch::fuzz {

// Bytes of a notes file: decoding (BOM, UTF-16, invalid UTF-8, NUL) and the
// outline parser.
void OutlineParser(std::string_view bytes);
// Text analysis, stemming and highlighting of arbitrary text; its word
// segments as ICU alone finds them.
void Analysis(std::string_view bytes);
// The query parser and the query builder.
void QueryParser(std::string_view bytes);
// A columns file (searcher/doc_columns.h) of a small index, damaged as the
// input says: each 5 bytes overwrite the byte at a 4-byte offset, and a
// leftover byte cuts the file short. Loading it and reading every value of
// every document must not crash, whatever it holds.
void ColumnsFile(std::string_view bytes);

}  // namespace notesearch::fuzz

#endif  // NOTESEARCH_FUZZ_TARGETS_H_
