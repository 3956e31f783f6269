#include "core/record_codec.h"

#include <stdexcept>

namespace notesearch {

void RecordWriter::Varint(std::uint64_t n) {
  while (n >= 0x80) {
    out_ += static_cast<char>((n & 0x7F) | 0x80);
    n >>= 7;
  }
  out_ += static_cast<char>(n);
}

void RecordWriter::String(std::string_view s) {
  Varint(s.size());
  out_ += s;
}

RecordReader::RecordReader(std::string_view data, char version) : data_(data) {
  if (data_.empty() || data_[0] != version) Fail();
  data_.remove_prefix(1);
}

std::uint64_t RecordReader::Varint() {
  std::uint64_t n = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (data_.empty()) Fail();
    const auto byte = static_cast<unsigned char>(data_.front());
    data_.remove_prefix(1);
    n |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return n;
  }
  Fail();
}

std::string RecordReader::String() {
  const std::uint64_t size = Varint();
  if (size > data_.size()) Fail();
  std::string s(data_.substr(0, size));
  data_.remove_prefix(size);
  return s;
}

void RecordReader::Fail() { throw std::runtime_error("malformed record in the index"); }

}  // namespace notesearch
