// A set of documents as one bit per document id: the matches of a query
// evaluated straight from the posting lists (match_scorer.h).
//
// Counting needs every match of a query but no weights and no order. Run
// through Xapian's matcher it costs a merge step per match and term, and a
// Xapian::Document per match for the match spies: most of a counting pass.
// Setting a bit per posting and visiting the bits in order gives the same
// matches for a fraction of that.
//
// Ownership and thread-safety: a plain value; SetPostings reads `db`, which
// is not thread-safe (one database handle per thread).
#ifndef NOTESEARCH_SEARCHER_DOC_BITMAP_H_
#define NOTESEARCH_SEARCHER_DOC_BITMAP_H_

#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace notesearch {

class DocBitmap {
 public:
  // No documents of `db`, whose ids run up to its last.
  static DocBitmap None(const Xapian::Database& db) { return DocBitmap(db.get_lastdocid()); }

  Xapian::doccount count() const;
  bool Contains(Xapian::docid doc) const {
    return doc / 64 < words_.size() && (words_[doc / 64] >> (doc % 64) & 1) != 0;
  }
  void Set(Xapian::docid doc) { words_[doc / 64] |= std::uint64_t{1} << (doc % 64); }
  // Sets the documents of `term`'s posting list.
  void SetPostings(const std::string& term, const Xapian::Database& db);
  // Set operations with a bitmap of the same database.
  void Intersect(const DocBitmap& other);
  void Unite(const DocBitmap& other);
  void Subtract(const DocBitmap& other);
  // The place of each document among the bitmap's, from 0 in increasing
  // order: arrays of a value per match are a match long, not a docid
  // range long (a one-shot search on 100 copies took a page fault per 512
  // documents of the index for an array by docid).
  class Ranks {
   public:
    explicit Ranks(const DocBitmap& docs);
    // `doc` must be one of the bitmap's.
    Xapian::doccount Of(Xapian::docid doc) const {
      const std::uint64_t before = docs_.words_[doc / 64] & ((std::uint64_t{1} << (doc % 64)) - 1);
      return word_ranks_[doc / 64] + static_cast<Xapian::doccount>(std::popcount(before));
    }

   private:
    const DocBitmap& docs_;
    std::vector<Xapian::doccount> word_ranks_;  // documents before each word
  };

  // Calls visit(docid) for every document, in increasing order.
  template <typename Visit>
  void ForEach(Visit&& visit) const {
    for (std::size_t w = 0; w < words_.size(); ++w) {
      for (std::uint64_t bits = words_[w]; bits != 0; bits &= bits - 1) {
        visit(static_cast<Xapian::docid>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
      }
    }
  }

 private:
  explicit DocBitmap(Xapian::docid last) : words_(last / 64 + 1, 0) {}

  std::vector<std::uint64_t> words_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_DOC_BITMAP_H_
