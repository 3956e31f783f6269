#include "fuzz/targets.h"

#include "analysis/analysis_settings.h"
#include "core/errors.h"
#include "indexer/outline_parser.h"
#include "indexer/source_file.h"
#include "searcher/highlighter.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"
#include "searcher/snippet.h"

namespace notesearch::fuzz {
namespace {

const Analyzer& SharedAnalyzer() {
  static const Analyzer analyzer = MakeAnalyzer({});
  return analyzer;
}

}  // namespace

void OutlineParser(std::string_view bytes) {
  const SourceFile source = DecodeSourceBytes(bytes, "fuzz.md");
  if (source.status != SourceFile::Status::kText) return;
  const ParsedOutline outline = ParseOutline(source.text);
  for (const Block& block : outline.blocks) {
    // Invariants the rest of notesearch relies on.
    if (block.line == 0 || block.text.empty()) __builtin_trap();
    if (block.ancestors.size() > kMaxContextAncestors) __builtin_trap();
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
}

void QueryParser(std::string_view bytes) {
  try {
    const ParsedQuery parsed = ParseQuery(bytes);
    DescribeQuery(parsed.root);
    const ContextMatcher context;
    const RankingWeights weights;
    QueryBuilder builder(SharedAnalyzer(), context, weights);
    std::vector<std::string> notices;
    builder.Build(parsed.root, &notices).get_description();
  } catch (const UsageError&) {
    // A clear error for a bad query is a correct answer.
  }
}

}  // namespace notesearch::fuzz
