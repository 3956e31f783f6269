#include "searcher/doc_columns.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "core/fields.h"
#include "core/index_store.h"
#include "indexer/indexer.h"
#include "tests/test_util.h"

namespace notesearch {
namespace {

// Expects the columns to hold document `doc`'s values of every facet field
// as the index does (`document`); returns how many there are.
std::size_t ExpectFacetValuesAsIndexed(const DocColumns& columns, Xapian::docid doc, const Xapian::Document& document) {
  std::size_t values = 0;
  for (const Field& field : AllFields()) {
    if (field.facet_slot == Xapian::BAD_VALUENO) continue;
    std::vector<std::string> expected;
    for (Xapian::valueno slot = field.facet_slot; !document.get_value(slot).empty(); ++slot) {
      expected.push_back(document.get_value(slot));
    }
    std::vector<std::string> held;
    for (DocColumns::ValueId id : columns.Values(field, doc)) held.emplace_back(columns.Value(field, id));
    EXPECT_EQ(held, expected) << "document " << doc << ", field " << field.name;
    values += held.size();
  }
  return values;
}

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

  // The one generation of the index, and its columns file.
  static std::filesystem::path Generation() { return index_store::CurrentGenerations(index_->db()).front(); }
  static std::filesystem::path ColumnsFile() { return index_store::ColumnsFile(Generation()); }

  static testing::TestIndex* index_;
};
testing::TestIndex* DocColumnsTest::index_ = nullptr;

// The same columns built in memory and mapped from the file the indexer
// wrote: every test below runs on both.
class EitherColumnsTest : public DocColumnsTest, public ::testing::WithParamInterface<bool> {
 protected:
  std::unique_ptr<const DocColumns> Columns(const Xapian::Database& db) const {
    std::unique_ptr<const DocColumns> columns =
        GetParam() ? DocColumns::Load(ColumnsFile(), db) : DocColumns::Build(db);
    EXPECT_NE(columns, nullptr);
    return columns;
  }
};
INSTANTIATE_TEST_SUITE_P(BuiltOrLoaded, EitherColumnsTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "FromTheIndexersFile" : "BuiltFromTheIndex"; });

