// core/xapian_compression.cc, linked into every test binary as into the
// binaries that write indexes.
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include "tests/test_util.h"

namespace notesearch {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// What deflate makes of `input` in a stream of `window_bits`, as Xapian
// asks for it (level 6, memLevel 9): the output, or empty if it did not
// finish within twice the input's size.
std::string Deflate(const std::string& input, int window_bits) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string output(2 * input.size() + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(output.data());
  stream.avail_out = static_cast<uInt>(output.size());
  const bool finished = deflate(&stream, Z_FINISH) == Z_STREAM_END;
  output.resize(finished ? stream.total_out : 0);
  deflateEnd(&stream);
  return output;
}

std::string RepetitiveText() {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "term" + std::to_string(i % 7) + " ";
  return text;
}

TEST(XapianCompressionTest, RawDeflateStreamsComeOutNoShorter) {
  const std::string input = RepetitiveText();
  const std::string raw = Deflate(input, -15);
  ASSERT_FALSE(raw.empty());
  EXPECT_GE(raw.size(), input.size());
}

TEST(XapianCompressionTest, StreamsWithAHeaderAreCompressedAsAsked) {
  const std::string input = RepetitiveText();
  for (const int window_bits : {15, 31}) {  // zlib, gzip (HTTP responses)
    const std::string compressed = Deflate(input, window_bits);
    ASSERT_FALSE(compressed.empty()) << window_bits;
    EXPECT_LT(compressed.size(), input.size() / 4) << window_bits;
  }
}

// Terms whose term list deflate would shrink to a fraction (consecutive
// terms differ at the start, so Xapian's own prefix sharing leaves the
// repeated tail to zlib).
std::vector<std::string> TermsWithACommonTail() {
  std::vector<std::string> terms;
  for (const char* head : {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"}) {
    terms.push_back(std::string(head) + "withalongcommontail");
  }
  return terms;
}

std::string ReadWhole(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(XapianCompressionTest, XapianKeepsTermListsAsTheyAreAndReadsThemBack) {
  const testing::TempDir dir;
  const std::vector<std::string> terms = TermsWithACommonTail();
  {
    Xapian::WritableDatabase db(dir.path().string(), Xapian::DB_CREATE);
    Xapian::Document doc;
    for (const std::string& term : terms) doc.add_term(term);
    db.add_document(doc);
    db.commit();
  }
  EXPECT_THAT(ReadWhole(dir.path() / "termlist.glass"), HasSubstr("hotelwithalongcommontail"));
  const Xapian::Database db(dir.path().string());
  const std::vector<std::string> read(db.termlist_begin(1), db.termlist_end(1));
  EXPECT_EQ(read, terms);
}

}  // namespace
}  // namespace notesearch
