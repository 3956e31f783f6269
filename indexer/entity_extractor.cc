#include "indexer/entity_extractor.h"

#include <algorithm>
#include <array>

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
constexpr std::array<std::string_view, 12> kPlaceLeadWords = {"in", "at", "near", "from", "based", "located",
                                                              "to", "across", "throughout", "within",
                                                              "around", "outside"};
// "Remote position" is a work arrangement; "remote sensing" is not.
constexpr std::array<std::string_view, 15> kArrangementTrailWords = {
    "position", "positions", "role", "roles", "job", "jobs", "work", "opportunity", "option",
    "eligible", "friendly", "first", "ok", "allowed", "possible"};
constexpr std::array<std::string_view, 4> kArrangementLeadWords = {"fully", "or", "hybrid", "and"};

template <std::size_t N>
bool OneOf(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Joiners inside a compound: a name may not start or end between them, so
// "R" is not found in "R&D" nor "Node" in "Node.js"; '/' and spaces split.
bool IsTightGap(std::string_view gap) {
  return std::all_of(gap.begin(), gap.end(), [](char c) { return std::string_view("-._&'").find(c) != std::string_view::npos; });
}

bool IsBoundary(std::string_view text, const std::vector<Token>& phrase, std::size_t i) {
  if (i == 0 || i >= phrase.size()) return true;
  const std::string_view gap = text.substr(phrase[i - 1].end, phrase[i].begin - phrase[i - 1].end);
  return !gap.empty() && !IsTightGap(gap);
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

}  // namespace

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer, const Analyzer& analyzer) : gazetteer_(gazetteer) {
  for (const GazetteerEntry& entry : gazetteer.entries()) {
    for (const GazetteerName& name : entry.names) {
      const std::vector<Token> phrase = PhraseTokens(analyzer.Analyze(name.text));
      if (phrase.empty()) continue;
      Pattern pattern{{}, {}, &entry, name.evidence};
      for (const Token& token : phrase) {
        pattern.terms.push_back(token.term);
        pattern.shapes.emplace_back(name.text.substr(token.begin, token.end - token.begin));
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
      same = phrase[i + k].term == p.terms[k] && phrase[i + k].position == phrase[i].position + k;
    }
    if (!same) continue;
    if (p.evidence != Evidence::kNone) {
      for (std::size_t k = 0; k < count && same; ++k) same = Written(text, phrase[i + k]) == p.shapes[k];
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

bool EntityExtractor::HasContext(std::string_view text, const std::vector<Token>& phrase, const Match& match,
                                 bool text_names_other_tools) const {
  const GazetteerEntry& entry = *match.pattern->entry;
  const std::size_t first = match.first;
  const std::size_t after = first + match.count;
  const std::string_view previous = first > 0 ? std::string_view(phrase[first - 1].term) : "";
  const std::string_view next = after < phrase.size() ? std::string_view(phrase[after].term) : "";
  const char before = Neighbour(text, phrase[first].begin, -1);
  const char behind = Neighbour(text, phrase[after - 1].end, +1);
  const bool header = before == '|' || behind == '|';
  switch (entry.type) {
    case EntityType::kTool:
      return text_names_other_tools || OneOf(previous, kToolLeadWords) ||
             std::string_view(",/(:;").find(before) != std::string_view::npos ||
             std::string_view(",/);").find(behind) != std::string_view::npos;
    case EntityType::kCompany:
      return header || OneOf(previous, kCompanyLeadWords) || OneOf(next, kCompanyTrailWords);
    case EntityType::kLocation: {
      if (entry.kind == "arrangement") {
        return header || std::string_view("(-,^").find(before) != std::string_view::npos ||
               std::string_view("),$").find(behind) != std::string_view::npos ||
               OneOf(next, kArrangementTrailWords) || OneOf(previous, kArrangementLeadWords);
      }
      const GazetteerEntry* region = nullptr;
      return header || OneOf(previous, kPlaceLeadWords) || before == '(' || behind == ')' ||
             (before == ',' && first > 0) || NextIsRegion(text, phrase, match, &region);
    }
  }
  return false;
}

std::vector<EntityMention> EntityExtractor::Extract(std::string_view text, const std::vector<Token>& tokens) const {
  const std::vector<Token> phrase = PhraseTokens(tokens);
  // Candidates at each position, longest first, before context checks.
  std::vector<std::vector<Match>> candidates(phrase.size());
  bool names_tools = false;
  for (std::size_t i = 0; i < phrase.size(); ++i) {
    candidates[i] = MatchesAt(text, phrase, i);
    for (const Match& m : candidates[i]) {
      names_tools |= m.pattern->entry->type == EntityType::kTool && m.pattern->evidence != Evidence::kContext;
    }
  }
  std::vector<EntityMention> mentions;
  for (std::size_t i = 0; i < phrase.size();) {
    std::size_t consumed = 1;
    for (EntityType type : {EntityType::kTool, EntityType::kCompany, EntityType::kLocation}) {
      const Match* best = nullptr;
      const GazetteerEntry* region = nullptr;
      for (const Match& m : candidates[i]) {
        const GazetteerEntry& entry = *m.pattern->entry;
        if (entry.type != type || (best != nullptr && m.count < best->count)) continue;
        // A tool named without doubt elsewhere in the text ("Go, Rust and
        // C++") supports the doubtful ones.
        if (m.pattern->evidence == Evidence::kContext && !HasContext(text, phrase, m, names_tools)) continue;
        if (best == nullptr || m.count > best->count) {
          best = &m;
          region = nullptr;
          NextIsRegion(text, phrase, m, &region);
          continue;
        }
        // Namesakes: the one inside the place named next to it, then a
        // curated entry, then the most populous.
        const GazetteerEntry& current = *best->pattern->entry;
        auto inside = [&](const GazetteerEntry& place) {
          if (region == nullptr) return false;
          for (const GazetteerEntry* parent : gazetteer_.Parents(place)) {
            if (parent == region) return true;
          }
          return false;
        };
        const auto rank = [&](const GazetteerEntry& e) {
          return std::make_tuple(inside(e), e.curated, e.population);
        };
        if (rank(entry) > rank(current)) best = &m;
      }
      if (best != nullptr) {
        mentions.push_back({best->pattern->entry, phrase[best->first].begin, phrase[best->first + best->count - 1].end});
        consumed = std::max(consumed, best->count);
      }
    }
    i += consumed;
  }
  return mentions;
}

}  // namespace notesearch
