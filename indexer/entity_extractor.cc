#include "indexer/entity_extractor.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <tuple>
#include <unordered_map>

namespace notesearch {
namespace {

// Words before a name that make it a tool: "experience with Go", "in R".
constexpr std::array<std::string_view, 20> kToolLeadWords = {
    "with", "using", "in", "of", "like", "including", "and", "or", "e.g", "such",
    "as", "via", "use", "uses", "used", "knowledge", "proficiency", "languages", "tools", "plus"};
// Words around a name that make it a company: "at Scale", "Scale is hiring".
constexpr std::array<std::string_view, 8> kCompanyLeadWords = {"at", "join", "joining", "joined",
                                                               "from", "by", "with", "for"};
constexpr std::array<std::string_view, 15> kCompanyTrailWords = {
    "is", "are", "was", "has", "team", "teams", "inc", "corp", "corporation", "ltd", "llc", "labs",
    "research", "technologies", "engineering"};
// Words before a name that make it a place: "in Reading", "based in Nice".
// Not "from" or "to": in notes they name sources and targets ("forked from
// Hudson", "SW to Enterprise") far more often than places.
constexpr std::array<std::string_view, 10> kPlaceLeadWords = {"in", "at", "near", "based", "located",
                                                              "across", "throughout", "within",
                                                              "around", "outside"};
// "Remote position" is a work arrangement; "remote sensing" is not.
constexpr std::array<std::string_view, 16> kArrangementTrailWords = {
    "position", "positions", "role", "roles", "job", "jobs", "work", "opportunity", "option",
    "eligible", "friendly", "first", "ok", "allowed", "possible", "available"};
constexpr std::array<std::string_view, 4> kArrangementLeadWords = {"fully", "or", "hybrid", "and"};
// "Rake-based", "AWS-deployed": a name may end at these hyphenated suffixes.
constexpr std::array<std::string_view, 12> kHyphenSuffixes = {
    "based", "like", "powered", "compatible", "deployed", "driven", "enabled", "native", "specific", "style",
    "centric", "only"};
// Words that, in a parent or list intro, make its one-word children tools.
constexpr std::array<std::string_view, 10> kToolListWords = {
    "languages", "language", "tools", "toolkit", "libraries", "frameworks", "stack", "platforms", "skills",
    "technologies"};

template <std::size_t N>
bool OneOf(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

std::string_view Gap(std::string_view text, const std::vector<Token>& phrase, std::size_t i) {
  return text.substr(phrase[i - 1].end, phrase[i].begin - phrase[i - 1].end);
}

bool IsSpaces(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// Joiners inside a compound: a name may not start or end between them, so
// "R" is not found in "R&D" nor "Node" in "Node.js"; '/' and spaces split,
// and so does a suffix such as "-based" ("Rake-based").
bool IsBoundary(std::string_view text, const std::vector<Token>& phrase, std::size_t i) {
  if (i == 0 || i >= phrase.size()) return true;
  const std::string_view gap = Gap(text, phrase, i);
  const bool tight =
      gap.empty() || std::all_of(gap.begin(), gap.end(), [](char c) { return std::string_view("-._&'").find(c) != std::string_view::npos; });
  if (!tight) return true;
  return gap == "-" && OneOf(std::string_view(phrase[i].term), kHyphenSuffixes);
}

// Spaces in a name match any spaces; other separators must be the same
// ("AMD Xilinx" is not "AMD/Xilinx"; "Spark SQL" is not "Spark, SQL").
bool SameGap(std::string_view in_name, std::string_view in_text) {
  if (IsSpaces(in_name) || in_name.empty()) return IsSpaces(in_text) || in_text == in_name;
  return in_name == in_text || (in_name == "-" && IsSpaces(in_text));
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// The characters just before and after a span, skipping spaces; the middle
// dot and bullet of job-ad headers ("Engineer · ASML · Remote") become '|'.
char Neighbour(std::string_view text, std::uint32_t at, int step) {
  std::int64_t i = static_cast<std::int64_t>(at) + (step < 0 ? -1 : 0);
  while (i >= 0 && i < static_cast<std::int64_t>(text.size()) && IsSpace(text[static_cast<std::size_t>(i)])) i += step;
  if (i < 0) return '^';
  if (i >= static_cast<std::int64_t>(text.size())) return '$';
  const auto c = static_cast<unsigned char>(text[static_cast<std::size_t>(i)]);
  // U+00B7 MIDDLE DOT is C2 B7; U+2022 BULLET is E2 80 A2.
  if (step < 0 && (c == 0xB7 || c == 0xA2) && i > 0) return '|';
  if (step > 0 && (c == 0xC2 || c == 0xE2)) {
    const std::string_view rest = text.substr(static_cast<std::size_t>(i));
    if (rest.starts_with("\u00B7") || rest.starts_with("\u2022")) return '|';
  }
  return static_cast<char>(c);
}

// The text of a token as written, without a possessive ending.
std::string_view Written(std::string_view text, const Token& token) {
  std::string_view written = text.substr(token.begin, token.end - token.begin);
  for (std::string_view possessive : {"'s", "\u2019s"}) {
    if (written.ends_with(possessive)) written.remove_suffix(possessive.size());
  }
  return written;
}

// "Shanghai" written "SHANGHAI" in a job-ad header: the exact case, or all
// capitals for names of four letters or more.
bool SameShape(std::string_view written, std::string_view shape) {
  if (written == shape) return true;
  if (written.size() != shape.size() || shape.size() < 4) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const auto w = static_cast<unsigned char>(written[i]);
    if (w >= 0x80 || std::islower(w) || std::toupper(static_cast<unsigned char>(shape[i])) != w) return false;
  }
  return true;
}

// "Augmented Reality (AR)": the capitals in parentheses spell the words
// before them, so they define an abbreviation (here not Arkansas).
bool DefinesAnAcronym(std::string_view text, const std::vector<Token>& phrase, std::size_t first, std::size_t after) {
  const std::string_view written = text.substr(phrase[first].begin, phrase[after - 1].end - phrase[first].begin);
  if (written.size() < 2 || written.size() > first ||
      !std::all_of(written.begin(), written.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); })) {
    return false;
  }
  for (std::size_t k = 0; k < written.size(); ++k) {
    const char initial = text[phrase[first - written.size() + k].begin];
    if (std::toupper(static_cast<unsigned char>(initial)) != written[k]) return false;
  }
  return true;
}

}  // namespace

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer, const Analyzer& analyzer) : gazetteer_(gazetteer) {
  for (const GazetteerEntry& entry : gazetteer.entries()) {
    for (const GazetteerName& name : entry.names) {
      const std::vector<Token> phrase = PhraseTokens(analyzer.Analyze(name.text));
      if (phrase.empty()) continue;
      Pattern pattern{{}, {}, {}, &entry, name.evidence};
      for (std::size_t k = 0; k < phrase.size(); ++k) {
        pattern.terms.push_back(phrase[k].term);
        pattern.shapes.emplace_back(name.text.substr(phrase[k].begin, phrase[k].end - phrase[k].begin));
        if (k > 0) pattern.gaps.emplace_back(Gap(name.text, phrase, k));
      }
      by_first_term_[pattern.terms.front()].push_back(patterns_.size());
      patterns_.push_back(std::move(pattern));
    }
  }
  for (auto& [term, list] : by_first_term_) {
    std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
      return patterns_[a].terms.size() > patterns_[b].terms.size();
    });
  }
}

