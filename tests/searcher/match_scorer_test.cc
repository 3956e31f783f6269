#include "searcher/match_scorer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "analysis/analysis_settings.h"
#include "core/context_lexicon.h"
#include "core/entity_aliases.h"
#include "core/index_store.h"
#include "indexer/indexer.h"
#include "searcher/doc_columns.h"
#include "searcher/query_builder.h"
#include "searcher/synonyms.h"
#include "tests/test_util.h"

namespace notesearch {
namespace {

using ::testing::HasSubstr;

// Every match of `query` with its weight, from Xapian's matcher.
std::map<Xapian::docid, double> XapiansWeights(const Xapian::Database& db, const Xapian::Query& query,
                                               const Bm25Parameters& bm25) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(bm25.k1, 0, 1, bm25.b, bm25.min_normlen));
  std::map<Xapian::docid, double> weights;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) weights[*it] = it.get_weight();
  return weights;
}

// The bundled corpus, and a query builder as a searcher has it.
class MatchScorerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    IndexOptions options;
    options.database = dir_->path() / "index";
    options.roots = {testing::CorpusDir()};
    UpdateIndex(options);
    const std::filesystem::path generation = index_store::CurrentGenerations(options.database).front();
    db_ = new Xapian::Database(index_store::OpenForReading(options.database, generation));
    columns_ = DocColumns::Load(index_store::ColumnsFile(generation), *db_).release();
    analyzer_ = new Analyzer(MakeAnalyzer(*AnalysisSettings::FromJson(db_->get_metadata(metadata_keys::kAnalysis))));
    lexicon_ = new ContextLexicon(ContextLexicon::Decode(db_->get_metadata(metadata_keys::kLexicon)));
    context_ = new ContextMatcher(*lexicon_);
    aliases_ = new EntityAliases(EntityAliases::Decode(db_->get_metadata(metadata_keys::kAliases)));
    synonyms_ = new Synonyms(Synonyms::Load(*analyzer_, dir_->path() / "no-user-synonyms.tsv", nullptr));
  }
  static void TearDownTestSuite() {
    delete synonyms_;
    delete aliases_;
    delete context_;
    delete lexicon_;
    delete analyzer_;
    delete columns_;
    delete db_;
    delete dir_;
  }

  // Builds `query` into `builder` (which holds its weights) as the searcher does.
  static Xapian::Query Build(QueryBuilder& builder, const std::string& query) {
    builder.set_columns(std::shared_ptr<const DocColumns>(columns_, [](const DocColumns*) {}));
    std::vector<std::string> notices;
    return builder.Build(ParseQuery(query).root, &notices);
  }

  static testing::TempDir* dir_;
  static Xapian::Database* db_;
  static const DocColumns* columns_;
  static Analyzer* analyzer_;
  static ContextLexicon* lexicon_;
  static ContextMatcher* context_;
  static EntityAliases* aliases_;
  static Synonyms* synonyms_;
};

testing::TempDir* MatchScorerTest::dir_ = nullptr;
Xapian::Database* MatchScorerTest::db_ = nullptr;
const DocColumns* MatchScorerTest::columns_ = nullptr;
Analyzer* MatchScorerTest::analyzer_ = nullptr;
ContextLexicon* MatchScorerTest::lexicon_ = nullptr;
ContextMatcher* MatchScorerTest::context_ = nullptr;
EntityAliases* MatchScorerTest::aliases_ = nullptr;
Synonyms* MatchScorerTest::synonyms_ = nullptr;

