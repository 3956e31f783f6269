#include "indexer/document_builder.h"

#include <filesystem>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/fields.h"
#include "indexer/source_file.h"

namespace notesearch {
namespace {

// Gap between the lines of a multi-line field, so that a phrase cannot match
// across two ancestors or two headings.
constexpr Xapian::termpos kLineGap = 100;

const Field& FieldNamed(std::string_view name) { return *FindField(name); }

class TermWriter {
 public:
  TermWriter(const Analyzer& analyzer, Xapian::Document& doc) : analyzer_(analyzer), doc_(doc) {}

  // Adds the tokens of one line of a field; positions continue after the
  // previous line of the same field.
  void AddLine(const Field& field, const std::vector<Token>& tokens, Xapian::termpos* next_position) {
    const std::string stem_prefix = StemmedPrefix(field.prefix);
    Xapian::termpos last = *next_position;
    for (const Token& token : tokens) {
      const std::string term = std::string(field.prefix) + token.term;
      if (field.positional) {
        const Xapian::termpos position = *next_position + token.position;
        doc_.add_posting(term, position);
        last = std::max(last, position);
      } else {
        doc_.add_term(term);
      }
      if (!field.stemmed) continue;
      if (std::string stem = analyzer_.Stem(token); !stem.empty()) doc_.add_term(stem_prefix + stem);
    }
    *next_position = last + kLineGap;
  }

 private:
  const Analyzer& analyzer_;
  Xapian::Document& doc_;
};

}  // namespace

std::vector<Xapian::Document> DocumentBuilder::BuildFile(const std::string& path,
                                                         const ParsedOutline& outline) const {
  // Every context line is a block of the same file, so analysing each block
  // once covers the context of all its descendants.
  std::unordered_map<std::uint32_t, std::vector<Token>> tokens_by_line;
  tokens_by_line.reserve(outline.blocks.size());
  for (const Block& block : outline.blocks) tokens_by_line[block.line] = analyzer_.Analyze(block.text);

  const std::string file_value = Analyzer::Normalize(std::filesystem::path(path).stem().string());
  const std::string file_name = std::filesystem::path(path).filename().string();
  const Field& text = TextField();
  const Field& context = ContextField();
  const Field& section = FieldNamed("section");
  const Field& file = FieldNamed("file");
  const Field& kind = FieldNamed("kind");

  std::vector<Xapian::Document> documents;
  documents.reserve(outline.blocks.size());
  for (const Block& block : outline.blocks) {
    Xapian::Document doc;
    TermWriter writer(analyzer_, doc);
    Xapian::termpos position = 1;
    writer.AddLine(text, tokens_by_line[block.line], &position);

    position = 1;
    for (const ContextLine& line : block.Context()) {
      writer.AddLine(context, tokens_by_line[line.line], &position);
    }
    position = 1;
    Xapian::valueno slot = section.facet_slot;
    for (const ContextLine& heading : block.headings) {
      writer.AddLine(section, tokens_by_line[heading.line], &position);
      doc.add_boolean_term(std::string(section.value_prefix) + Analyzer::Normalize(heading.text));
      if (slot < section.facet_slot + slots::kMaxFacetValues) doc.add_value(slot++, heading.text);
    }

    doc.add_boolean_term(std::string(file.value_prefix) + file_value);
    doc.add_value(file.facet_slot, file_name);
    doc.add_boolean_term(std::string(kind.value_prefix) + std::string(BlockKindName(block.kind)));
    doc.add_boolean_term(PathTerm(path));
    doc.add_boolean_term(UniqueIdTerm(path, block.line));
    if (block.parent_line != 0) doc.add_boolean_term(ParentTerm(path, block.parent_line));

    doc.add_value(slots::kSortKey, SortKey(path, block.line));
    doc.add_value(slots::kContentHash, std::to_string(ContentHash(Analyzer::Normalize(block.text))));
    doc.set_data(ToJson(StoredBlock{path, block}).dump());
    documents.push_back(std::move(doc));
  }
  return documents;
}

}  // namespace notesearch