// Every facet value and text hash of every document, as the index has it.
TEST_P(EitherColumnsTest, HoldEveryValueOfEveryDocument) {
  const Xapian::Database db(index_->db().string());
  const std::unique_ptr<const DocColumns> columns = Columns(db);
  ASSERT_NE(columns, nullptr);
  std::size_t values_seen = 0;
  for (Xapian::docid doc = 1; doc <= db.get_lastdocid(); ++doc) {
    const Xapian::Document document = db.get_document(doc);
    values_seen += ExpectFacetValuesAsIndexed(*columns, doc, document);
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

TEST_P(EitherColumnsTest, PlacesOrderLikeTheSortKeys) {
  const Xapian::Database db(index_->db().string());
  const std::unique_ptr<const DocColumns> columns = Columns(db);
  ASSERT_NE(columns, nullptr);
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
TEST_P(EitherColumnsTest, HoldTheDocumentsOfEveryHeadingAndIntro) {
  const Xapian::Database db(index_->db().string());
  const std::unique_ptr<const DocColumns> columns = Columns(db);
  ASSERT_NE(columns, nullptr);
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
  int made = 0;
  auto build = [&] {
    ++made;
    return DocColumns::Build(db);
  };
  const std::shared_ptr<const DocColumns> a = DocColumns::Shared("snapshot 1", build);
  EXPECT_EQ(DocColumns::Shared("snapshot 1", build), a);
  EXPECT_EQ(made, 1);
  EXPECT_NE(DocColumns::Shared("snapshot 2", build), a);
  // Nothing made is nothing kept: the next caller tries again.
  EXPECT_EQ(DocColumns::Shared("snapshot 3", [] { return nullptr; }), nullptr);
  EXPECT_NE(DocColumns::Shared("snapshot 3", build), nullptr);
}

// A file is used only for the revision it was written for, and only whole:
// anything else must be refused, not read as other documents' values.
TEST(DocColumnsFileTest, OnlyAWholeFileOfTheSameRevisionLoads) {
  testing::TestIndex index({{"a.md", "+ Python in Berlin\n+ Rust at Google\n"}});
  const std::filesystem::path generation = index_store::CurrentGenerations(index.db()).front();
  const std::filesystem::path file = index_store::ColumnsFile(generation);
  ASSERT_TRUE(std::filesystem::exists(file)) << "the indexer writes it";
  {
    const Xapian::Database db(generation.string());
    EXPECT_NE(DocColumns::Load(file, db), nullptr);
    EXPECT_EQ(DocColumns::Load(generation / "no such file", db), nullptr);
  }
  const std::filesystem::path kept = generation.parent_path() / "kept.columns";
  std::filesystem::copy_file(file, kept);

  index.Write("b.md", "+ Go in Paris\n");
  index.Reindex();
  const Xapian::Database db(generation.string());
  EXPECT_NE(DocColumns::Load(file, db), nullptr) << "rewritten by the commit";
  EXPECT_EQ(DocColumns::Load(kept, db), nullptr) << "of the revision before";
  EXPECT_FALSE(DocColumns::Restamp(kept, db, db.get_revision() - 5)) << "not written for that revision";

  // Cut short, or with a word changed in its header.
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::filesystem::path damaged = generation.parent_path() / "damaged.columns";
  auto write_damaged = [&](const std::string& content) {
    std::ofstream(damaged, std::ios::binary | std::ios::trunc) << content;
    return DocColumns::Load(damaged, db);
  };
  EXPECT_NE(write_damaged(bytes), nullptr);
  EXPECT_EQ(write_damaged(bytes.substr(0, bytes.size() - 4)), nullptr);
  EXPECT_EQ(write_damaged(bytes.substr(0, bytes.size() / 2)), nullptr);
  EXPECT_EQ(write_damaged(""), nullptr);
  std::string other_magic = bytes;
  other_magic[0] ^= 1;
  EXPECT_EQ(write_damaged(other_magic), nullptr);
}

// An indexer killed while writing the file leaves its temporary file; the
// next write removes it rather than leave it to the next rebuild.
TEST(DocColumnsFileTest, ATemporaryFileLeftByAKilledWriterIsRemoved) {
  testing::TestIndex index({{"a.md", "+ Python in Berlin\n"}});
  const std::filesystem::path generation = index_store::CurrentGenerations(index.db()).front();
  const std::filesystem::path left = index_store::ColumnsFile(generation).string() + ".tmp99999";
  std::ofstream(left) << "half a file";
  index.Write("b.md", "+ Go in Paris\n");
  index.Reindex();
  EXPECT_FALSE(std::filesystem::exists(left));
  EXPECT_NE(DocColumns::Load(index_store::ColumnsFile(generation), Xapian::Database(generation.string())), nullptr);
}

// Re-running the indexer over unchanged notes commits metadata only; the
// columns are carried over to the new revision without reading the values.
TEST(DocColumnsFileTest, ARunThatChangesNoDocumentCarriesTheFileOver) {
  testing::TestIndex index({{"a.md", "+ Python in Berlin\n+ Rust at Google\n"}});
  const std::filesystem::path generation = index_store::CurrentGenerations(index.db()).front();
  const std::filesystem::path file = index_store::ColumnsFile(generation);
  const std::filesystem::path kept = generation.parent_path() / "kept.columns";
  std::filesystem::copy_file(file, kept);
  Xapian::rev before = 0;
  {
    const Xapian::Database db(generation.string());
    before = db.get_revision();
    ASSERT_NE(DocColumns::Load(file, db), nullptr);
  }
  index.Reindex();
  const Xapian::Database db(generation.string());
  EXPECT_GT(db.get_revision(), before);
  EXPECT_NE(DocColumns::Load(file, db), nullptr);
  // What the indexer did, done to the copy: carried over from the
  // revision it was written for, refused from any other.
  ASSERT_EQ(DocColumns::Load(kept, db), nullptr);
  EXPECT_FALSE(DocColumns::Restamp(kept, db, before - 1));
  EXPECT_TRUE(DocColumns::Restamp(kept, db, before));
  EXPECT_NE(DocColumns::Load(kept, db), nullptr);
  EXPECT_TRUE(DocColumns::Restamp(kept, db, before)) << "already of this revision: nothing to do";
}

// The shards' columns interleaved as Xapian joins their databases: each
// document of the joined database has its own values, text, place and
// length. Files go to shards by path, so four files fill both.
TEST(DocColumnsInterleaveTest, EachDocumentOfTheJoinedDatabaseHasItsShardsColumns) {
  testing::TempDir dir;
  IndexOptions options;
  options.database = dir.path() / "sharded";
  options.roots = {dir.path() / "notes"};
  options.shards = 2;
  dir.Write("notes/a.md", "# Tools at Apple\n+ Python and Docker in Berlin\n+ the same boilerplate\n");
  dir.Write("notes/b.md", "+ Java at Google in London\n+ the same boilerplate\n\t- Kubernetes on Linux\n");
  dir.Write("notes/c.md", "# Rust\n+ Rust at Microsoft\n+ no entities here\n");
  dir.Write("notes/d.md", "+ Verilog at Intel in Austin\n+ the same boilerplate\n");
  UpdateIndex(options);
  Xapian::Database joined;
  std::vector<std::unique_ptr<const DocColumns>> shards;
  for (const std::filesystem::path& generation : index_store::CurrentGenerations(options.database)) {
    const Xapian::Database shard(generation.string());
    ASSERT_GT(shard.get_doccount(), 0u) << generation;
    joined.add_database(shard);
    shards.push_back(DocColumns::Load(index_store::ColumnsFile(generation), shard));
    ASSERT_NE(shards.back(), nullptr) << "each shard kept has its columns file";
  }
  ASSERT_EQ(shards.size(), 2u);
  const std::unique_ptr<const DocColumns> columns = DocColumns::Interleave(shards, joined);
  ASSERT_NE(columns, nullptr);
  std::set<std::string> hashes;
  std::size_t values_seen = 0;
  for (auto it = joined.postlist_begin(""); it != joined.postlist_end(""); ++it) {
    const Xapian::docid doc = *it;
    const Xapian::Document document = joined.get_document(doc);
    values_seen += ExpectFacetValuesAsIndexed(*columns, doc, document);
    const std::string hash = document.get_value(slots::kContentHash);
    hashes.insert(hash);
    EXPECT_EQ(columns->TextHash(columns->Text(doc)), hash) << doc;
    EXPECT_EQ(SortKey(columns->Path(doc), columns->Line(doc)), document.get_value(slots::kSortKey)) << doc;
    EXPECT_EQ(columns->Lengths()[doc], it.get_doclength()) << doc;
  }
  EXPECT_GT(values_seen, 10u);
  // "the same boilerplate" of both shards is one text.
  EXPECT_EQ(columns->TextCount(), hashes.size());
  EXPECT_LT(hashes.size(), joined.get_doccount());
  shards.pop_back();
  EXPECT_EQ(DocColumns::Interleave(shards, joined), nullptr) << "one shard's columns for two databases";
}

}  // namespace
}  // namespace notesearch