// The scorer takes the place of Xapian's matcher for these queries: it
// must match the same documents with the same weights, for each operator,
// posting source and scaling the query builder makes (one word and many,
// synonyms of one and two words, a word whose two stems form a SYNONYM,
// phrases as typed and inflected (and with more candidates than it checks
// positions for: "machine learning", also the synonym of ML, is in 526
// documents with both words; with another word, the query names each
// phrase twice), words of parts such as TCP/IP, required,
// excluded and field-scoped words, OR, a correction) and with document
// lengths from the columns or from the index.
TEST_F(MatchScorerTest, WeighsEveryMatchAsXapiansMatcherDoes) {
  ASSERT_NE(columns_, nullptr);
  const RankingWeights ranking;
  const Bm25Parameters bm25{ranking.Get("bm25.k1"), ranking.Get("bm25.b"), 0.5};
  const std::vector<std::string> queries = {
      "python",          "kubernetes",         "machine learning", "k8s",
      "verification",    "formal verification", "BMC yocto",        "pytorch OR tensorflow",
      "python -java",    "+python pandas",     "company:Apple python", "location:Remote engineer",
      "kuberentes",      "static timing analysis", "C++",          "deep learning compiler",
      "\"code review\"", "TCP/IP",           "Node.js",          "python \"design automation\"",
      "optim*",          "python optim*",      "tool:py*",         "kube* OR docker",
      "\"machine learning\"", "ML",           "c*",               "python c*",
      "\"machine learning\" python",
  };
  bool synonym_of_stems = false;
  bool wide_wildcard = false;  // one that expands to more than two terms
  bool wider_than_kept = false;  // one of more terms than the 64 kept
  for (const std::string& text : queries) {
    SCOPED_TRACE(text);
    QueryBuilder builder(*analyzer_, *context_, ranking, aliases_, db_, synonyms_);
    const Xapian::Query query = Build(builder, text);
    synonym_of_stems = synonym_of_stems || query.get_description().find("SYNONYM") != std::string::npos;
    wide_wildcard = wide_wildcard ||
                    (text == "optim*" && std::distance(db_->allterms_begin("optim"), db_->allterms_end("optim")) > 2);
    wider_than_kept = wider_than_kept ||
                      (text == "c*" && std::distance(db_->allterms_begin("c"), db_->allterms_end("c")) > 64);
    const std::map<Xapian::docid, double> expected = XapiansWeights(*db_, query, bm25);
    ASSERT_FALSE(expected.empty());
    for (const std::span<const std::uint32_t> lengths : {columns_->Lengths(), std::span<const std::uint32_t>()}) {
      const std::optional<std::vector<ScoredMatch>> scored =
          ScoreMatches(query, *db_, builder.query_weights(), bm25, lengths);
      ASSERT_TRUE(scored.has_value());
      ASSERT_EQ(scored->size(), expected.size());
      for (const ScoredMatch& match : *scored) {
        const auto it = expected.find(match.doc);
        ASSERT_NE(it, expected.end()) << "document " << match.doc;
        EXPECT_NEAR(match.weight, it->second, 1e-9 * it->second) << "document " << match.doc;
      }
    }
  }
  EXPECT_TRUE(synonym_of_stems) << "no query covered a weighted SYNONYM";
  EXPECT_TRUE(wide_wildcard) << "no wildcard expanded to more than two terms";
  EXPECT_TRUE(wider_than_kept) << "no wildcard matched more terms than it keeps";
}

// What only the matcher evaluates is left to it, whole.
TEST_F(MatchScorerTest, LeavesForeignNodesToXapian) {
  const RankingWeights ranking;
  const Bm25Parameters bm25{ranking.Get("bm25.k1"), ranking.Get("bm25.b"), 0.5};
  QueryBuilder builder(*analyzer_, *context_, ranking, aliases_, db_, synonyms_);
  // A scaling, posting source or phrase the builder did not make: its
  // weight or window is unknown; a wildcard: the builder expands its own.
  const Xapian::Query python = Build(builder, "python");
  EXPECT_TRUE(ScoreMatches(python, *db_, builder.query_weights(), bm25).has_value());
  const Xapian::Query doubled(Xapian::Query::OP_SCALE_WEIGHT, python, 2);
  EXPECT_FALSE(ScoreMatches(doubled, *db_, builder.query_weights(), bm25).has_value());
  const std::vector<Xapian::Query> words = {Xapian::Query("machine"), Xapian::Query("learning")};
  EXPECT_FALSE(ScoreMatches(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end()), *db_,
                            builder.query_weights(), bm25)
                   .has_value());
  EXPECT_FALSE(ScoreMatches(Xapian::Query(Xapian::Query::OP_WILDCARD, "optim"), *db_, builder.query_weights(), bm25)
                   .has_value());
  Xapian::FixedWeightPostingSource source(1);
  EXPECT_FALSE(ScoreMatches(Xapian::Query(Xapian::Query::OP_OR, python, Xapian::Query(&source)), *db_,
                            builder.query_weights(), bm25)
                   .has_value());
}

// What Xapian's matcher says `query` matches.
std::vector<Xapian::docid> Matched(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  std::vector<Xapian::docid> docs;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) docs.push_back(*it);
  return docs;
}

