// Extraction quality on the hand-annotated sample (tests/data/
// entity_sample.tsv, 350 lines from across the corpus): precision >= 0.90 and
// recall >= 0.85 for tools, companies and locations. `bench_entities
// --mistakes` lists what goes wrong.
#include <gtest/gtest.h>

#include "analysis/analysis_settings.h"
#include "indexer/entity_evaluation.h"
#include "indexer/gazetteer.h"

namespace notesearch {
namespace {

TEST(EntityQualityTest, PrecisionAndRecallPerFieldOnTheAnnotatedSample) {
  std::vector<Diagnostic> problems;
  const Gazetteer gazetteer = Gazetteer::Load({}, /*with_cities=*/true, &problems);
  const Analyzer analyzer = MakeAnalyzer(AnalysisSettingsFor("english", {}));
  const EntityExtractor extractor(gazetteer, analyzer);
  const std::filesystem::path root = NOTESEARCH_SOURCE_DIR;
  const EntityEvaluation evaluation =
      EvaluateEntities(root / "tests" / "data" / "entity_sample.tsv", root, extractor, analyzer, &problems);
  for (const Diagnostic& d : problems) ADD_FAILURE() << d.ToString();
  EXPECT_GE(evaluation.lines, 150u);
  const char* names[] = {"tool", "company", "location"};
  for (std::size_t field = 0; field < 3; ++field) {
    const FieldScore& score = evaluation.fields[field];
    EXPECT_GT(score.true_positives, 40u) << names[field];
    EXPECT_GE(score.precision(), 0.90) << names[field];
    EXPECT_GE(score.recall(), 0.85) << names[field];
  }
}

}  // namespace
}  // namespace notesearch