std::vector<EntityExtractor::Match> EntityExtractor::MatchesAt(std::string_view text, const std::vector<Token>& phrase,
                                                               std::size_t i) const {
  std::vector<Match> matches;
  auto it = by_first_term_.find(phrase[i].term);
  if (it == by_first_term_.end() || !IsBoundary(text, phrase, i)) return matches;
  for (std::size_t index : it->second) {
    const Pattern& p = patterns_[index];
    const std::size_t count = p.terms.size();
    if (i + count > phrase.size() || !IsBoundary(text, phrase, i + count)) continue;
    bool same = true;
    for (std::size_t k = 1; k < count && same; ++k) {
      same = phrase[i + k].term == p.terms[k] && phrase[i + k].position == phrase[i].position + k &&
             SameGap(p.gaps[k - 1], Gap(text, phrase, i + k));
    }
    if (!same) continue;
    if (p.evidence != Evidence::kNone) {
      for (std::size_t k = 0; k < count && same; ++k) same = SameShape(Written(text, phrase[i + k]), p.shapes[k]);
      if (!same) continue;
    }
    matches.push_back({&p, i, count});
  }
  return matches;
}

bool EntityExtractor::NextIsRegion(std::string_view text, const std::vector<Token>& phrase, const Match& match,
                                   const GazetteerEntry** region) const {
  const std::size_t next = match.first + match.count;
  if (next >= phrase.size() || Neighbour(text, phrase[next - 1].end, +1) != ',') return false;
  for (const Match& m : MatchesAt(text, phrase, next)) {
    if (m.pattern->entry->type == EntityType::kLocation && m.pattern->entry->kind != "city" &&
        m.pattern->entry->kind != "arrangement") {
      *region = m.pattern->entry;
      return true;
    }
  }
  return false;
}

