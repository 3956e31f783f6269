#include "searcher/doc_bitmap.h"

#include <iterator>

namespace notesearch {

void DocBitmap::MakeDense() {
  words_.assign(WordCount(), 0);
  for (const Xapian::docid doc : ids_) words_[doc / 64] |= std::uint64_t{1} << (doc % 64);
  ids_ = {};
  dense_ = true;
}

void DocBitmap::SetListed(Xapian::docid doc) {
  if (ids_.empty() || doc > ids_.back()) {  // postings and visits come in order
    ids_.push_back(doc);
    if (Crowded()) MakeDense();
  } else if (doc != ids_.back()) {
    MakeDense();
    Set(doc);
  }
}

void DocBitmap::SetRange(Xapian::docid first, Xapian::docid last) {
  last = std::min(last, last_);
  if (first > last) return;
  if (!dense_) {
    if (!ids_.empty() && first <= ids_.back()) {
      MakeDense();
    } else {
      Expect(last - first + 1);
      if (!dense_) {
        for (Xapian::docid doc = first; doc <= last; ++doc) ids_.push_back(doc);
        return;
      }
    }
  }
  for (Xapian::docid doc = first; doc <= last && doc % 64 != 0; ++doc) Set(doc);  // up to a word's start
  const Xapian::docid aligned = (first + 63) / 64 * 64;
  for (std::size_t w = aligned / 64; std::size_t{w} * 64 + 63 <= last; ++w) words_[w] = ~std::uint64_t{0};
  for (Xapian::docid doc = std::max(aligned, last / 64 * 64); doc <= last; ++doc) Set(doc);  // the last word's head
}

void DocBitmap::Expect(Xapian::doccount count) {
  if (dense_) return;
  const std::size_t wanted = ids_.size() + count;
  if (wanted > 2 * WordCount()) MakeDense();
  else if (wanted > ids_.capacity()) ids_.reserve(std::max(wanted, 2 * ids_.capacity()));  // runs come one by one
}

void DocBitmap::SetPostings(const std::string& term, const Xapian::Database& db) {
  Expect(db.get_termfreq(term));
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) Set(*it);
}

void DocBitmap::Intersect(const DocBitmap& other) {
  if (dense_ && other.dense_) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= other.words_[w];
    return;
  }
  // The result has no more documents than the sparse side.
  std::vector<Xapian::docid> kept;
  if (!dense_ && !other.dense_) {
    std::set_intersection(ids_.begin(), ids_.end(), other.ids_.begin(), other.ids_.end(), std::back_inserter(kept));
  } else {
    const DocBitmap& sparse = dense_ ? other : *this;
    const DocBitmap& filter = dense_ ? *this : other;
    for (const Xapian::docid doc : sparse.ids_) {
      if (filter.Contains(doc)) kept.push_back(doc);
    }
  }
  ids_ = std::move(kept);
  words_ = {};
  dense_ = false;
}

void DocBitmap::Unite(const DocBitmap& other) {
  if (!dense_ && !other.dense_) {
    std::vector<Xapian::docid> both;
    both.reserve(ids_.size() + other.ids_.size());
    std::set_union(ids_.begin(), ids_.end(), other.ids_.begin(), other.ids_.end(), std::back_inserter(both));
    ids_ = std::move(both);
    if (Crowded()) MakeDense();
    return;
  }
  if (!dense_) MakeDense();
  if (other.dense_) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] |= other.words_[w];
  } else {
    for (const Xapian::docid doc : other.ids_) words_[doc / 64] |= std::uint64_t{1} << (doc % 64);
  }
}

void DocBitmap::Subtract(const DocBitmap& other) {
  if (dense_ && other.dense_) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= ~other.words_[w];
  } else if (dense_) {
    for (const Xapian::docid doc : other.ids_) words_[doc / 64] &= ~(std::uint64_t{1} << (doc % 64));
  } else {
    std::erase_if(ids_, [&](Xapian::docid doc) { return other.Contains(doc); });
  }
}

Xapian::doccount DocBitmap::count() const {
  if (!dense_) return static_cast<Xapian::doccount>(ids_.size());
  Xapian::doccount total = 0;
  for (std::uint64_t bits : words_) total += static_cast<Xapian::doccount>(std::popcount(bits));
  return total;
}

DocBitmap::Ranks::Ranks(const DocBitmap& docs) : docs_(docs) {
  if (!docs.dense_) return;
  word_ranks_.resize(docs.words_.size());
  Xapian::doccount before = 0;
  for (std::size_t w = 0; w < docs.words_.size(); ++w) {
    word_ranks_[w] = before;
    before += static_cast<Xapian::doccount>(std::popcount(docs.words_[w]));
  }
}

Xapian::doccount DocBitmap::Ranks::OfListed(Xapian::docid doc) {
  const std::vector<Xapian::docid>& ids = docs_.ids_;
  // Gallop from the last answer (from the start when `doc` lies before it):
  // `from` stays at or before the answer, the probe doubles until it passes.
  std::size_t from = last_ < ids.size() && ids[last_] <= doc ? last_ : 0;
  std::size_t step = 1;
  while (from + step < ids.size() && ids[from + step] < doc) {
    from += step;
    step *= 2;
  }
  const auto end = ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), from + step));
  last_ = static_cast<std::size_t>(std::lower_bound(ids.begin() + static_cast<std::ptrdiff_t>(from), end, doc) - ids.begin());
  return static_cast<Xapian::doccount>(last_);
}

}  // namespace notesearch
