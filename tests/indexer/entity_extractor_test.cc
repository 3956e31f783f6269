// Extraction traps, each with the corpus line it comes from.
#include "indexer/entity_extractor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analysis/analysis_settings.h"
#include "indexer/gazetteer.h"

namespace notesearch {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

class EntityExtractorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::vector<Diagnostic> problems;
    gazetteer_ = new Gazetteer(Gazetteer::Load({}, /*with_cities=*/true, &problems));
    analyzer_ = new Analyzer(MakeAnalyzer(AnalysisSettingsFor("english", {})));
    extractor_ = new EntityExtractor(*gazetteer_, *analyzer_);
  }
  static void TearDownTestSuite() {
    delete extractor_;
    delete analyzer_;
    delete gazetteer_;
  }

  std::vector<std::string> Found(EntityType type, const std::string& text) {
    std::vector<std::string> names;
    for (const EntityMention& m : extractor_->Extract(text, analyzer_->Analyze(text))) {
      if (m.entry->type == type) names.push_back(m.entry->canonical);
    }
    return names;
  }
  std::vector<std::string> Tools(const std::string& text) { return Found(EntityType::kTool, text); }
  std::vector<std::string> Companies(const std::string& text) { return Found(EntityType::kCompany, text); }
  std::vector<std::string> Places(const std::string& text) { return Found(EntityType::kLocation, text); }

  static Gazetteer* gazetteer_;
  static Analyzer* analyzer_;
  static EntityExtractor* extractor_;
};
Gazetteer* EntityExtractorTest::gazetteer_ = nullptr;
Analyzer* EntityExtractorTest::analyzer_ = nullptr;
EntityExtractor* EntityExtractorTest::extractor_ = nullptr;

// GeoNames' cities, the first, the last and two in the middle (Debian's
// libgeonames lists 24,361 cities by country code, Andorra to Zimbabwe),
// are all there.
TEST_F(EntityExtractorTest, GazetteerHoldsTheWholeGeoNamesList) {
  for (const std::string city : {"Escaldes-Engordany", "Bāneh", "Bandar-e Lengeh", "Chitungwiza"}) {
    const GazetteerEntry* entry = gazetteer_->Find(EntityType::kLocation, city);
    ASSERT_NE(entry, nullptr) << city;
    EXPECT_EQ(entry->kind, "city") << city;
  }
  const GazetteerEntry* last = gazetteer_->Find(EntityType::kLocation, "Chitungwiza");
  EXPECT_EQ(last->parent, "Harare");
}

TEST_F(EntityExtractorTest, AliasesNormaliseToCanonicalNames) {
  // corpus/eda-ai-data-science.md:5133 and 9534 write K8s.
  EXPECT_THAT(Tools("be familiar with Jenkins, K8s and Docker environment"), Contains("Kubernetes"));
  EXPECT_THAT(Companies("Nvidia GPUs"), ElementsAre("NVIDIA"));
  EXPECT_THAT(Companies("NVIDIA\u00ae TensorRT\u2122"), ElementsAre("NVIDIA"));  // line 6738
  EXPECT_THAT(Tools("NVIDIA\u00ae TensorRT\u2122"), ElementsAre("TensorRT"));
}

TEST_F(EntityExtractorTest, TfIsTensorFlowOnlyAmongTools) {
  // corpus/eda-ai-data-science.md:5807 "TensorFlow, PyTorch, TF Lite"; 5276 "frameworks such as TF".
  EXPECT_THAT(Tools("third-party frameworks such as TF or the reasoning engine"), Contains("TensorFlow"));
  EXPECT_THAT(Tools("the TF was high"), Not(Contains("TensorFlow")));
}

TEST_F(EntityExtractorTest, PlacesAndTheirAbbreviations) {
  // corpus/eda-ai-data-science.md:3483, 3520, 385.
  EXPECT_THAT(Places("USA - California - Mountain View/Sunnyvale"),
              UnorderedElementsAre("United States", "California", "Mountain View", "Sunnyvale"));
  EXPECT_THAT(Places("The base salary range across the U.S. for this role"), ElementsAre("United States"));
  EXPECT_THAT(Places("offices in SF and NYC"), UnorderedElementsAre("San Francisco", "New York"));
  EXPECT_THAT(Places("tell us about it"), IsEmpty());
}

TEST_F(EntityExtractorTest, NamesakesPreferThePlaceNamedNextToThem) {
  // corpus/eda-ai-data-science.md:4593: Santa Clara in California, not Cuba.
  const std::string line = "Santa Clara Valley (Cupertino), California, United States";
  EXPECT_THAT(Places(line), ElementsAre("Santa Clara Valley", "Cupertino", "California", "United States"));
  std::vector<const GazetteerEntry*> parents;
  for (const EntityMention& m : extractor_->Extract("based in Santa Clara, CA", analyzer_->Analyze("based in Santa Clara, CA"))) {
    if (m.entry->canonical == "Santa Clara") parents = gazetteer_->Parents(*m.entry);
  }
  ASSERT_FALSE(parents.empty());
  EXPECT_EQ(parents[0]->canonical, "California");
}

TEST_F(EntityExtractorTest, CommonWordCitiesNeedContext) {
  EXPECT_THAT(Places("reading papers and a Nice result; Split the data"), IsEmpty());
  EXPECT_THAT(Places("an office in Reading, Pennsylvania"), Contains("Reading"));
  EXPECT_THAT(Places("based in Nice"), Contains("Nice"));
}