// Counting takes these matches for the query's: they must be the
// matcher's, for every operator evaluated here.
TEST(MatchesOfTest, MatchesWhatXapiansMatcherMatches) {
  testing::TestIndex index({{"a.md",
                             "+ python and java\n+ python alone\n+ java alone\n+ rust\n"
                             "+ python rust\n+ nothing relevant\n"}});
  const Xapian::Database db(index.db().string());
  using Q = Xapian::Query;
  const Q python("python"), java("java"), rust("rust");
  const std::vector<Q> queries = {
      python,
      Q(Q::OP_OR, python, java),
      Q(Q::OP_SYNONYM, java, rust),
      Q(Q::OP_AND, python, java),
      Q(Q::OP_FILTER, python, rust),
      Q(Q::OP_AND_NOT, python, java),
      Q(Q::OP_AND_NOT, Q(std::string()), Q(Q::OP_OR, python, java)),
      Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, rust, Q("nosuchterm")), 0),
      Q(Q::OP_AND, Q(Q::OP_OR, python, java), Q(Q::OP_AND_NOT, Q(std::string()), rust)),
  };
  for (const Q& query : queries) {
    SCOPED_TRACE(query.get_description());
    const std::optional<DocBitmap> bitmap = MatchesOf(query, db, QueryWeights());
    ASSERT_TRUE(bitmap.has_value());
    std::vector<Xapian::docid> docs;
    bitmap->ForEach([&](Xapian::docid doc) { docs.push_back(doc); });
    EXPECT_EQ(docs, Matched(db, query));
    EXPECT_EQ(bitmap->count(), docs.size());
    EXPECT_FALSE(docs.empty());
  }
  EXPECT_EQ(MatchesOf(Q("nosuchterm"), db, QueryWeights())->count(), 0u);
}

TEST(MatchesOfTest, LeavesWhatOnlyTheMatcherEvaluatesToIt) {
  testing::TestIndex index({{"a.md", "+ python and java\n"}});
  const Xapian::Database db(index.db().string());
  using Q = Xapian::Query;
  EXPECT_FALSE(MatchesOf(Q(Q::OP_PHRASE, Q("python"), Q("java")), db, QueryWeights()).has_value());
  EXPECT_FALSE(MatchesOf(Q(Q::OP_OR, Q("python"), Q(Q::OP_WILDCARD, "jav")), db, QueryWeights()).has_value());
  auto* source = new Xapian::FixedWeightPostingSource(1);
  EXPECT_FALSE(MatchesOf(Q(Q::OP_FILTER, Q(source->release()), Q("python")), db, QueryWeights()).has_value());
}

// Long posting lists are read on two threads (each on its own handle) and
// must weigh as when read on one: the same matches, the same weights.
TEST(ReadAheadTest, ListsReadOnASecondThreadWeighAsOnOne) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
    for (Xapian::docid i = 1; i <= 30000; ++i) {
      Xapian::Document doc;
      doc.add_term("a", i % 4 + 1);
      if (i % 2 == 0) doc.add_term("b", i % 3 + 1);
      if (i % 3 == 0) doc.add_term("c");
      if (i % 7 == 0) doc.add_term("d", 2);
      if (i % 11 == 0) doc.add_term("e");
      writer.add_document(doc);
    }
    writer.commit();
  }
  const Xapian::Database db(path), second(path);
  using Q = Xapian::Query;
  const std::vector<Q> parts = {Q("a"), Q(Q::OP_AND, Q("b"), Q("c")), Q(Q::OP_SYNONYM, Q("d"), Q("e")),
                                Q(Q::OP_AND_NOT, Q("b"), Q("d"))};
  const Q query(Q::OP_OR, parts.begin(), parts.end());
  const Bm25Parameters bm25{1.2, 0.5, 0.5};
  int asked = 0;
  const SecondHandle handle = [&]() -> const Xapian::Database* {
    ++asked;
    return &second;
  };

  const auto one = ScoreMatches(query, db, QueryWeights(), bm25);
  const auto two = ScoreMatches(query, db, QueryWeights(), bm25, {}, handle);
  EXPECT_EQ(asked, 1);
  ASSERT_TRUE(one.has_value() && two.has_value());
  ASSERT_EQ(one->size(), 30000u);
  ASSERT_EQ(two->size(), one->size());
  for (std::size_t i = 0; i < one->size(); ++i) {
    ASSERT_EQ((*two)[i].doc, (*one)[i].doc);
    ASSERT_EQ((*two)[i].weight, (*one)[i].weight) << "document " << (*one)[i].doc;
  }

  const Q rarer(Q::OP_AND, Q("b"), Q(Q::OP_OR, Q("d"), Q("e")));
  const auto matches = MatchesOf(rarer, db, QueryWeights(), handle);
  EXPECT_EQ(asked, 2);
  ASSERT_TRUE(matches.has_value());
  EXPECT_EQ(matches->count(), MatchesOf(rarer, db, QueryWeights())->count());
  EXPECT_EQ(matches->count(), 15000u / 7 + 30000u / 22 - 30000u / 154);
}

