#include "searcher/doc_columns.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "core/fields.h"
#include "tests/test_util.h"

namespace notesearch {
namespace {

class DocColumnsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_ = new testing::TestIndex(
        {{"jobs.md",
          "# Embedded at Apple\n"
          "+ Python and Docker in Berlin\n"
          "\t- Kubernetes, Terraform and Ansible\n"
          "+ the same boilerplate\n"
          "+ the same boilerplate\n"
          "+ no entities here\n"},
         {"more.md", "# Jobs in Europe\nOpenings:\n\n+ Java at Google in London\n+ the same boilerplate\n"}});
  }
  static void TearDownTestSuite() { delete index_; }
  static testing::TestIndex* index_;
};
testing::TestIndex* DocColumnsTest::index_ = nullptr;

// Every facet value and text hash of every document, as the index has it.
TEST_F(DocColumnsTest, HoldEveryValueOfEveryDocument) {
  const Xapian::Database db(index_->db().string());
  const std::unique_ptr<const DocColumns> columns = DocColumns::Build(db);
  std::size_t values_seen = 0;
  for (Xapian::docid doc = 1; doc <= db.get_lastdocid(); ++doc) {
    const Xapian::Document document = db.get_document(doc);
    for (const Field& field : AllFields()) {
      if (field.facet_slot == Xapian::BAD_VALUENO) continue;
      std::vector<std::string> expected;
      for (Xapian::valueno slot = field.facet_slot; !document.get_value(slot).empty(); ++slot) {
        expected.push_back(document.get_value(slot));
      }
      std::vector<std::string> held;
      for (DocColumns::ValueId id : columns->Values(field, doc)) held.push_back(columns->Value(field, id));
      EXPECT_EQ(held, expected) << "document " << doc << ", field " << field.name;
      values_seen += held.size();
    }
    const std::string hash = document.get_value(slots::kContentHash);
    ASSERT_FALSE(hash.empty());
    EXPECT_EQ(columns->TextHash(columns->Text(doc)), hash);
    EXPECT_EQ(columns->TextId(hash), columns->Text(doc));
  }
  EXPECT_GT(values_seen, 10u);  // tools, companies, locations, files, sections
  // Three bullets say "the same boilerplate": one text id among them.
  EXPECT_EQ(columns->TextCount(), db.get_doccount() - 2);
  EXPECT_EQ(columns->TextId("no such hash"), DocColumns::kNoText);
  EXPECT_TRUE(columns->Values(*FindField("tool"), db.get_lastdocid() + 1).empty());
}

TEST_F(DocColumnsTest, PlacesOrderLikeTheSortKeys) {
  const Xapian::Database db(index_->db().string());
  const std::unique_ptr<const DocColumns> columns = DocColumns::Build(db);
  for (Xapian::docid a = 1; a <= db.get_lastdocid(); ++a) {
    const std::string key = db.get_document(a).get_value(slots::kSortKey);
    EXPECT_EQ(SortKey(columns->Path(a), columns->Line(a)), key);
    for (Xapian::docid b = 1; b <= db.get_lastdocid(); ++b) {
      EXPECT_EQ(columns->PlaceKey(a) < columns->PlaceKey(b), key < db.get_document(b).get_value(slots::kSortKey))
          << a << " " << b;
    }
  }
}

// Ranking finds the bullets below a heading or list intro here instead of
// in the posting lists of their ids: both must give the same documents.
TEST_F(DocColumnsTest, HoldTheDocumentsOfEveryHeadingAndIntro) {
  const Xapian::Database db(index_->db().string());
  const std::unique_ptr<const DocColumns> columns = DocColumns::Build(db);
  auto docs_of = [](const DocRuns& runs) {
    std::set<Xapian::docid> docs;
    for (const DocRuns::Run& run : runs.runs()) {
      for (Xapian::docid doc = run.first; doc <= run.last; ++doc) docs.insert(doc);
    }
    return docs;
  };
  std::vector<std::string> ids;
  std::set<Xapian::docid> below_any;
  for (const std::string& prefix : {std::string(prefixes::kHeadingId), std::string(prefixes::kIntroId)}) {
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
      // Inherited entity terms (XIT, XIO, XIG) share the XI prefix; ids are hex digits.
      if (std::isupper(static_cast<unsigned char>((*term)[prefix.size()]))) continue;
      ids.push_back(*term);
      const std::set<Xapian::docid> expected(db.postlist_begin(*term), db.postlist_end(*term));
      EXPECT_EQ(docs_of(columns->DocsWithAny({*term})), expected) << *term;
      below_any.insert(expected.begin(), expected.end());
    }
  }
  ASSERT_GE(ids.size(), 3u);  // the headings of both files and the intro of more.md
  EXPECT_EQ(docs_of(columns->DocsWithAny(ids)), below_any);
  EXPECT_EQ(columns->DocsWithAny({"XHnot an id", "Qpython"}).size(), 0u);
}

TEST_F(DocColumnsTest, OneInstancePerSnapshotForTheWholeProcess) {
  const Xapian::Database db(index_->db().string());
  const std::shared_ptr<const DocColumns> a = DocColumns::Shared("snapshot 1", db);
  EXPECT_EQ(DocColumns::Shared("snapshot 1", db), a);
  EXPECT_NE(DocColumns::Shared("snapshot 2", db), a);
}

}  // namespace
}  // namespace notesearch
