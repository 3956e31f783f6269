#include "indexer/entity_evaluation.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "indexer/outline_parser.h"
#include "indexer/source_file.h"

namespace notesearch {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> columns;
  std::stringstream in(line);
  for (std::string column; std::getline(in, column, '\t');) columns.push_back(column);
  return columns;
}

std::set<std::string> Names(const std::string& list) {
  std::set<std::string> names;
  std::stringstream in(list);
  for (std::string name; std::getline(in, name, '|');) {
    if (!name.empty()) names.insert(name);
  }
  return names;
}

}  // namespace

double FieldScore::precision() const {
  const std::size_t found = true_positives + false_positives;
  return found == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(found);
}

double FieldScore::recall() const {
  const std::size_t wanted = true_positives + false_negatives;
  return wanted == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(wanted);
}

EntityEvaluation EvaluateEntities(const std::filesystem::path& sample_tsv, const std::filesystem::path& root,
                                  const EntityExtractor& extractor, const Analyzer& analyzer,
                                  std::vector<Diagnostic>* problems) {
  EntityEvaluation evaluation;
  struct File {
    ParsedOutline outline;
    std::vector<std::vector<EntityMention>> mentions;
  };
  std::map<std::string, File> files;
  std::ifstream in(sample_tsv);
  if (!in) {
    problems->push_back({Diagnostic::Severity::kError, sample_tsv.string(), 0, "cannot read the sample"});
    return evaluation;
  }
  std::uint32_t row = 0;
  for (std::string line; std::getline(in, line);) {
    ++row;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> columns = SplitTabs(line);
    columns.resize(5);
    auto [it, added] = files.try_emplace(columns[0]);
    if (added) {
      it->second.outline = ParseOutline(ReadSourceFile(root / columns[0]).text);
      std::vector<std::vector<Token>> tokens;
      for (const Block& b : it->second.outline.blocks) tokens.push_back(analyzer.Analyze(b.text));
      it->second.mentions = extractor.ExtractOutline(it->second.outline, tokens);
    }
    std::uint32_t line_number = 0;
    try {
      line_number = static_cast<std::uint32_t>(std::stoul(columns[1]));
    } catch (const std::exception&) {
    }
    const auto& blocks = it->second.outline.blocks;
    auto block = std::find_if(blocks.begin(), blocks.end(), [&](const Block& b) { return b.line == line_number; });
    if (block == blocks.end()) {
      problems->push_back({Diagnostic::Severity::kWarning, sample_tsv.string(), row,
                           columns[0] + ":" + columns[1] + " is not the first line of an indexed block"});
      continue;
    }
    ++evaluation.lines;
    std::array<std::set<std::string>, 3> found;
    for (const EntityMention& m : it->second.mentions[static_cast<std::size_t>(block - blocks.begin())]) {
      found[static_cast<std::size_t>(m.entry->type)].insert(m.entry->canonical);
    }
    for (std::size_t field = 0; field < 3; ++field) {
      const std::set<std::string> wanted = Names(columns[2 + field]);
      FieldScore& score = evaluation.fields[field];
      const std::string where = columns[0] + ":" + columns[1] + ": " +
                                std::string(EntityTypeName(static_cast<EntityType>(field))) + ": ";
      for (const std::string& name : found[field]) {
        if (wanted.contains(name)) {
          ++score.true_positives;
        } else {
          ++score.false_positives;
          evaluation.mistakes.push_back(where + "spurious " + name);
        }
      }
      for (const std::string& name : wanted) {
        if (!found[field].contains(name)) {
          ++score.false_negatives;
          evaluation.mistakes.push_back(where + "missed " + name);
        }
      }
    }
  }
  return evaluation;
}

}  // namespace notesearch
