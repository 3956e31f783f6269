// Measures entity extraction against a hand-annotated sample
// (tests/data/entity_sample.tsv: file, line, tools, companies, locations
// that the line itself names): precision and recall per field, and the
// mistakes, for `bench_entities` and the extraction quality test.
// Thread-safety: pure function (the extractor is shared read-only).
#ifndef NOTESEARCH_INDEXER_ENTITY_EVALUATION_H_
#define NOTESEARCH_INDEXER_ENTITY_EVALUATION_H_

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "indexer/entity_extractor.h"

namespace notesearch {

struct FieldScore {
  std::size_t true_positives = 0;
  std::size_t false_positives = 0;
  std::size_t false_negatives = 0;
  double precision() const;
  double recall() const;
};

struct EntityEvaluation {
  std::size_t lines = 0;
  std::array<FieldScore, 3> fields;  // by EntityType: tool, company, location
  std::vector<std::string> mistakes;  // "file:line: tool: missed X" / "spurious Y"
};

// `sample_tsv` names files relative to `root`. Rows that do not point at a
// block are reported in `problems` and skipped.
EntityEvaluation EvaluateEntities(const std::filesystem::path& sample_tsv, const std::filesystem::path& root,
                                  const EntityExtractor& extractor, const Analyzer& analyzer,
                                  std::vector<Diagnostic>* problems);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_ENTITY_EVALUATION_H_