bool EntityExtractor::HasContext(std::string_view text, const std::vector<Token>& phrase,
                                 const std::vector<std::vector<Match>>& candidates, const Match& match,
                                 const Certain& certain) const {
  const GazetteerEntry& entry = *match.pattern->entry;
  const std::size_t first = match.first;
  const std::size_t after = first + match.count;
  const std::string_view previous = first > 0 ? std::string_view(phrase[first - 1].term) : "";
  const std::string_view next = after < phrase.size() ? std::string_view(phrase[after].term) : "";
  const char before = Neighbour(text, phrase[first].begin, -1);
  const char behind = Neighbour(text, phrase[after - 1].end, +1);
  const bool header = before == '|' || behind == '|';
  // Capitalised inside a sentence, a name is a proper noun: "what Scale
  // should do", "Zoom's video pipeline".
  const bool mid_sentence = first > 0 && std::string_view(".!?:;^-(\"").find(before) == std::string_view::npos;
  switch (entry.type) {
    case EntityType::kTool:
      return certain.tools || OneOf(previous, kToolLeadWords) ||
             std::string_view(",/(:;").find(before) != std::string_view::npos ||
             std::string_view(",/);").find(behind) != std::string_view::npos;
    case EntityType::kCompany:
      return header || mid_sentence || OneOf(previous, kCompanyLeadWords) || OneOf(next, kCompanyTrailWords);
    case EntityType::kLocation: {
      if (entry.kind == "arrangement") {
        return header || std::string_view("(-,/^").find(before) != std::string_view::npos ||
               std::string_view("),/$").find(behind) != std::string_view::npos ||
               OneOf(next, kArrangementTrailWords) || OneOf(previous, kArrangementLeadWords);
      }
      const auto place_ends_at = [&](std::size_t end) {
        for (std::size_t j = 0; j < end; ++j) {
          for (const Match& m : candidates[j]) {
            if (m.first + m.count == end && m.pattern->entry->type == EntityType::kLocation) return true;
          }
        }
        return false;
      };
      const auto place_starts_at = [&](std::size_t start) {
        return start < candidates.size() &&
               std::any_of(candidates[start].begin(), candidates[start].end(),
                           [](const Match& m) { return m.pattern->entry->type == EntityType::kLocation; });
      };
      const auto separator = [](char c) { return std::string_view("-/,;").find(c) != std::string_view::npos; };
      // "Santa Clara, CA": a place right after another one and a comma.
      const bool after_place = before == ',' && place_ends_at(first);
      // In a list of places ("USA - California - Mountain View/Sunnyvale")
      // the certain ones support their neighbours, not other words of the
      // line ("U.S. Academic/University Research Labs").
      const bool listed = certain.places && ((separator(before) && place_ends_at(first)) ||
                                             (separator(behind) && place_starts_at(after)));
      // Alone in parentheses, "Santa Clara Valley (Cupertino)", it is a
      // place; one of a parenthesised list is a place only among places
      // ("(SF, Boulder)", above), not in "(Abbe, Hopkins)" or "(Aurora,
      // MySQL, DB2)", and an acronym's definition is no place.
      const bool parenthesised = before == '(' && behind == ')' && !DefinesAnAcronym(text, phrase, first, after);
      const GazetteerEntry* region = nullptr;
      return header || listed || after_place || parenthesised || OneOf(previous, kPlaceLeadWords) ||
             NextIsRegion(text, phrase, match, &region);
    }
  }
  return false;
}

