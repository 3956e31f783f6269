// The peer every benchmark compares against: a stock Xapian setup over the
// same bullets (TermGenerator with the English stemmer and positions,
// QueryParser with STEM_SOME), as a user of Xapian would write it.
#ifndef NOTESEARCH_BENCH_STOCK_XAPIAN_H_
#define NOTESEARCH_BENCH_STOCK_XAPIAN_H_

#include <filesystem>
#include <string>
#include <vector>

#include <xapian.h>

namespace notesearch::bench {

// Indexes every block of every notes file under `roots` (split with our
// outline parser, so both engines see the same bullets) into `db_dir`.
// Returns the number of documents.
std::size_t BuildStockIndex(const std::vector<std::filesystem::path>& roots, const std::filesystem::path& db_dir);

class StockSearcher {
 public:
  explicit StockSearcher(const std::filesystem::path& db_dir);
  // Returns (file, line) of the top `limit` hits.
  std::vector<std::pair<std::string, unsigned>> Search(const std::string& query, unsigned limit);

 private:
  Xapian::Database db_;
  Xapian::QueryParser parser_;
  Xapian::Stem stemmer_;
};

}  // namespace notesearch::bench

#endif  // NOTESEARCH_BENCH_STOCK_XAPIAN_H_
