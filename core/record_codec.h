// A compact binary encoding for records stored in the index (a document's
// data, the context lexicon): a version byte, then varints and
// length-prefixed strings. Read on every hit and at every searcher start, so
// it must decode fast; JSON took a third of a query's time.
// Thread-safety: plain values.
#ifndef NOTESEARCH_CORE_RECORD_CODEC_H_
#define NOTESEARCH_CORE_RECORD_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace notesearch {

class RecordWriter {
 public:
  explicit RecordWriter(char version) : out_(1, version) {}
  void Varint(std::uint64_t n);
  void String(std::string_view s);
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Every read throws std::runtime_error when the record is malformed.
class RecordReader {
 public:
  RecordReader(std::string_view data, char version);
  std::uint64_t Varint();
  std::uint32_t Uint32() { return static_cast<std::uint32_t>(Varint()); }
  std::string String();
  bool done() const { return data_.empty(); }

 private:
  [[noreturn]] static void Fail();
  std::string_view data_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_CORE_RECORD_CODEC_H_