std::vector<EntityMention> EntityExtractor::Extract(std::string_view text, const std::vector<Token>& tokens,
                                                    bool in_tool_list) const {
  const std::vector<Token> phrase = PhraseTokens(tokens);
  // Candidates at each position, longest first, before context checks.
  std::vector<std::vector<Match>> candidates(phrase.size());
  Certain certain;
  certain.tools = in_tool_list;
  for (std::size_t i = 0; i < phrase.size(); ++i) {
    candidates[i] = MatchesAt(text, phrase, i);
    for (const Match& m : candidates[i]) {
      if (m.pattern->evidence == Evidence::kContext) continue;
      certain.tools |= m.pattern->entry->type == EntityType::kTool;
      certain.places |= m.pattern->entry->type == EntityType::kLocation && m.pattern->entry->kind != "arrangement";
    }
  }
  std::vector<EntityMention> mentions;
  std::vector<std::size_t> lengths;  // phrase tokens covered by each mention
  for (std::size_t i = 0; i < phrase.size();) {
    std::array<const Match*, 3> best{};
    for (EntityType type : {EntityType::kTool, EntityType::kCompany, EntityType::kLocation}) {
      const Match*& chosen = best[static_cast<std::size_t>(type)];
      const GazetteerEntry* region = nullptr;
      for (const Match& m : candidates[i]) {
        const GazetteerEntry& entry = *m.pattern->entry;
        if (entry.type != type || (chosen != nullptr && m.count < chosen->count)) continue;
        if (m.pattern->evidence == Evidence::kContext && !HasContext(text, phrase, candidates, m, certain)) continue;
        if (chosen == nullptr || m.count > chosen->count) {
          chosen = &m;
          region = nullptr;
          NextIsRegion(text, phrase, m, &region);
          continue;
        }
        // Namesakes: the one inside the place named next to it, then a
        // curated entry, then the most populous.
        auto inside = [&](const GazetteerEntry& place) {
          if (region == nullptr) return false;
          for (const GazetteerEntry* parent : gazetteer_.Parents(place)) {
            if (parent == region) return true;
          }
          return false;
        };
        const auto rank = [&](const GazetteerEntry& e) { return std::make_tuple(inside(e), e.curated, e.population); };
        if (rank(entry) > rank(*chosen->pattern->entry)) chosen = &m;
      }
    }
    // Across kinds the longest name wins ("Google Cloud" is a tool, not
    // Google); a name that is both a tool and a company is a tool in a list
    // of tools and a company elsewhere.
    std::size_t longest = 0;
    for (const Match* m : best) longest = std::max(longest, m != nullptr ? m->count : 0);
    for (const Match*& m : best) {
      if (m != nullptr && m->count < longest) m = nullptr;
    }
    const Match*& tool = best[static_cast<std::size_t>(EntityType::kTool)];
    const Match*& company = best[static_cast<std::size_t>(EntityType::kCompany)];
    if (tool != nullptr && company != nullptr) (certain.tools ? company : tool) = nullptr;
    for (const Match* m : best) {
      if (m == nullptr) continue;
      mentions.push_back({m->pattern->entry, phrase[m->first].begin, phrase[m->first + m->count - 1].end});
      lengths.push_back(m->count);
    }
    i += std::max<std::size_t>(1, longest);
  }
  // A company right before one of its products names the product only:
  // "NVIDIA CUDA", "Cadence Virtuoso", "GE Predix".
  for (std::size_t k = 0; k + 1 < mentions.size(); ++k) {
    const EntityMention& m = mentions[k];
    const EntityMention& following = mentions[k + 1];
    if (m.entry->type == EntityType::kCompany && following.entry->type == EntityType::kTool &&
        IsSpaces(text.substr(m.end, following.begin - m.end))) {
      mentions.erase(mentions.begin() + static_cast<std::ptrdiff_t>(k));
      --k;
    }
  }
  return mentions;
}

std::vector<std::vector<EntityMention>> EntityExtractor::ExtractOutline(
    const ParsedOutline& outline, const std::vector<std::vector<Token>>& tokens) const {
  // A bullet that is a lone doubtful name ("+ R", "+ Pants") is a tool when
  // its parent or list intro speaks of tools, or a sibling names one.
  std::unordered_map<std::uint32_t, std::size_t> index_of_line;
  for (std::size_t i = 0; i < outline.blocks.size(); ++i) index_of_line[outline.blocks[i].line] = i;
  std::vector<std::vector<EntityMention>> mentions(outline.blocks.size());
  std::unordered_map<std::uint32_t, bool> group_names_tools;  // by parent line
  for (std::size_t i = 0; i < outline.blocks.size(); ++i) {
    mentions[i] = Extract(outline.blocks[i].text, tokens[i], /*in_tool_list=*/false);
    for (const EntityMention& m : mentions[i]) {
      if (m.entry->type == EntityType::kTool) group_names_tools[outline.blocks[i].parent_line] = true;
    }
  }
  auto speaks_of_tools = [&](std::uint32_t line) {
    auto it = index_of_line.find(line);
    if (it == index_of_line.end()) return false;
    for (const Token& token : tokens[it->second]) {
      if (OneOf(std::string_view(token.term), kToolListWords)) return true;
    }
    return false;
  };
  for (std::size_t i = 0; i < outline.blocks.size(); ++i) {
    const Block& block = outline.blocks[i];
    if (block.kind != BlockKind::kBullet || tokens[i].size() > 3) continue;
    const bool in_list = group_names_tools[block.parent_line] || (block.parent_line != 0 && speaks_of_tools(block.parent_line)) ||
                         (block.intro && speaks_of_tools(block.intro->line));
    if (in_list) mentions[i] = Extract(block.text, tokens[i], /*in_tool_list=*/true);
  }
  return mentions;
}

}  // namespace notesearch
