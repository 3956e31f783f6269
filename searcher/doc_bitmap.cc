#include "searcher/doc_bitmap.h"

namespace notesearch {

std::optional<DocBitmap> DocBitmap::Evaluate(const Xapian::Query& query, const Xapian::Database& db) {
  DocBitmap result(db.get_lastdocid());
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL: {
      // The empty term's postings are every document.
      result.SetPostings(query.get_type() == Xapian::Query::LEAF_TERM ? *query.get_terms_begin() : "", db);
      return result;
    }
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return result;
    case Xapian::Query::OP_SCALE_WEIGHT:
      return Evaluate(query.get_subquery(0), db);
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_AND_NOT:
      break;
    default:
      return std::nullopt;
  }
  const Xapian::Query::op op = query.get_type();
  const bool any = op == Xapian::Query::OP_OR || op == Xapian::Query::OP_SYNONYM || op == Xapian::Query::OP_MAX;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    const Xapian::Query sub = query.get_subquery(i);
    // The terms of an OR set their bits in place: no bitmap per term.
    if (any && sub.get_type() == Xapian::Query::LEAF_TERM) {
      result.SetPostings(*sub.get_terms_begin(), db);
      continue;
    }
    std::optional<DocBitmap> part = Evaluate(sub, db);
    if (!part) return std::nullopt;
    if (i == 0 && !any) {
      result = std::move(*part);
      continue;
    }
    switch (op) {
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_FILTER:
        result.Intersect(*part);
        break;
      case Xapian::Query::OP_AND_NOT:
        result.Subtract(*part);
        break;
      default:  // the ORs
        result.Unite(*part);
    }
  }
  return result;
}

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

Xapian::doccount DocBitmap::count() const {
  Xapian::doccount total = 0;
  for (std::uint64_t bits : words_) total += static_cast<Xapian::doccount>(std::popcount(bits));
  return total;
}

}  // namespace notesearch
