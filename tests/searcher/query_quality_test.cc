// Typos, synonyms, inflections and search as you type.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <sstream>

#include "analysis/analysis_settings.h"
#include "core/embedded_files.h"
#include "searcher/synonyms.h"
#include "tests/test_util.h"

namespace notesearch {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

class QueryQualityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_ = new testing::TestIndex({{"q.md",
                                      "+ PyTorch training loops\n"                          // 1
                                      "+ Kubernetes operators\n"                            // 2
                                      "+ matplotlib charts\n"                               // 3
                                      "+ Verilog testbenches\n"                             // 4
                                      "+ machine learning pipelines\n"                      // 5
                                      "+ ML pipelines in production\n"                      // 6
                                      "+ JavaScript front ends\n"                           // 7
                                      "+ design verification with UVM\n"                    // 8
                                      "+ optimization of schedulers\n"                      // 9
                                      "+ computer vision models\n"                          // 10
                                      "+ a curriculum vitae template\n"                     // 11
                                      "+ pytorhc is misspelled here on purpose\n"           // 12
                                      "+ the tensor library\n"                              // 13
                                      "+ weekly code reviews with the team\n"               // 14
                                      "+ review of the code\n"}});                          // 15
  }
  static void TearDownTestSuite() { delete index_; }
  static SearchResponse Search(const std::string& q, bool correct = true, bool prefix = false) {
    Searcher searcher(index_->db());
    SearchRequest request{q, 0, 20, {}, 10, {}};
    request.correct = correct;
    request.last_word_prefix = prefix;
    return searcher.Search(request);
  }
  static std::vector<std::string> Lines(const std::string& q) { return index_->Lines(q, 20); }
  static testing::TestIndex* index_;
};
testing::TestIndex* QueryQualityTest::index_ = nullptr;

TEST_F(QueryQualityTest, MisspelledWordsAreCorrected) {
  for (const auto& [typo, line] : std::vector<std::pair<std::string, std::string>>{
           {"kuberentes", "q.md:2"}, {"matplotlb", "q.md:3"}, {"verilgo", "q.md:4"}}) {
    const SearchResponse response = Search(typo);
    ASSERT_TRUE(response.corrected.has_value()) << typo;
    EXPECT_THAT(Lines(typo), Contains(line)) << typo;
  }
  EXPECT_EQ(*Search("kuberentes operators").corrected, "kubernetes operators");
}

TEST_F(QueryQualityTest, WordsInTheIndexAreNotCorrected) {
  // Line 12 writes "pytorhc": the index has the word, so it stays.
  const SearchResponse response = Search("pytorhc");
  EXPECT_FALSE(response.corrected.has_value());
  EXPECT_THAT(Lines("pytorhc"), ElementsAre("q.md:12"));
}

TEST_F(QueryQualityTest, ShortWordsAreNotCorrected) {
  EXPECT_FALSE(Search("uvn").corrected.has_value());
}

// Regression: "zebra" was corrected to "era" and "quokka" to "quora" (two
// edits each), so a query for things the notes never mention found
// unrelated bullets. Under seven letters, one edit only.
TEST_F(QueryQualityTest, ShortWordsGetOneEditOnly) {
  testing::TestIndex index({{"n.md", "+ the era of search\n+ quora answers\n+ tensor library\n"}});
  EXPECT_FALSE(index.Search("zebra").corrected.has_value());
  EXPECT_FALSE(index.Search("quokka").corrected.has_value());
  EXPECT_TRUE(index.Search("zebra quokka").hits.empty());
  const SearchResponse one_edit = index.Search("tensr");
  ASSERT_TRUE(one_edit.corrected.has_value());
  EXPECT_EQ(*one_edit.corrected, "tensor");
}

TEST_F(QueryQualityTest, ExactMatchesOutrankCorrectedOnes) {
  // "tensro" is corrected to tensor; "library" matches exactly.
  const std::vector<std::string> lines = Lines("tensro library");
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "q.md:13");
}

