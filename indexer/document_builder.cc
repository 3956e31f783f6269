#include "indexer/document_builder.h"

#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "core/context_lexicon.h"
#include "core/fields.h"
#include "core/hash.h"
#include "indexer/entity_assigner.h"
#include "indexer/markdown_inline.h"
#include "indexer/page_links.h"
#include "indexer/tags.h"

namespace notesearch {

// A document being built, and a hash of every call that built it, in
// order, but those placing it: the same calls build the same document, so
// the hash, stored as slots::kFingerprint, tells whether a block comes out
// as it was, wherever it now is (for a third of the cost of hashing
// Document::serialise()). Its methods are Xapian::Document's, which it is
// built through alone.
class FingerprintedDocument {
 public:
  void add_posting(const std::string& term, Xapian::termpos position, Xapian::termcount wdf) {
    Mix('p', term, position, wdf);
    doc_.add_posting(term, position, wdf);
  }
  void add_term(const std::string& term, Xapian::termcount wdf) {
    Mix('t', term, 0, wdf);
    doc_.add_term(term, wdf);
  }
  void add_boolean_term(const std::string& term) {
    Mix('b', term, 0, 0);
    doc_.add_boolean_term(term);
  }
  void add_value(Xapian::valueno slot, const std::string& value) {
    Mix('v', value, slot, 0);
    doc_.add_value(slot, value);
  }
  // Where the block is (its sort key and record), left out of the hash: a
  // block that only moved then keeps its old document, whose placement
  // alone changes (WriteFileDocuments).
  void add_placement_value(Xapian::valueno slot, const std::string& value) { doc_.add_value(slot, value); }
  Xapian::Document Finish() && {
    std::string fingerprint(sizeof hash_, '\0');
    for (std::size_t i = 0; i < fingerprint.size(); ++i) fingerprint[i] = static_cast<char>(hash_ >> (8 * i));
    doc_.add_value(slots::kFingerprint, fingerprint);
    return std::move(doc_);
  }

 private:
  void Mix(char call, std::string_view bytes, std::uint64_t a, std::uint64_t b) {
    const std::uint64_t header[] = {static_cast<std::uint64_t>(call), bytes.size(), a, b};
    hash_ = StableHash(bytes, StableHash(std::string_view(reinterpret_cast<const char*>(header), sizeof header), hash_));
  }

  Xapian::Document doc_;
  std::uint64_t hash_ = StableHash("");
};

namespace {

// Gap between the lines of a multi-line field, so that a phrase cannot match
// across two of them.
constexpr Xapian::termpos kLineGap = 100;

const Field& FieldNamed(std::string_view name) { return *FindField(name); }

const std::vector<std::string> kNoNames;

// The wdf of one occurrence of a term: inherited terms, headings and intros
// and fields outside the bullet's length add to no wdf (see core/fields.h).
constexpr Xapian::termcount kOutsideLength = 0;
Xapian::termcount OccurrenceWdf(const Field& field) { return field.counts_in_length ? 1 : kOutsideLength; }

class TermWriter {
 public:
  TermWriter(const Analyzer& analyzer, FingerprintedDocument& doc) : analyzer_(analyzer), doc_(doc) {}

  // Adds the tokens of one line of a field; positions continue after the
  // previous line of the same field.
  void AddLine(const Field& field, const std::vector<Token>& tokens, Xapian::termpos* next_position) {
    const std::string stem_prefix = StemmedPrefix(field.prefix);
    const Xapian::termcount wdf = OccurrenceWdf(field);
    Xapian::termpos last = *next_position;
    for (const Token& token : tokens) {
      const std::string term = std::string(field.prefix) + token.term;
      if (field.positional) {
        const Xapian::termpos position = *next_position + token.position;
        doc_.add_posting(term, position, wdf);
        last = std::max(last, position);
      } else {
        doc_.add_term(term, wdf);
      }
      if (!field.stemmed) continue;
      if (std::string stem = analyzer_.Stem(token); !stem.empty()) doc_.add_term(stem_prefix + stem, wdf);
    }
    *next_position = last + kLineGap;
  }

