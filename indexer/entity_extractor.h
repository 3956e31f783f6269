// Finds the tools, companies and places a text names, as gazetteer entries.
//
// Names are matched on analysed words (so "Nvidia's" and "NVIDIA" both find
// NVIDIA) with the longest name winning; each name's evidence decides what
// else a mention needs (gazetteer.h): the exact case, and for names that are
// also common words, context — "at Scale", "in Reading, PA", "Go, Rust and
// C++", "· Remote", never "remote sensing". Among namesakes (Santa Clara,
// California or Cuba) a place named next to it wins, then a curated entry,
// then the most populous.
// Thread-safety: immutable after construction; Extract may be called from
// several threads at once.
#ifndef NOTESEARCH_INDEXER_ENTITY_EXTRACTOR_H_
#define NOTESEARCH_INDEXER_ENTITY_EXTRACTOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/analyzer.h"
#include "indexer/gazetteer.h"
#include "indexer/outline_parser.h"

namespace notesearch {

struct EntityMention {
  const GazetteerEntry* entry;
  std::uint32_t begin;  // byte offsets in the text
  std::uint32_t end;
};

class EntityExtractor {
 public:
  // `gazetteer` is borrowed and must outlive the extractor; `analyzer` is
  // used only to analyse the names here.
  EntityExtractor(const Gazetteer& gazetteer, const Analyzer& analyzer);

  // `tokens` are analyzer.Analyze(text): the caller has them already.
  // `in_tool_list`: the text is an item of a list of tools, which supports
  // doubtful tool names ("+ R" under "analytical toolkit").
  std::vector<EntityMention> Extract(std::string_view text, const std::vector<Token>& tokens,
                                     bool in_tool_list = false) const;
  // The mentions of every block of a file (`tokens[i]` analyses block i),
  // using the outline to find lists of tools.
  std::vector<std::vector<EntityMention>> ExtractOutline(const ParsedOutline& outline,
                                                         const std::vector<std::vector<Token>>& tokens) const;

  const Gazetteer& gazetteer() const { return gazetteer_; }

 private:
  struct Pattern {
    std::vector<std::string> terms;   // the name's phrase terms
    std::vector<std::string> shapes;  // each term as written in the gazetteer
    std::vector<std::string> gaps;    // what separates the terms in the name
    const GazetteerEntry* entry;
    Evidence evidence;
  };
  struct Match {
    const Pattern* pattern;
    std::size_t first;  // index into the phrase tokens
    std::size_t count;
  };

  // Patterns matching at phrase[i], longest first.
  std::vector<Match> MatchesAt(std::string_view text, const std::vector<Token>& phrase, std::size_t i) const;
  // Which kinds of names the text holds without doubt (evidence none or
  // case): they support doubtful names of the same kind nearby.
  struct Certain {
    bool tools = false;
    bool places = false;
  };
  bool HasContext(std::string_view text, const std::vector<Token>& phrase,
                  const std::vector<std::vector<Match>>& candidates, const Match& match, const Certain& certain) const;
  bool NextIsRegion(std::string_view text, const std::vector<Token>& phrase, const Match& match,
                    const GazetteerEntry** region) const;

  const Gazetteer& gazetteer_;
  std::vector<Pattern> patterns_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_term_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_ENTITY_EXTRACTOR_H_
