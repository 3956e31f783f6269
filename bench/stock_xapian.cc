#include "bench/stock_xapian.h"

#include "indexer/file_walker.h"
#include "indexer/outline_parser.h"
#include "indexer/source_file.h"

namespace notesearch::bench {

std::size_t BuildStockIndex(const std::vector<std::filesystem::path>& roots, const std::filesystem::path& db_dir) {
  std::vector<Diagnostic> diagnostics;
  Xapian::WritableDatabase db(db_dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::size_t documents = 0;
  for (const auto& path : FindNotesFiles(roots, &diagnostics)) {
    const SourceFile source = ReadSourceFile(path);
    if (source.status != SourceFile::Status::kText) continue;
    for (const Block& block : ParseOutline(source.text).blocks) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(block.text);
      doc.set_data(path.string() + "\n" + std::to_string(block.line) + "\n" + block.text);
      db.add_document(doc);
      ++documents;
    }
  }
  db.commit();
  return documents;
}

StockSearcher::StockSearcher(const std::filesystem::path& db_dir)
    : db_(db_dir.string()), stemmer_("english") {
  parser_.set_database(db_);
  parser_.set_stemmer(stemmer_);
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
}

std::vector<std::pair<std::string, unsigned>> StockSearcher::Search(const std::string& query, unsigned limit) {
  Xapian::Query parsed;
  try {
    parsed = parser_.parse_query(query, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD);
  } catch (const Xapian::QueryParserError&) {
    return {};  // stock Xapian rejects some queries that notesearch answers
  }
  Xapian::Enquire enquire(db_);
  enquire.set_query(parsed);
  std::vector<std::pair<std::string, unsigned>> hits;
  const Xapian::MSet mset = enquire.get_mset(0, limit);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const std::string data = it.get_document().get_data();
    const std::size_t first = data.find('\n');
    const std::size_t second = data.find('\n', first + 1);
    hits.emplace_back(data.substr(0, first), std::stoul(data.substr(first + 1, second - first - 1)));
  }
  return hits;
}

}  // namespace notesearch::bench