TEST_F(QueryQualityTest, CorrectionCanBeTurnedOff) {
  const SearchResponse response = Search("kuberentes", /*correct=*/false);
  EXPECT_FALSE(response.corrected.has_value());
  EXPECT_EQ(response.total, 0u);
}

TEST_F(QueryQualityTest, SynonymsWorkBothWaysAndRankBelowExact) {
  const std::vector<std::string> ml = Lines("ML pipelines");
  ASSERT_GE(ml.size(), 2u);
  EXPECT_EQ(ml[0], "q.md:6");  // says ML
  EXPECT_THAT(ml, Contains("q.md:5"));  // says machine learning
  const std::vector<std::string> long_form = Lines("machine learning pipelines");
  ASSERT_GE(long_form.size(), 2u);
  EXPECT_EQ(long_form[0], "q.md:5");
  EXPECT_THAT(long_form, Contains("q.md:6"));
  EXPECT_THAT(Lines("JS"), Contains("q.md:7"));
}

TEST_F(QueryQualityTest, CvIsComputerVisionNotResume) {
  EXPECT_THAT(Lines("CV"), Contains("q.md:10"));
  EXPECT_THAT(Lines("CV"), Not(Contains("q.md:11")));
}

TEST_F(QueryQualityTest, InflectionsAndWordFamilies) {
  EXPECT_THAT(Lines("optimizing"), Contains("q.md:9"));
  EXPECT_THAT(Lines("schedulers"), Contains("q.md:9"));
  EXPECT_THAT(Lines("scheduling"), Contains("q.md:9"));
  EXPECT_EQ(Lines("verified designs")[0], "q.md:8");
}

TEST_F(QueryQualityTest, PhrasesFindTheirInflections) {
  EXPECT_THAT(Lines("\"code review\""), ElementsAre("q.md:14"));
  const SearchResponse response = Search("\"code reviews\"");
  ASSERT_EQ(response.hits.size(), 1u);
  const Hit& hit = response.hits[0];
  ASSERT_EQ(hit.highlights.size(), 2u);
  EXPECT_EQ(hit.stored.block.text.substr(hit.highlights[1].first, hit.highlights[1].second - hit.highlights[1].first),
            "reviews");
  RankingWeights no_stems;
  no_stems.Set("stem", 0);
  EXPECT_THAT(index_->Lines("\"code review\"", 20, no_stems), IsEmpty());
}

// "design for manufacturing" also finds DFM, but quotes insist on the
// wording: the short bullet with the abbreviation (which might mean
// something else, as EDA does) ranks below the long one with the phrase.
TEST(PhraseSynonymsTest, AQuotedPhraseFindsItsAbbreviationBelowTheWordsAsTyped) {
  testing::TestIndex index({{"s.md",
                             "+ DFM\n"                                                                 // 1
                             "+ notes on design for manufacturing of chips in older process nodes\n"  // 2
                             "+ design reviews\n+ design tools\n+ manufacturing lines\n+ manufacturing costs\n"}});
  EXPECT_THAT(index.Lines("\"design for manufacturing\""), ElementsAre("s.md:2", "s.md:1"));
}

// A stemmed-only match weighs the "stem" share of an exact one, and no
// more does the exact form: the rare word's inflection (quantization for
// quantized) outranks the common word said exactly (models).
TEST(StemShareTest, ARareWordsInflectionOutranksACommonWordSaidExactly) {
  testing::TestIndex index({{"m.md",
                             "+ quantization of weights\n"  // 1
                             "+ large language models\n+ computer vision models\n"
                             "+ edge devices\n+ weights\n+ networks\n+ small devices\n+ the edge\n"}});
  EXPECT_EQ(index.Lines("quantized models")[0], "m.md:1");
}

TEST_F(QueryQualityTest, LastWordAsPrefixForSearchAsYouType) {
  const SearchResponse response = Search("kubernetes oper", true, /*prefix=*/true);
  ASSERT_FALSE(response.hits.empty());
  EXPECT_EQ(response.hits[0].stored.block.line, 2u);
  EXPECT_EQ(Search("pyto", true, true).hits.at(0).stored.block.line, 1u);
}