// A stem's list is its word's when both have as many postings and as much
// wdf, and is read once; as many postings with more wdf (a bullet with
// both "python" and "pythons") is another list, weighed as its own.
TEST(StemListTest, AStemIsItsWordsListOnlyWhenAsFrequent) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
    const std::vector<std::vector<std::pair<std::string, Xapian::termcount>>> docs = {
        {{"python", 1}, {"Zpython", 2}, {"other", 3}},
        {{"python", 1}, {"Zpython", 1}, {"java", 2}, {"Zjava", 2}},
        {{"java", 1}, {"Zjava", 1}},
        {{"other", 1}},
    };
    for (const auto& terms : docs) {
      Xapian::Document doc;
      for (const auto& [term, wdf] : terms) doc.add_term(term, wdf);
      writer.add_document(doc);
    }
    writer.commit();
  }
  const Xapian::Database db(path);
  const Bm25Parameters bm25{1.2, 0.5, 0.5};
  for (const std::string word : {"python", "java"}) {
    SCOPED_TRACE(word);
    QueryWeights weights;
    weights.NoteStemOf(word, "Z" + word);
    const Xapian::Query query(Xapian::Query::OP_OR, weights.Scaled(0.2, Xapian::Query(word)),
                              weights.Scaled(0.8, Xapian::Query("Z" + word)));
    const auto scored = ScoreMatches(query, db, weights, bm25);
    ASSERT_TRUE(scored.has_value());
    std::map<Xapian::docid, double> expected = XapiansWeights(db, query, bm25);
    ASSERT_EQ(scored->size(), expected.size());
    for (const ScoredMatch& match : *scored) {
      EXPECT_NEAR(match.weight, expected[match.doc], 1e-9) << "document " << match.doc;
    }
  }
}

// The phrase as typed weighs within its inflected form's matches, as the
// query builder makes it: it is taken to match wherever that one does in a
// document with no other form of its words, and is checked where one is,
// by positions or, over more than 256 documents, by Xapian's matcher. The
// weights must be Xapian's in every case: a document with both words in
// the other order (in neither phrase), with another form making only the
// inflected phrase match, with another form besides the phrase as typed,
// and with only the inflected phrase.
TEST(PhraseAsTypedTest, IsImpliedByTheInflectedPhraseWhereNoOtherFormIs) {
  for (const int copies : {20, 300}) {
    SCOPED_TRACE(copies);
    testing::TempDir dir;
    const std::string path = (dir.path() / "db").string();
    {
      Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
      const std::vector<std::vector<std::string>> texts = {
          {"machine", "learning"},          {"learning", "about", "machine"}, {"machines", "learning", "machine"},
          {"machine", "learning", "learned"}, {"machine", "learned"},          {"other", "words"},
      };
      for (int copy = 0; copy < copies; ++copy) {
        for (const std::vector<std::string>& words : texts) {
          Xapian::Document doc;
          for (std::size_t i = 0; i < words.size(); ++i) doc.add_posting(words[i], static_cast<Xapian::termpos>(i + 1));
          writer.add_document(doc);
        }
      }
      writer.commit();
    }
    const Xapian::Database db(path);
    using Q = Xapian::Query;
    QueryWeights weights;
    const std::vector<Q> inflected = {Q(Q::OP_OR, Q("machine"), Q("machines")),
                                      Q(Q::OP_OR, Q("learning"), Q("learned"))};
    const std::vector<Q> exact = {Q("machine"), Q("learning")};
    const Q query(Q::OP_AND_MAYBE, weights.Scaled(0.8, weights.Phrase(inflected, 2)),
                  weights.Scaled(0.2, weights.Phrase(exact, 2)));
    const Bm25Parameters bm25{1.2, 0.5, 0.5};
    const auto scored = ScoreMatches(query, db, weights, bm25);
    ASSERT_TRUE(scored.has_value());
    std::map<Xapian::docid, double> expected = XapiansWeights(db, query, bm25);
    ASSERT_EQ(expected.size(), 4u * copies);  // the first, third, fourth and fifth texts
    ASSERT_EQ(scored->size(), expected.size());
    for (const ScoredMatch& match : *scored) {
      ASSERT_TRUE(expected.contains(match.doc)) << "document " << match.doc;
      EXPECT_NEAR(match.weight, expected[match.doc], 1e-9) << "document " << match.doc;
    }
  }
}

// Short lists are read on one thread: no second handle is asked for.
TEST(ReadAheadTest, ShortListsAskForNoSecondHandle) {
  testing::TestIndex index({{"a.md", "+ python and java\n+ python alone\n"}});
  const Xapian::Database db(index.db().string());
  bool asked = false;
  const auto matches = MatchesOf(Xapian::Query("python"), db, QueryWeights(), [&]() -> const Xapian::Database* {
    asked = true;
    return nullptr;
  });
  EXPECT_FALSE(asked);
  ASSERT_TRUE(matches.has_value());
  EXPECT_EQ(matches->count(), 2u);
}

}  // namespace
}  // namespace notesearch
