// Precision and recall of entity extraction per field over the annotated
// sample. Usage:
//   bench_entities [--sample tests/data/entity_sample.tsv] [--mistakes]
#include <cstdio>
#include <cstring>
#include <string>

#include "analysis/analysis_settings.h"
#include "indexer/entity_evaluation.h"
#include "indexer/gazetteer.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const fs::path root = NOTESEARCH_SOURCE_DIR;
  fs::path sample = root / "tests" / "data" / "entity_sample.tsv";
  bool show_mistakes = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--mistakes") == 0) {
      show_mistakes = true;
    } else if (std::strcmp(argv[i], "--sample") == 0 && i + 1 < argc) {
      sample = argv[++i];
    } else {
      std::fprintf(stderr, "usage: bench_entities [--sample FILE] [--mistakes]\n");
      return 2;
    }
  }
  std::vector<notesearch::Diagnostic> problems;
  const notesearch::Gazetteer gazetteer = notesearch::Gazetteer::Load({}, /*with_cities=*/true, &problems);
  const notesearch::Analyzer analyzer = notesearch::MakeAnalyzer(notesearch::AnalysisSettingsFor("english", {}));
  const notesearch::EntityExtractor extractor(gazetteer, analyzer);
  const notesearch::EntityEvaluation evaluation = EvaluateEntities(sample, root, extractor, analyzer, &problems);
  for (const auto& problem : problems) std::fprintf(stderr, "%s\n", problem.ToString().c_str());
  std::printf("%zu annotated lines (%s)\n\n", evaluation.lines, sample.string().c_str());
  std::printf("| field | precision | recall | true pos. | false pos. | false neg. |\n|---|---|---|---|---|---|\n");
  const char* names[] = {"tool", "company", "location"};
  for (std::size_t f = 0; f < 3; ++f) {
    const auto& s = evaluation.fields[f];
    std::printf("| %s | %.3f | %.3f | %zu | %zu | %zu |\n", names[f], s.precision(), s.recall(), s.true_positives,
                s.false_positives, s.false_negatives);
  }
  if (show_mistakes) {
    std::printf("\n");
    for (const std::string& mistake : evaluation.mistakes) std::printf("%s\n", mistake.c_str());
  }
  return 0;
}