TEST_F(QueryQualityTest, SynonymHitsAreHighlighted) {
  const SearchResponse response = Search("machine learning pipelines");
  for (const Hit& hit : response.hits) {
    if (hit.stored.block.line != 6) continue;
    ASSERT_FALSE(hit.highlights.empty());
    EXPECT_EQ(hit.stored.block.text.substr(hit.highlights[0].first, 2), "ML");
  }
}

// Regression: python^2 was searched as the word "python^2" and found
// nothing, without a word about why.
TEST(QueryOperatorsTest, ACaretWeighsItsClause) {
  // Without weights, the rarer word decides among bullets with one word.
  testing::TestIndex index({{"w.md", "+ rust compilers\n+ golang services\n+ golang tools\n+ golang+rust\n"}});
  EXPECT_THAT(index.Lines("golang rust"), ElementsAre("w.md:4", "w.md:1", "w.md:2", "w.md:3"));
  EXPECT_THAT(index.Lines("golang^3 rust"), ElementsAre("w.md:4", "w.md:2", "w.md:3", "w.md:1"));
  EXPECT_THAT(index.Lines("golang rust^0.2"), ElementsAre("w.md:4", "w.md:2", "w.md:3", "w.md:1"));
  EXPECT_THAT(index.Lines("(golang)^3 rust"), ElementsAre("w.md:4", "w.md:2", "w.md:3", "w.md:1"));
  EXPECT_THAT(index.Search("golang^3 rust").notices, IsEmpty());
}

TEST(QueryOperatorsTest, APhraseWithATildeLetsItsWordsBeApartInOrder) {
  testing::TestIndex index({{"p.md",
                             "+ machine models\n+ machine learning models\n+ machine and deep learning models\n"
                             "+ models of a machine\n"}});
  EXPECT_THAT(index.Lines("\"machine models\""), ElementsAre("p.md:1"));
  EXPECT_THAT(index.Lines("\"machine models\"~1"), ElementsAre("p.md:1", "p.md:2"));
  EXPECT_THAT(index.Lines("\"machine models\"~3"), ElementsAre("p.md:1", "p.md:2", "p.md:3"));
}

TEST(QueryOperatorsTest, ATildeFindsNearWordsBelowTheWordAsTyped) {
  testing::TestIndex index({{"f.md",
                             "+ pyton is how some spell it\n+ python scripts\n+ piton climbing gear\n"
                             "+ pythons are snakes\n+ pylons and cables\n+ unrelated line\n"}});
  // pyton is in the index, so it is not corrected; with ~ its neighbours
  // one edit away come too, below it.
  EXPECT_THAT(index.Lines("pyton"), ElementsAre("f.md:1"));
  const std::vector<std::string> fuzzy = index.Lines("pyton~");
  ASSERT_FALSE(fuzzy.empty());
  EXPECT_EQ(fuzzy[0], "f.md:1");
  EXPECT_THAT(fuzzy, UnorderedElementsAre("f.md:1", "f.md:2", "f.md:3", "f.md:4"));  // pythons: by its stem
  EXPECT_THAT(index.Lines("pyton~2"), Contains("f.md:5"));                            // pylons: p-y-l-o-n-s
  const SearchResponse response = index.Search("pyton~");
  ASSERT_FALSE(response.hits.empty());
  EXPECT_THAT(response.notices, IsEmpty());
  // Search as you type leaves a word~ whole: the '~' ended it.
  Searcher searcher(index.db());
  SearchRequest as_typed{"pyton~", 0, 20, {}, 10, {}};
  as_typed.last_word_prefix = true;
  EXPECT_EQ(searcher.Search(as_typed).total, 4u);
}

TEST(QueryOperatorsTest, ATildeOnWhatCannotBeFuzzySaysSo) {
  testing::TestIndex index({{"c.md", "+ C++ templates\n"}});
  const SearchResponse response = index.Search("c++~");
  EXPECT_THAT(response.notices, ElementsAre("ignored '~' after 'c++' at column 1: only a word of letters can be fuzzy"));
  EXPECT_EQ(response.total, 1u);
}

