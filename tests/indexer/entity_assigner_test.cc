// Own and inherited entities, through the indexer: ancestors, list intros,
// headings and postings, each modelled on corpus lines.
#include "indexer/entity_assigner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace notesearch {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

class EntityAssignerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_ = new testing::TestIndex({{"jobs.md",
        // corpus/eda-ai-data-science.md:2400-2405
        "+ skill set:\n"                                                              // 1
        "\t- Senior Software Engineer \u00b7 ASML \u00b7 United States\n"              // 2
        "\t- ASML is an innovation leader in the semiconductor industry.\n"          // 3
        "\t- The California base annual salary range for this role\n"                // 4
        "\t- Experience with C++ and Python\n"                                       // 5
        // corpus/eda-ai-data-science.md:4591-4596
        "+ skill set:\n"                                                              // 6
        "\t- AI/ML Research Scientist\n"                                             // 7
        "\t- Santa Clara Valley (Cupertino), California, United States\n"            // 8
        "\t- Apple 3DML team is looking for software engineers\n"                    // 9
        "\t- Solid programming skills with Python.\n"                                // 10
        "\t\t* PyTorch and JAX\n"                                                     // 11
        // Not a posting: a past employer in a list of requirements.
        "+ skill set:\n"                                                              // 12
        "\t- 5 years of experience at Google\n"                                       // 13
        "\t- Kubernetes\n"                                                            // 14
        "\n"                                                                          // 15
        "### NVIDIA\n"                                                                // 16
        "+ CUDA kernels\n"                                                            // 17
        "\n"                                                                          // 18
        "Skills for Synopsys tools:\n"                                                // 19
        "+ Tcl scripting\n"                                                           // 20
        "\n"                                                                          // 21
        // corpus/eda-ai-data-science.md:3940-3944
        "## Data science\n"                                                           // 22
        "+ data science frameworks, including libraries and tools:\n"                // 23
        "\t- Madagascar\n"                                                            // 24
        "\t- Statsmodels, for statistical analysis\n"                                 // 25
        "\t- Fityk, curve fitting and data analysis application\n"}});                // 26
  }
  static void TearDownTestSuite() { delete index_; }

  Block At(std::uint32_t line) {
    Searcher searcher(index_->db());
    return searcher.Show((index_->notes() / "jobs.md").string(), line).value().stored.block;
  }
  static testing::TestIndex* index_;
};
testing::TestIndex* EntityAssignerTest::index_ = nullptr;

TEST_F(EntityAssignerTest, AHeaderLineNamesThePostingsEmployerAndPlace) {
  const Block tools = At(5);
  EXPECT_THAT(tools.entities.tools, UnorderedElementsAre("C++", "Python"));
  EXPECT_THAT(tools.inherited.companies, ElementsAre("ASML"));
  EXPECT_THAT(tools.inherited.locations, Contains("United States"));
}

TEST_F(EntityAssignerTest, OwnMentionsAreNotInheritedToo) {
  const Block header = At(2);
  EXPECT_THAT(header.entities.companies, ElementsAre("ASML"));
  EXPECT_THAT(header.inherited.companies, IsEmpty());
}

TEST_F(EntityAssignerTest, APlaceLineAndALookingForLineNameThePosting) {
  const Block python = At(10);
  EXPECT_THAT(python.entities.tools, ElementsAre("Python"));
  EXPECT_THAT(python.inherited.companies, ElementsAre("Apple"));
  EXPECT_THAT(python.inherited.locations, IsSupersetOf({"Cupertino", "California", "United States"}));
}

TEST_F(EntityAssignerTest, DescendantsInheritThePostingAndTheirAncestors) {
  const Block child = At(11);
  EXPECT_THAT(child.entities.tools, UnorderedElementsAre("PyTorch", "JAX"));
  EXPECT_THAT(child.inherited.companies, ElementsAre("Apple"));
  EXPECT_THAT(child.inherited.tools, ElementsAre("Python"));  // from its parent
}

TEST_F(EntityAssignerTest, APastEmployerIsNotThePostings) {
  EXPECT_THAT(At(13).entities.companies, ElementsAre("Google"));
  EXPECT_THAT(At(14).inherited.companies, IsEmpty());
}

TEST_F(EntityAssignerTest, HeadingsAndListIntrosAreInherited) {
  EXPECT_THAT(At(17).inherited.companies, ElementsAre("NVIDIA"));
  EXPECT_THAT(At(20).inherited.companies, UnorderedElementsAre("NVIDIA", "Synopsys"));  // heading and intro
  EXPECT_THAT(At(20).entities.tools, ElementsAre("Tcl"));
}

// "Madagascar" (a seismic data package) in a list of tools was read as the
// place line of a job posting, and the whole list and its descendants, 396
// bullets of the corpus, inherited the location Madagascar.
TEST_F(EntityAssignerTest, APlaceNamedInAListOfToolsIsNotThePlaceOfTheList) {
  EXPECT_THAT(At(24).entities.locations, ElementsAre("Madagascar"));
  EXPECT_THAT(At(25).inherited.locations, IsEmpty());
  EXPECT_THAT(At(26).inherited.locations, IsEmpty());
  EXPECT_THAT(index_->Lines("location:Madagascar", 20), ElementsAre("jobs.md:24"));
}

TEST_F(EntityAssignerTest, LocationQueriesRollUpToContainingPlaces) {
  // location:California finds the Cupertino posting; country facets roll up.
  EXPECT_THAT(index_->Lines("location:California", 20), Contains("jobs.md:11"));
  EXPECT_THAT(index_->Lines("location:\"United States\"", 20), Contains("jobs.md:5"));
}

}  // namespace
}  // namespace notesearch
