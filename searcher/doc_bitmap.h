// A set of documents: the matches of a query evaluated straight from the
// posting lists (match_scorer.h).
//
// Counting needs every match of a query but no weights and no order. Run
// through Xapian's matcher it costs a merge step per match and term, and a
// Xapian::Document per match for the match spies: most of a counting pass.
// Setting a bit per posting and visiting the bits in order gives the same
// matches for a fraction of that.
//
// A set holds its documents as a sorted list of ids while that is smaller
// than a bit per document of the index, and as bits beyond: most terms
// are rare, and on 100 copies of the notes a bitmap is 185 KiB, whose
// zeroing, copying and page faults cost a one-shot search more than its
// posting lists did.
//
// Ownership and thread-safety: a plain value; SetPostings reads `db`, which
// is not thread-safe (one database handle per thread).
#ifndef NOTESEARCH_SEARCHER_DOC_BITMAP_H_
#define NOTESEARCH_SEARCHER_DOC_BITMAP_H_

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

namespace notesearch {

class DocBitmap {
 public:
  // No documents of `db`, whose ids run up to its last.
  static DocBitmap None(const Xapian::Database& db) { return NoneUpTo(db.get_lastdocid()); }
  // No documents, of ids that run up to `last`.
  static DocBitmap NoneUpTo(Xapian::docid last) { return DocBitmap(last); }

  Xapian::doccount count() const;
  bool Contains(Xapian::docid doc) const {
    if (!dense_) return std::binary_search(ids_.begin(), ids_.end(), doc);
    return doc / 64 < words_.size() && (words_[doc / 64] >> (doc % 64) & 1) != 0;
  }
  void Set(Xapian::docid doc) {
    if (!dense_) return SetListed(doc);
    words_[doc / 64] |= std::uint64_t{1} << (doc % 64);
  }
  // Sets every document from `first` to `last` (clamped to the last id):
  // a heading's run on 100 copies of the notes is a million documents.
  void SetRange(Xapian::docid first, Xapian::docid last);
  // Room for `count` documents to come: bits at once when they would win.
  void Expect(Xapian::doccount count);
  // Sets the documents of `term`'s posting list.
  void SetPostings(const std::string& term, const Xapian::Database& db);
  // Set operations with a set of the same database.
  void Intersect(const DocBitmap& other);
  void Unite(const DocBitmap& other);
  void Subtract(const DocBitmap& other);

  // The place of each document among the set's, from 0 in increasing
  // order: arrays of a value per match are a match long, not a docid
  // range long (a one-shot search on 100 copies took a page fault per 512
  // documents of the index for an array by docid).
  //
  // Not thread-safe: a list remembers the last answer, so that a walk
  // asking in increasing order of documents steps forward from it instead
  // of searching the whole list for each (a binary search per posting was
  // a fifth of a search for `python` on 100 copies).
  class Ranks {
   public:
    explicit Ranks(const DocBitmap& docs);
    // `doc` must be one of the set's.
    Xapian::doccount Of(Xapian::docid doc) {
      if (!docs_.dense_) return OfListed(doc);
      const std::uint64_t before = docs_.words_[doc / 64] & ((std::uint64_t{1} << (doc % 64)) - 1);
      return word_ranks_[doc / 64] + static_cast<Xapian::doccount>(std::popcount(before));
    }

   private:
    Xapian::doccount OfListed(Xapian::docid doc);

    const DocBitmap& docs_;
    std::vector<Xapian::doccount> word_ranks_;  // documents before each word, when dense
    std::size_t last_ = 0;                      // the last answer, when a list
  };

  // Calls visit(item) for each of `items` (in increasing order of
  // doc_of(item)) whose document is in the set: a bit test each, or one
  // walk along both lists when the set is a list.
  template <typename Items, typename DocOf, typename Visit>
  void ForEachIn(const Items& items, DocOf&& doc_of, Visit&& visit) const {
    if (dense_) {
      for (const auto& item : items) {
        if (Contains(doc_of(item))) visit(item);
      }
      return;
    }
    auto id = ids_.begin();
    for (const auto& item : items) {
      const Xapian::docid doc = doc_of(item);
      while (id != ids_.end() && *id < doc) ++id;
      if (id == ids_.end()) return;
      if (*id == doc) visit(item);
    }
  }

  // Calls visit(docid) for every document from `first` to `last`, in
  // increasing order.
  template <typename Visit>
  void ForEachInRange(Xapian::docid first, Xapian::docid last, Visit&& visit) const {
    if (!dense_) {
      for (auto id = std::lower_bound(ids_.begin(), ids_.end(), first); id != ids_.end() && *id <= last; ++id) {
        visit(*id);
      }
      return;
    }
    if (first > last || first / 64 >= words_.size()) return;
    const std::size_t first_word = first / 64;
    const std::size_t last_word = std::min<std::size_t>(last / 64, words_.size() - 1);
    const std::uint64_t head = ~std::uint64_t{0} << (first % 64);
    const std::uint64_t tail =
        last_word == last / 64 && last % 64 != 63 ? (std::uint64_t{1} << (last % 64 + 1)) - 1 : ~std::uint64_t{0};
    if (first_word == last_word) return VisitWord(first_word, words_[first_word] & head & tail, visit);
    VisitWord(first_word, words_[first_word] & head, visit);
    for (std::size_t w = first_word + 1; w < last_word; ++w) VisitWord(w, words_[w], visit);
    VisitWord(last_word, words_[last_word] & tail, visit);
  }

  // Calls visit(docid) for every document, in increasing order.
  template <typename Visit>
  void ForEach(Visit&& visit) const {
    ForEachInRange(0, last_, visit);
  }

 private:
  explicit DocBitmap(Xapian::docid last) : last_(last) {}
  template <typename Visit>
  static void VisitWord(std::size_t w, std::uint64_t bits, Visit& visit) {
    for (; bits != 0; bits &= bits - 1) {
      visit(static_cast<Xapian::docid>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
    }
  }
  std::size_t WordCount() const { return std::size_t{last_} / 64 + 1; }
  // Bits take less room than ids from this many documents on.
  bool Crowded() const { return ids_.size() > 2 * WordCount(); }
  void MakeDense();
  void SetListed(Xapian::docid doc);

  Xapian::docid last_;
  bool dense_ = false;
  std::vector<std::uint64_t> words_;  // a bit per document id, when dense_
  std::vector<Xapian::docid> ids_;    // increasing, when not
};

// Sets each document Xapian's matcher sees (every match when it checks at
// least as many as the database holds), for what only the matcher
// evaluates. One database only: over shards, a match spy is handed each
// shard's own document ids.
class DocBitmapSpy : public Xapian::MatchSpy {
 public:
  explicit DocBitmapSpy(const Xapian::Database& db) : docs_(DocBitmap::None(db)) {}
  void operator()(const Xapian::Document& doc, double) override { docs_.Set(doc.get_docid()); }
  DocBitmap& docs() { return docs_; }

 private:
  DocBitmap docs_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_DOC_BITMAP_H_