// Regression: *thon was corrected to "than", and pyth?n found nothing.
TEST(QueryOperatorsTest, AWildcardPatternFindsTheWordsItMatches) {
  testing::TestIndex index({{"g.md",
                             "+ python scripts\n+ jython on the JVM\n+ pythons are snakes\n+ marathon runners\n"
                             "+ the thong\n+ than ever\n"}});
  EXPECT_THAT(index.Lines("*thon"), UnorderedElementsAre("g.md:1", "g.md:2", "g.md:4"));
  EXPECT_THAT(index.Lines("pyth?n"), ElementsAre("g.md:1"));
  EXPECT_THAT(index.Lines("py*on*"), UnorderedElementsAre("g.md:1", "g.md:3"));
  EXPECT_THAT(index.Lines("zz*qq python"), ElementsAre("g.md:1", "g.md:3"));  // pythons: the stem
  const SearchResponse response = index.Search("*thon");
  EXPECT_FALSE(response.corrected.has_value());
  EXPECT_THAT(response.notices, IsEmpty());
  // The matched words are highlighted.
  ASSERT_FALSE(response.hits.empty());
  const Hit& hit = response.hits[0];
  ASSERT_EQ(hit.highlights.size(), 1u);
  EXPECT_EQ(hit.highlights[0].second - hit.highlights[0].first, 6u);
}

TEST(QueryOperatorsTest, ARegexFindsTheWordsItMatchesWhole) {
  testing::TestIndex index({{"g.md",
                             "+ python scripts\n+ jython on the JVM\n+ PyTorch models\n+ pythons are snakes\n"
                             "+ marathon runners\n"}});
  EXPECT_THAT(index.Lines("/py(thon|torch)/"), UnorderedElementsAre("g.md:1", "g.md:3"));
  EXPECT_THAT(index.Lines("/[jp]ython/"), UnorderedElementsAre("g.md:1", "g.md:2"));
  EXPECT_THAT(index.Lines("/.*thons?/ -/python/"), UnorderedElementsAre("g.md:2", "g.md:4", "g.md:5"));
  const SearchResponse response = index.Search("/py(thon|torch)/");
  EXPECT_THAT(response.notices, IsEmpty());
  ASSERT_EQ(response.hits.size(), 2u);
  for (const Hit& hit : response.hits) {
    ASSERT_EQ(hit.highlights.size(), 1u) << hit.stored.block.text;
    EXPECT_EQ(hit.highlights[0].first, 0u) << "the matched word is highlighted";
  }
  EXPECT_THAT(index.Search("/qq.*zx/ python").notices,
              ElementsAre("'/qq.*zx/' at column 1 matches no bullet of the index"));
}

// Regression: a required clause that matched no term was dropped as if it
// had nothing to search, so `+zzz python`, `python AND zzz`, `tool:zzz
// python` and `file:zzz* python` found every python bullet.
TEST(QueryOperatorsTest, ARequiredClauseThatMatchesNothingMakesNoResults) {
  testing::TestIndex index({{"r.md", "+ python scripts\n+ python and rust\n"}});
  for (const char* query : {"+qqzx python", "python AND qqzx", "tool:qqzx python", "+qqzx* python",
                            "python AND qq*zx", "file:qqzx* python", "kind:qqzx python"}) {
    SCOPED_TRACE(query);
    SearchResponse response = index.Search(query);
    EXPECT_EQ(response.total, 0u);
  }
  // An optional word that matches nothing leaves the others' matches.
  EXPECT_EQ(index.Search("python qqzx").total, 2u);
  EXPECT_EQ(index.Search("python -qqzx*").total, 2u);
  // A filter field's value the index does not have is named.
  EXPECT_THAT(index.Search("file:qqzx* python").notices,
              ElementsAre("'file:qqzx*' at column 1 matches no bullet of the index"));
  EXPECT_THAT(index.Search("python kind:headline").notices,
              ElementsAre("'kind:headline' at column 8 matches no bullet of the index"));
  EXPECT_THAT(index.Search("kind:bullet python").notices, IsEmpty());
  // So is a word or field clause that matches nothing, unless excluded.
  EXPECT_THAT(index.Search("python tag:qqzx").notices,
              ElementsAre("'tag:qqzx' at column 8 matches no bullet of the index"));
  // A phrase keeps its quotes, and a page link is named as the page clause it is.
  EXPECT_THAT(index.Search("python tag:\"qq zx\"").notices,
              ElementsAre("'tag:\"qq zx\"' at column 8 matches no bullet of the index"));
  EXPECT_THAT(index.Search("python [[Qq Zx]]").notices,
              ElementsAre("'page:\"Qq Zx\"' at column 8 matches no bullet of the index"));
  EXPECT_THAT(index.Search("+qq*zx python").notices,
              ElementsAre("'qq*zx' at column 1 matches no bullet of the index"));
  EXPECT_THAT(index.Search("python -qqzx").notices, IsEmpty());
}

