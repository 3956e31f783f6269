#include "bench/stock_xapian.h"

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>

#include "core/block.h"
#include "core/context_lexicon.h"
#include "core/fields.h"
#include "core/index_store.h"
#include "indexer/file_walker.h"
#include "indexer/outline_parser.h"
#include "indexer/source_file.h"

namespace notesearch::bench {

namespace {

Xapian::TermGenerator StockTermGenerator() {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  return generator;
}

// A block as a user of Xapian indexes it: the terms of its text with
// positions and stems, and its file, line and text as the document data.
Xapian::Document StockDocument(Xapian::TermGenerator& generator, const std::string& path, std::uint32_t line,
                               const std::string& text) {
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(text);
  doc.set_data(path + "\n" + std::to_string(line) + "\n" + text);
  return doc;
}

// The first of the slots that hold the values of facet field `name`.
Xapian::valueno FirstFacetSlot(const std::string& name) {
  const Field* field = FindField(name);
  if (field == nullptr || field->facet_slot == Xapian::BAD_VALUENO) throw std::invalid_argument("no facet " + name);
  return field->facet_slot;
}

}  // namespace

std::size_t BuildStockIndex(const std::vector<std::filesystem::path>& roots, const std::filesystem::path& db_dir) {
  std::vector<Diagnostic> diagnostics;
  Xapian::WritableDatabase db(db_dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator = StockTermGenerator();
  std::size_t documents = 0;
  for (const auto& path : FindNotesFiles(roots, &diagnostics)) {
    const SourceFile source = ReadSourceFile(path);
    if (source.status != SourceFile::Status::kText) continue;
    for (const Block& block : ParseOutline(source.text).blocks) {
      db.add_document(StockDocument(generator, path.string(), block.line, block.text));
      ++documents;
    }
  }
  db.commit();
  return documents;
}

std::size_t BuildStockFacetedIndex(const std::filesystem::path& notesearch_db, const std::filesystem::path& db_dir,
                                   const std::vector<std::string>& facets) {
  const Xapian::Database ours(notesearch_db.string());  // through its stub file
  const ContextLexicon lexicon = ContextLexicon::Decode(ours.get_metadata(metadata_keys::kLexicon));
  Xapian::WritableDatabase db(db_dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator = StockTermGenerator();
  std::vector<Xapian::valueno> first_slots;
  for (const std::string& name : facets) first_slots.push_back(FirstFacetSlot(name));
  std::size_t documents = 0;
  for (auto it = ours.postlist_begin(""); it != ours.postlist_end(""); ++it) {
    const Xapian::Document source = ours.get_document(*it);
    const StoredBlock stored = DecodeStoredBlock(source.get_value(slots::kRecord), lexicon);
    Xapian::Document doc = StockDocument(generator, stored.file, stored.block.line, stored.block.text);
    for (const Xapian::valueno first : first_slots) {
      for (Xapian::valueno slot = first; slot < first + slots::kMaxFacetValues; ++slot) {
        std::string value = source.get_value(slot);
        if (value.empty()) break;
        doc.add_value(slot, std::move(value));
      }
    }
    db.add_document(doc);
    ++documents;
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

const std::vector<Xapian::valueno>& StockSearcher::SlotsInUse(const std::string& field) {
  auto [it, added] = slots_in_use_.try_emplace(field);
  if (added) {
    const Xapian::valueno first = FirstFacetSlot(field);
    for (Xapian::valueno slot = first; slot < first + slots::kMaxFacetValues && db_.get_value_freq(slot) != 0; ++slot) {
      it->second.push_back(slot);
    }
  }
  return it->second;
}

StockResult StockSearcher::Search(const std::string& query, unsigned limit, const std::vector<std::string>& facets) {
  Xapian::Query parsed;
  try {
    parsed = parser_.parse_query(query, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD);
  } catch (const Xapian::QueryParserError&) {
    return {};  // stock Xapian rejects some queries that notesearch answers
  }
  Xapian::Enquire enquire(db_);
  enquire.set_query(parsed);
  // A spy for each slot of a field in use; all of a field's spies make its
  // counts.
  std::vector<std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies(facets.size());
  for (std::size_t i = 0; i < facets.size(); ++i) {
    for (const Xapian::valueno slot : SlotsInUse(facets[i])) {
      spies[i].push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
      enquire.add_matchspy(spies[i].back().get());
    }
  }
  // Spies see only the matches the matcher checks: exact counts need all.
  const Xapian::MSet mset = enquire.get_mset(0, limit, facets.empty() ? 0 : db_.get_doccount());
  StockResult result;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const std::string data = it.get_document().get_data();
    const std::size_t first = data.find('\n');
    const std::size_t second = data.find('\n', first + 1);
    result.hits.emplace_back(data.substr(0, first), std::stoul(data.substr(first + 1, second - first - 1)));
  }
  for (std::size_t i = 0; i < facets.size(); ++i) {
    std::map<std::string, Xapian::doccount> counts;
    for (const auto& spy : spies[i]) {
      for (auto value = spy->values_begin(); value != spy->values_end(); ++value) counts[*value] += value.get_termfreq();
    }
    StockFacet facet{facets[i], {counts.begin(), counts.end()}};
    const std::size_t shown = std::min<std::size_t>(10, facet.values.size());
    std::partial_sort(facet.values.begin(), facet.values.begin() + shown, facet.values.end(),
                      [](const auto& a, const auto& b) { return a.second > b.second; });
    facet.values.resize(shown);
    result.facets.push_back(std::move(facet));
  }
  return result;
}

}  // namespace notesearch::bench