// Small towns named like an optics model, a database, an optimiser and an
// abbreviation were taken for places because they stood next to a
// parenthesis, and rolled up into their states and countries (Hopkins,
// Minnesota; Aurora, Colorado; Adam, Oman; MS, Mississippi).
TEST_F(EntityExtractorTest, ACityInAParenthesisedListOfOtherNamesIsNotAPlace) {
  // corpus/eda-ai-data-science.md:1965, 9466, 4915, 8521, 348.
  EXPECT_THAT(Places("Solid understanding of imaging theories (Abbe, Hopkins)."), IsEmpty());
  EXPECT_THAT(Places("Experience with large or partitioned relational databases (Aurora, MySQL, DB2)"), IsEmpty());
  EXPECT_THAT(Places("optimization methods (gradient descent, Adam), and neural networks"), IsEmpty());
  EXPECT_THAT(Places("BS or advanced degree (MS or PhD preferred) in computer science"), IsEmpty());
  EXPECT_THAT(Places("Electronic System Design Alliance (ESD Alliance) members"), IsEmpty());
  // Alone in parentheses, or among places, it still is one (lines 4593, 8822).
  EXPECT_THAT(Places("Santa Clara Valley (Cupertino), California"), Contains("Cupertino"));
  EXPECT_THAT(Places("Health (SF, Boulder) - the goal of this team"), UnorderedElementsAre("San Francisco", "Boulder"));
}

// "U.S. Academic/University Research Labs": a certain place on the line
// made "University" (Florida) count as one of a list of places, though its
// neighbour across the slash is no place; its children inherited Florida.
TEST_F(EntityExtractorTest, ATownNextToAWordThatIsNoPlaceIsNotListedWithPlaces) {
  // corpus/eda-ai-data-science.md:10885.
  EXPECT_THAT(Places("U.S. Academic/University Research Labs"), ElementsAre("United States"));
}

// "Jenkins ..., forked from Hudson" gave the location Hudson (Ohio), "SW to
// Enterprise" Enterprise (Nevada).
TEST_F(EntityExtractorTest, FromAndToNameSourcesAndTargetsNotPlaces) {
  // corpus/eda-ai-data-science.md:109, 8345.
  EXPECT_THAT(Places("Jenkins, an extensible continuous-integration engine, forked from Hudson"), IsEmpty());
  EXPECT_THAT(Places("Must possess knowledge in SW to Enterprise, SaaS and on Premise"), IsEmpty());
  EXPECT_THAT(Places("an office in Hudson, Ohio"), Contains("Hudson"));
}

// "Augmented Reality (AR)" gave the location Arkansas.
TEST_F(EntityExtractorTest, AnAcronymDefinedInParenthesesIsNoPlace) {
  // corpus/eda-ai-data-science.md:4605.
  EXPECT_THAT(Places("with focus on Augmented Reality (AR) and Virtual Reality (VR) applications"), IsEmpty());
  EXPECT_THAT(Places("Santa Clara Valley (Cupertino), California"), Contains("Cupertino"));
}

TEST_F(EntityExtractorTest, RemoteIsAWorkArrangementOnly) {
  // corpus/eda-ai-data-science.md:1038.
  EXPECT_THAT(Places("Software Developer- Circuit Simulation- Remote \u00b7 Siemens EDA \u00b7 Remote Position"),
              Contains("Remote"));
  EXPECT_THAT(Places("remote sensing of crops"), IsEmpty());
  EXPECT_THAT(Places("remote execution of jobs"), IsEmpty());
  EXPECT_THAT(Places("This is a fully remote role"), Contains("Remote"));
}

TEST_F(EntityExtractorTest, ScaleTheCompanyNeedsContext) {
  // corpus/eda-ai-data-science.md:5108, 5921 and 5061.
  EXPECT_THAT(Companies("At Scale AI, we are building tools"), ElementsAre("Scale AI"));
  EXPECT_THAT(Companies("a Machine Learning Engineer at Scale is to bring"), ElementsAre("Scale AI"));
  EXPECT_THAT(Companies("train models at scale"), IsEmpty());
  EXPECT_THAT(Companies("Scale the cluster"), IsEmpty());
}

TEST_F(EntityExtractorTest, CommonWordToolsNeedContext) {
  EXPECT_THAT(Tools("Strong programming skills in Go, Python, or other languages"), Contains("Go"));
  EXPECT_THAT(Tools("Go to market with the team"), IsEmpty());
  EXPECT_THAT(Tools("analytical toolkit: Python, pandas, R"), Contains("R"));
  EXPECT_THAT(Tools("R&D teams"), IsEmpty());
  EXPECT_THAT(Tools("Big data tools: Hadoop, Hive, Spark"), Contains("Spark"));
  EXPECT_THAT(Tools("a spark of insight"), IsEmpty());
}

TEST_F(EntityExtractorTest, CompanyNamesInJobAdHeaders) {
  // corpus/eda-ai-data-science.md:2401, 709, 684, 3445.
  EXPECT_THAT(Companies("Senior Software Engineer \u00b7 ASML \u00b7 United States"), ElementsAre("ASML"));
  EXPECT_THAT(Companies("Synopsys Central Engineering (SCE) team is looking for Software Engineering Experts"),
              Contains("Synopsys"));
  EXPECT_THAT(Companies("Cadence Belgium is looking for a Software Engineer"), Contains("Cadence"));
  EXPECT_THAT(Companies("At Apple, Platform Architecture is responsible"), ElementsAre("Apple"));
}

TEST_F(EntityExtractorTest, TechnicalNamesAsTyped) {
  EXPECT_THAT(Tools("Proficient in C++ and Python. Language-agile."), UnorderedElementsAre("C++", "Python"));
  EXPECT_THAT(Tools("languages such as C\u0023 and Ruby"), Contains("C#"));
  EXPECT_THAT(Tools("Node.js and TypeScript"), Contains("Node.js"));
}

}  // namespace
}  // namespace notesearch