 private:
  const Analyzer& analyzer_;
  FingerprintedDocument& doc_;
};

}  // namespace

const std::vector<std::string>& DocumentBuilder::NameTerms(const std::string& name) {
  auto [it, added] = name_terms_.try_emplace(name);
  if (added) {
    for (const Token& token : analyzer_.Analyze(name)) it->second.push_back(token.term);
  }
  return it->second;
}

void DocumentBuilder::AddEntityTerms(const std::string& prefix, const std::vector<std::string>& names,
                                     Xapian::termcount wdf, FingerprintedDocument& doc) {
  for (const std::string& name : names) {
    for (const std::string& term : NameTerms(name)) doc.add_term(prefix + term, wdf);
  }
}

namespace {

// Exact values for filters and facets: one boolean term and one value slot
// (base + i) per distinct value, so that ValueCountMatchSpy counts a
// multi-valued field once per bullet.
void AddValues(const Field& field, const std::vector<const std::vector<std::string>*>& lists,
               FingerprintedDocument& doc) {
  std::vector<std::string> seen;
  for (const std::vector<std::string>* list : lists) {
    for (const std::string& value : *list) {
      if (std::find(seen.begin(), seen.end(), value) != seen.end()) continue;
      doc.add_boolean_term(ValueTerm(field, Analyzer::Normalize(value)));
      if (seen.size() < slots::kMaxFacetValues) doc.add_value(field.facet_slot + static_cast<Xapian::valueno>(seen.size()), value);
      seen.push_back(value);
    }
  }
}

// Words of three letters or more (others are poor corrections).
bool IsSpellingWord(const std::string& term) {
  return term.size() >= 3 && std::all_of(term.begin(), term.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
  });
}

// The tokens of a block's text outside and inside `spans`, the web
// addresses it writes out (AddressSpans).
std::pair<std::vector<Token>, std::vector<Token>> SplitOffAddresses(
    const std::vector<Token>& tokens, const std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  std::vector<Token> own, addresses;
  for (const Token& token : tokens) {
    const bool inside = std::any_of(spans.begin(), spans.end(), [&](const auto& span) {
      return token.begin >= span.first && token.end <= span.second;
    });
    (inside ? addresses : own).push_back(token);
  }
  return {std::move(own), std::move(addresses)};
}

}  // namespace