// Regression: "remote jobs in europe" counted "in" as a matched word, so a
// long bullet saying "job" and "in" outranked the remote ones, and every
// bullet with an "in" was a result.
TEST(CommonWordsTest, AreLeftOutOfAQueryOfOtherWords) {
  testing::TestIndex index({{"c.md",
                             "+ remote position\n"                          // 1
                             "+ apply for a job in tech, in any team\n"     // 2
                             "+ in the office\n"                            // 3
                             "+ IT support desk\n"                          // 4
                             "+ the who\n"}});                              // 5
  const SearchResponse response = index.Search("remote jobs in");
  EXPECT_THAT(index.Lines("remote jobs in"), UnorderedElementsAre("c.md:1", "c.md:2"));
  EXPECT_THAT(response.notices, ElementsAre("ignored 'in' at column 13, a common word (+in or a quoted phrase searches it)"));
  for (const Hit& hit : response.hits) EXPECT_LT(hit.score, 2000) << "one matched word each";
  // Asked for, or with nothing else to search, they are searched.
  EXPECT_THAT(index.Lines("+in office"), ElementsAre("c.md:3", "c.md:2"));
  EXPECT_THAT(index.Lines("\"in the office\""), ElementsAre("c.md:3"));
  EXPECT_THAT(index.Lines("the"), UnorderedElementsAre("c.md:3", "c.md:5"));
  EXPECT_THAT(index.Search("the").notices, IsEmpty());
  // In capitals it is a name: IT.
  EXPECT_THAT(index.Lines("IT desk"), ElementsAre("c.md:4"));
}

// Regression: `which companies use pytorch` ranked bullets saying "which"
// and "use" above every PyTorch bullet: each matched two of the four words.
TEST(CommonWordsTest, QuestionWordsAreCommonWords) {
  testing::TestIndex index({{"q.md",
                             "+ pytorch at scale\n"                        // 1
                             "+ which one to use, and which to avoid\n"}});  // 2
  const SearchResponse response = index.Search("which teams use pytorch");
  EXPECT_THAT(index.Lines("which teams use pytorch"), ElementsAre("q.md:1", "q.md:2"));
  EXPECT_THAT(response.notices,
              Contains("ignored 'which' at column 1, a common word (+which or a quoted phrase searches it)"));
}

// Regression: a common word inside a synonym span was searched alone, so
// `design for manufacturing` counted every bullet saying "for" (1,230
// results on the bundled notes, 417 now). It matches as part of its span.
TEST(CommonWordsTest, InASynonymSpanMatchOnlyAsPartOfIt) {
  testing::TestIndex index({{"d.md",
                             "+ design for manufacturing rules\n"  // 1
                             "+ DFM checks\n"                      // 2
                             "+ tools for everyone\n"              // 3
                             "+ design reviews\n"                  // 4
                             "+ design for testability\n"}});      // 5
  const SearchResponse response = index.Search("design for manufacturing");
  EXPECT_THAT(index.Lines("design for manufacturing"), ElementsAre("d.md:1", "d.md:2", "d.md:4", "d.md:5"));
  EXPECT_THAT(response.notices, IsEmpty()) << "the word is searched, in its span";
  ASSERT_EQ(response.hits.size(), 4u);
  // Each matched clause adds 1,000: the span or its synonym match all three.
  EXPECT_GT(response.hits[0].score, 3000);
  EXPECT_GT(response.hits[1].score, 3000);
  EXPECT_LT(response.hits[3].score, 2000) << "\"for\" alone is no match of its clause";
  // Out of a span it is left out as before; asked for, searched.
  EXPECT_THAT(index.Lines("tools for"), ElementsAre("d.md:3"));
  EXPECT_THAT(index.Lines("+for manufacturing"), Contains("d.md:3"));
}

