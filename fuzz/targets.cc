#include "fuzz/targets.h"

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "analysis/analysis_settings.h"
#include "analysis/word_segmenter.h"
#include "core/errors.h"
#include "core/index_store.h"
#include "indexer/indexer.h"
#include "indexer/markdown_inline.h"
#include "indexer/outline_parser.h"
#include "indexer/page_links.h"
#include "indexer/tags.h"
#include "indexer/source_file.h"
#include "searcher/doc_columns.h"
#include "searcher/highlighter.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"
#include "searcher/synonyms.h"
#include "searcher/snippet.h"

namespace notesearch::fuzz {
namespace {

const Analyzer& SharedAnalyzer() {
  static const Analyzer analyzer = MakeAnalyzer({});
  return analyzer;
}

// A small index made once per process, in a directory of its own, with
// the bytes of the columns file the indexer wrote for it.
struct ColumnsFixture {
  std::filesystem::path dir;
  std::filesystem::path generation;
  std::string bytes;

  ColumnsFixture() {
    dir = std::filesystem::temp_directory_path() / ("notesearch-fuzz-columns-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir / "notes");
    std::ofstream(dir / "notes" / "a.md") << "# Jobs at Apple\nOpenings:\n\n+ Python and Docker in Berlin\n"
                                              "\t- Kubernetes and Terraform\n+ the same text\n+ the same text\n";
    std::ofstream(dir / "notes" / "b.md") << "# Europe\n+ Java at Google in London\n+ the same text\n";
    IndexOptions options;
    options.database = dir / "index";
    options.roots = {dir / "notes"};
    options.threads = 1;
    UpdateIndex(options);
    generation = index_store::CurrentGenerations(options.database).front();
    std::ifstream in(index_store::ColumnsFile(generation), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  ~ColumnsFixture() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

}  // namespace

void OutlineParser(std::string_view bytes) {
  const SourceFile source = DecodeSourceBytes(bytes, "fuzz.md");
  if (source.status != SourceFile::Status::kText) return;
  const ParsedOutline outline = ParseOutline(source.text);
  for (const Block& block : outline.blocks) {
    // Invariants the rest of notesearch relies on.
    if (block.line == 0 || block.text.empty()) __builtin_trap();
    if (block.ancestors.size() > kMaxContextAncestors) __builtin_trap();
    for (const auto& [begin, end] : AddressSpans(block.text)) {
      if (begin >= end || end > block.text.size()) __builtin_trap();
    }
    for (const std::string& tag : TagsIn(block.text)) {
      if (tag.empty() || tag.size() > kMaxTagBytes) __builtin_trap();
    }
    for (const std::string& page : PageLinksIn(block.text)) {
      if (page.empty() || page.size() > kMaxPageNameBytes) __builtin_trap();
    }
  }
}

void Analysis(std::string_view bytes) {
  const Analyzer& analyzer = SharedAnalyzer();
  const std::vector<Token> tokens = analyzer.Analyze(bytes);
  HighlightTerms terms;
  for (const Token& token : tokens) {
    if (token.begin > token.end || token.end > bytes.size() || token.term.size() > kMaxTermBytes) __builtin_trap();
    analyzer.Stem(token);
    terms.exact.insert(token.term);
  }
  const std::vector<Span> spans = FindHighlights(analyzer, bytes, terms);
  ToCodePointSpans(bytes, spans);
  MakeSnippet(bytes, spans);
  Analyzer::Normalize(bytes);
  // ASCII is segmented without ICU (word_segmenter.h): the same segments.
  static WordSegmenter segmenter;
  if (segmenter.Segments(bytes) != segmenter.IcuSegments(bytes)) __builtin_trap();
}

void QueryParser(std::string_view bytes) {
  try {
    const ParsedQuery parsed = ParseQuery(bytes);
    DescribeQuery(parsed.root);
    const ContextMatcher context;
    const RankingWeights weights;
    // The bundled synonyms only (no user file): runs of words that are a
    // synonym, and common words inside them, take paths of their own.
    static std::vector<Diagnostic> problems;
    static const Synonyms synonyms = Synonyms::Load(SharedAnalyzer(), {}, &problems);
    QueryBuilder builder(SharedAnalyzer(), context, weights, nullptr, nullptr, &synonyms);
    std::vector<std::string> notices;
    builder.Build(parsed.root, &notices).get_description();
  } catch (const UsageError&) {
    // A clear error for a bad query is a correct answer.
  }
}

void ColumnsFile(std::string_view bytes) {
  static const ColumnsFixture fixture;
  std::string damaged = fixture.bytes;
  std::size_t at = 0;
  for (; at + 5 <= bytes.size() && !damaged.empty(); at += 5) {
    std::uint32_t offset = 0;
    for (int i = 0; i < 4; ++i) offset = (offset << 8) | static_cast<unsigned char>(bytes[at + i]);
    damaged[offset % damaged.size()] = bytes[at + 4];
  }
  if (at < bytes.size()) damaged.resize(static_cast<unsigned char>(bytes[at]) * damaged.size() / 256);
  const std::filesystem::path file = fixture.dir / "damaged.columns";
  std::ofstream(file, std::ios::binary | std::ios::trunc) << damaged;

  const Xapian::Database db(fixture.generation.string());
  const std::unique_ptr<const DocColumns> columns = DocColumns::Load(file, db);
  if (columns == nullptr) return;
  for (Xapian::docid doc = 0; doc <= db.get_lastdocid() + 1; ++doc) {
    for (const Field& field : AllFields()) {
      if (field.facet_slot == Xapian::BAD_VALUENO) continue;
      for (DocColumns::ValueId id : columns->Values(field, doc)) columns->Value(field, id);
    }
    const DocColumns::ValueId text = columns->Text(doc);
    if (text > columns->TextCount()) __builtin_trap();
    columns->TextId(columns->TextHash(text));
    columns->Path(doc);
    columns->PlaceKey(doc);
  }
  std::vector<std::string> terms;
  for (const std::string& prefix : {std::string(prefixes::kHeadingId), std::string(prefixes::kIntroId)}) {
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) terms.push_back(*term);
  }
  // Only documents that exist: the matcher would walk any other run too,
  // document by document.
  const DocRuns runs = columns->DocsWithAny(terms);
  for (const DocRuns::Run& run : runs.runs()) {
    if (run.first == 0 || run.last > db.get_lastdocid()) __builtin_trap();
  }
  DocRunsPostingSource source(
      std::make_shared<const WeightedRuns>(WeightedRuns::Sum({{std::make_shared<const DocRuns>(runs), 1.0}})));
  source.init(db);
  for (source.next(0); !source.at_end(); source.next(0)) {
  }
}

}  // namespace notesearch::fuzz