void DocumentBuilder::BuildFile(const std::string& path, ParsedOutline& outline, std::size_t batch,
                                const std::function<void(SpellingCounts&&)>& spelling,
                                const std::function<void(std::vector<Xapian::Document>&&)>& emit) {
  // Ancestors are blocks of the same file: analysing each block once covers
  // the context of all its descendants.
  std::vector<std::vector<Token>> tokens;  // of each block
  std::unordered_map<std::uint32_t, std::size_t> block_at_line;
  // The text's words outside and inside web addresses, of the blocks that
  // write one out; the others' text is all theirs.
  std::unordered_map<std::size_t, std::pair<std::vector<Token>, std::vector<Token>>> addresses_of_block;
  SpellingCounts words;
  tokens.reserve(outline.blocks.size());
  block_at_line.reserve(outline.blocks.size());
  for (const Block& block : outline.blocks) {
    block_at_line.emplace(block.line, tokens.size());
    tokens.push_back(analyzer_.Analyze(block.text));
    const std::vector<Token>* own = &tokens.back();
    if (const auto spans = AddressSpans(block.text); !spans.empty()) {
      own = &(addresses_of_block[tokens.size() - 1] = SplitOffAddresses(tokens.back(), spans)).first;
    }
    for (const Token& token : *own) {
      if (IsSpellingWord(token.term)) ++words[token.term];
    }
  }
  spelling(std::move(words));
  auto tokens_at = [&](std::uint32_t line) -> const std::vector<Token>& {
    static const std::vector<Token> kNone;
    const auto block = block_at_line.find(line);
    return block != block_at_line.end() ? tokens[block->second] : kNone;
  };

  std::vector<PlaceRollup> rollups(outline.blocks.size());
  if (const EntityExtractor* extractor = extractor_.get(); extractor != nullptr) {
    rollups = AssignEntities(extractor->gazetteer(), extractor->ExtractOutline(outline, tokens), outline);
  }
  AssignTags(outline);
  AssignPageLinks(outline);

  const std::string file_value = Analyzer::Normalize(std::filesystem::path(path).stem().string());
  const std::string file_name = std::filesystem::path(path).filename().string();
  const std::string path_term = PathTerm(path);
  // The parent term of each block's children: a child follows its parent.
  std::unordered_map<std::uint32_t, std::string> parent_term_of_line;
  const Field& text = TextField();
  const Field& context = ContextField();
  const Field& section = FieldNamed("section");
  const Field& location = FieldNamed("location");
  const Field& url = FieldNamed("url");
  const Field& country = FieldNamed("country");
  const Field& file = FieldNamed("file");
  const Field& kind = FieldNamed("kind");

  std::vector<Xapian::Document> documents;
  documents.reserve(std::min(batch, outline.blocks.size()));
  for (std::size_t i = 0; i < outline.blocks.size(); ++i) {
    const Block& block = outline.blocks[i];
    FingerprintedDocument doc;
    TermWriter writer(analyzer_, doc);
    Xapian::termpos position = 1;
    Xapian::termpos url_position = 1;
    if (const auto split = addresses_of_block.find(i); split == addresses_of_block.end()) {
      writer.AddLine(text, tokens[i], &position);
    } else {
      writer.AddLine(text, split->second.first, &position);
      writer.AddLine(url, split->second.second, &url_position);
    }
    for (const Link& link : block.links) {
      // An autolink's address is in the text already.
      if (block.text.find(link.url) == std::string::npos) {
        writer.AddLine(url, analyzer_.Analyze(link.url), &url_position);
      }
    }
    position = 1;
    for (const ContextLine& ancestor : block.ancestors) {
      writer.AddLine(context, tokens_at(ancestor.line), &position);
    }
    // Not a boolean term: a heading match is ranked like a context word.
    Xapian::valueno slot = section.facet_slot;
    for (const ContextLine& heading : block.headings) {
      const std::string id = ContextId(heading.kind, heading.text);
      doc.add_term(std::string(prefixes::kHeadingId) + id, kOutsideLength);
      if (slot < section.facet_slot + slots::kMaxFacetValues) doc.add_value(slot++, id);
    }
    if (block.intro) {
      doc.add_term(std::string(prefixes::kIntroId) + ContextId(block.intro->kind, block.intro->text), kOutsideLength);
    }

    for (const Field* field : NamedValueFields()) {
      const std::vector<std::string>& own = block.entities.*field->names;
      const std::vector<std::string>& inherited = block.inherited.*field->names;
      AddEntityTerms(std::string(field->prefix), own, OccurrenceWdf(*field), doc);
      AddEntityTerms(std::string(field->inherited_prefix), inherited, kOutsideLength, doc);
      // A place is also in the places that contain it: location:California
      // finds San Francisco.
      const std::vector<std::string>& containing = field == &location ? rollups[i].containing : kNoNames;
      AddEntityTerms(std::string(field->inherited_prefix), containing, kOutsideLength, doc);
      AddValues(*field, {&own, &inherited, &containing}, doc);
    }
    AddValues(country, {&rollups[i].countries}, doc);

    doc.add_boolean_term(ValueTerm(file, file_value));
    doc.add_value(file.facet_slot, file_name);
    doc.add_boolean_term(ValueTerm(kind, BlockKindName(block.kind)));
    doc.add_boolean_term(path_term);
    if (const auto parent = parent_term_of_line.find(block.parent_line); parent != parent_term_of_line.end()) {
      doc.add_boolean_term(parent->second);
    }

    doc.add_placement_value(slots::kSortKey, SortKey(path, block.line));
    const std::string content_hash = HashKey(Analyzer::Normalize(block.text), 16);
    doc.add_value(slots::kContentHash, content_hash);
    doc.add_boolean_term(std::string(prefixes::kDuplicate) + content_hash);
    // The record holds the text as written, which the terms do not (case),
    // and the block's lines and its ancestors': equal records, equal
    // placement.
    doc.add_placement_value(slots::kRecord, EncodeStoredBlock(StoredBlock{path, block}));
    documents.push_back(std::move(doc).Finish());
    parent_term_of_line[block.line] = ParentTerm(documents.back().get_value(slots::kFingerprint));
    if (documents.size() == batch) {
      emit(std::move(documents));
      documents = {};
      documents.reserve(std::min(batch, outline.blocks.size() - i - 1));
    }
  }
  if (!documents.empty()) emit(std::move(documents));
}

std::vector<ContextEntry> DocumentBuilder::ContextEntries(const ParsedOutline& outline) const {
  std::vector<ContextEntry> entries;
  for (const Block& block : outline.blocks) {
    if (block.kind == BlockKind::kBullet) continue;
    ContextEntry entry{ContextId(block.kind, block.text), block.kind, block.text};
    const std::vector<Token> tokens = analyzer_.Analyze(block.text);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      (HasParts(tokens, i) ? entry.other_terms : entry.phrase_terms).push_back(tokens[i].term);
      if (std::string stem = analyzer_.Stem(tokens[i]); !stem.empty()) entry.stems.push_back(std::move(stem));
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace notesearch
