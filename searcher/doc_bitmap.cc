#include "searcher/doc_bitmap.h"

namespace notesearch {

void DocBitmap::Intersect(const DocBitmap& other) {
  for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= other.words_[w];
}

void DocBitmap::Unite(const DocBitmap& other) {
  for (std::size_t w = 0; w < words_.size(); ++w) words_[w] |= other.words_[w];
}

void DocBitmap::Subtract(const DocBitmap& other) {
  for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= ~other.words_[w];
}

void DocBitmap::SetPostings(const std::string& term, const Xapian::Database& db) {
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) Set(*it);
}

DocBitmap::Ranks::Ranks(const DocBitmap& docs) : docs_(docs), word_ranks_(docs.words_.size()) {
  Xapian::doccount before = 0;
  for (std::size_t w = 0; w < docs.words_.size(); ++w) {
    word_ranks_[w] = before;
    before += static_cast<Xapian::doccount>(std::popcount(docs.words_[w]));
  }
}

Xapian::doccount DocBitmap::count() const {
  Xapian::doccount total = 0;
  for (std::uint64_t bits : words_) total += static_cast<Xapian::doccount>(std::popcount(bits));
  return total;
}

}  // namespace notesearch