// Regression: a bare https://…/machine-learning/… bullet ranked first for
// machine learning, above the bullets that say it.
TEST(AddressWordsTest, WeighLessThanTheWordsABulletSays) {
  testing::TestIndex index({{"u.md",
                             "+ https://x.org/machine-learning\n"                          // 1
                             "+ notes on machine learning for the whole team today\n"      // 2
                             "+ [HiPEAC](https://www.hipeac.net/careers) network\n"}});    // 3
  EXPECT_THAT(index.Lines("machine learning"), ElementsAre("u.md:2", "u.md:1"));
  // Addresses are searchable, a link's too, and url: scopes to them.
  EXPECT_THAT(index.Lines("hipeac.net"), ElementsAre("u.md:3"));
  EXPECT_THAT(index.Lines("url:careers"), ElementsAre("u.md:3"));
  EXPECT_THAT(index.Lines("url:learning"), ElementsAre("u.md:1"));
  EXPECT_THAT(index.Lines("x.org"), ElementsAre("u.md:1"));
}

TEST(SynonymsTest, UserFilesExtendAndBadLinesAreReported) {
  const Analyzer analyzer = MakeAnalyzer({});
  testing::TempDir dir;
  const auto file = dir.Write("synonyms.tsv", "# mine\nk8s cluster | kube farm\nlonely\n");
  std::vector<Diagnostic> problems;
  const Synonyms synonyms = Synonyms::Load(analyzer, file, &problems);
  EXPECT_THAT(synonyms.Alternatives({"kube", "farm"}), ElementsAre("k8s cluster"));
  EXPECT_THAT(synonyms.Alternatives({"machine", "learning"}), Contains("ML"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 3u);
  EXPECT_THAT(synonyms.Alternatives({"nothing"}), IsEmpty());
}

// Each expression of the bundled file, analysed as a query analyses it,
// finds the rest of its group: a line the analyzer reads differently (a
// technical token split, a joiner dropped) would silently lose its group.
TEST(SynonymsTest, EveryBundledExpressionFindsItsGroupAsAnalysedAlone) {
  const Analyzer analyzer = MakeAnalyzer({});
  std::vector<Diagnostic> problems;
  const Synonyms synonyms = Synonyms::Load(analyzer, {}, &problems);
  EXPECT_THAT(problems, IsEmpty());
  const std::optional<std::string_view> file = FindEmbeddedFile("searcher/synonyms.tsv");
  ASSERT_TRUE(file.has_value());
  std::istringstream lines{std::string(*file)};
  std::size_t groups = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> items;
    std::istringstream fields(line);
    for (std::string item; std::getline(fields, item, '|');) {
      item.erase(0, item.find_first_not_of(" \t"));
      item.erase(item.find_last_not_of(" \t\r") + 1);
      items.push_back(item);
    }
    ++groups;
    auto terms_of = [&](const std::string& item) {
      std::vector<std::string> terms;
      for (const Token& token : PhraseTokens(analyzer.Analyze(item))) terms.push_back(token.term);
      return terms;
    };
    for (const std::string& item : items) {
      const std::vector<std::string> alternatives = synonyms.Alternatives(terms_of(item));
      // Another spelling of the same words ("text-to-speech") is no alternative.
      for (const std::string& other : items) {
        if (terms_of(other) != terms_of(item)) {
          EXPECT_THAT(alternatives, Contains(other)) << line << ": " << item;
        }
      }
    }
  }
  EXPECT_GT(groups, 50u);
}

}  // namespace
}  // namespace notesearch
