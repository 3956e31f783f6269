// The peer every benchmark compares against: a stock Xapian setup over the
// same bullets (TermGenerator with the English stemmer and positions,
// QueryParser with STEM_SOME), as a user of Xapian would write it.
#ifndef NOTESEARCH_BENCH_STOCK_XAPIAN_H_
#define NOTESEARCH_BENCH_STOCK_XAPIAN_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

namespace notesearch::bench {

// Indexes every block of every notes file under `roots` (split with our
// outline parser, so both engines see the same bullets) into `db_dir`.
// Returns the number of documents.
std::size_t BuildStockIndex(const std::vector<std::filesystem::path>& roots, const std::filesystem::path& db_dir);

// The same for stock Xapian with facets: the blocks of the notesearch index
// at `notesearch_db`, each with the values notesearch counts the facets
// `facets` (field names of the field table) from, in the same slots (stock
// Xapian has no entity extraction of its own). Returns the number of
// documents.
std::size_t BuildStockFacetedIndex(const std::filesystem::path& notesearch_db, const std::filesystem::path& db_dir,
                                   const std::vector<std::string>& facets);

// A facet as stock Xapian counts it: (value, matches) by count, the top ten.
struct StockFacet {
  std::string field;
  std::vector<std::pair<std::string, Xapian::doccount>> values;
};

struct StockResult {
  std::vector<std::pair<std::string, unsigned>> hits;  // (file, line) of the top hits
  std::vector<StockFacet> facets;
};

// Not thread-safe (one Xapian::Database and QueryParser).
class StockSearcher {
 public:
  explicit StockSearcher(const std::filesystem::path& db_dir);
  // The top `limit` hits, and with `facets` (field names of the notesearch
  // field table) their counts over every match, from a
  // Xapian::ValueCountMatchSpy per slot in use.
  StockResult Search(const std::string& query, unsigned limit, const std::vector<std::string>& facets = {});

 private:
  // The slots holding values of facet field `field` (a field's values
  // fill consecutive slots from its first), found once, as a user of Xapian
  // would know them.
  const std::vector<Xapian::valueno>& SlotsInUse(const std::string& field);

  Xapian::Database db_;
  Xapian::QueryParser parser_;
  Xapian::Stem stemmer_;
  std::map<std::string, std::vector<Xapian::valueno>> slots_in_use_;
};

}  // namespace notesearch::bench

#endif  // NOTESEARCH_BENCH_STOCK_XAPIAN_H_
