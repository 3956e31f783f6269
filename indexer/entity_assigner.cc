#include "indexer/entity_assigner.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

#include "core/text.h"

namespace notesearch {
namespace {

using EntryList = std::vector<const GazetteerEntry*>;

void AddOnce(EntryList& list, const GazetteerEntry* entry) {
  if (std::find(list.begin(), list.end(), entry) == list.end()) list.push_back(entry);
}

void AddAll(EntryList& list, const EntryList& more) {
  for (const GazetteerEntry* entry : more) AddOnce(list, entry);
}

// Phrases after a company named first that make the line about the employer.
constexpr std::array<std::string_view, 13> kEmployerPhrases = {
    " is looking", " are looking", " is hiring", " are hiring", " is a ", " is an ", " is the ",
    " is one ", " team is", " seeks ", " is seeking", " is building", " is expanding"};
// Phrases right before a place that make it the posting's.
constexpr std::array<std::string_view, 8> kPlacePhrases = {"based in ", "located in ", "office in ", "offices in ",
                                                           "position in ", "role in ", "located at ", "work from "};
constexpr std::string_view kHeaderDot = "\u00B7";
// "<title> at <company>" names the employer; "5 years at Google" does not.
constexpr std::array<std::string_view, 16> kTitleWords = {
    "engineer", "engineers", "scientist", "scientists", "developer", "developers", "manager", "intern",
    "researcher", "architect", "lead", "designer", "analyst", "specialist", "position", "role"};

// True when nothing but places, punctuation and digits is left of the line:
// "Santa Clara Valley (Cupertino), California, United States".
bool IsPlaceLine(std::string_view text, const std::vector<EntityMention>& mentions) {
  std::string rest(text);
  bool any = false;
  for (const EntityMention& m : mentions) {
    if (m.entry->type != EntityType::kLocation) continue;
    any = true;
    std::fill(rest.begin() + m.begin, rest.begin() + m.end, ' ');
  }
  return any && std::none_of(rest.begin(), rest.end(), [](char c) {
           return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
         });
}

bool IsTitleWord(std::string_view word) {
  return std::any_of(kTitleWords.begin(), kTitleWords.end(), [&](std::string_view title) {
    return word.size() == title.size() && EndsWithIgnoreAsciiCase(word, title);
  });
}

// Whether a word of the line is a job title word: "AI/ML Research Scientist".
bool NamesAJobTitle(std::string_view text) {
  const auto is_letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  std::size_t start = 0;
  while (start < text.size()) {
    while (start < text.size() && !is_letter(text[start])) ++start;
    std::size_t end = start;
    while (end < text.size() && is_letter(text[end])) ++end;
    if (IsTitleWord(text.substr(start, end - start))) return true;
    start = end;
  }
  return false;
}

bool NamesThePostingsEmployer(std::string_view text, const EntityMention& m) {
  const std::string_view before = text.substr(0, m.begin);
  if (before == "At " || before == "at ") return true;
  if (EndsWithIgnoreAsciiCase(before, "join ") || EndsWithIgnoreAsciiCase(before, "joining ")) return true;
  if (m.begin < 80 && EndsWithIgnoreAsciiCase(before, " at ")) {  // "Senior Software Engineer at ASML"
    std::string_view title = before.substr(0, before.size() - 4);
    title = title.substr(title.find_last_of(' ') == std::string_view::npos ? 0 : title.find_last_of(' ') + 1);
    if (IsTitleWord(title)) return true;
  }
  if (before.find(kHeaderDot) != std::string_view::npos) return true;    // "Engineer · ASML · US"
  if (m.begin == 0) {
    const std::string_view after = text.substr(m.end, 120);
    return std::any_of(kEmployerPhrases.begin(), kEmployerPhrases.end(),
                       [&](std::string_view phrase) { return after.find(phrase) != std::string_view::npos; });
  }
  return false;
}

bool NamesThePostingsPlace(std::string_view text, const EntityMention& m, bool place_line) {
  if (place_line || m.entry->kind == "arrangement" || text.find(kHeaderDot) != std::string_view::npos) return true;
  const std::string_view before = text.substr(0, m.begin);
  return std::any_of(kPlacePhrases.begin(), kPlacePhrases.end(),
                     [&](std::string_view phrase) { return EndsWithIgnoreAsciiCase(before, phrase); });
}

EntityNames NamesOf(const EntryList& entries) {
  EntityNames names;
  for (const GazetteerEntry* e : entries) {
    std::vector<std::string>& list = e->type == EntityType::kTool      ? names.tools
                                     : e->type == EntityType::kCompany ? names.companies
                                                                       : names.locations;
    if (std::find(list.begin(), list.end(), e->canonical) == list.end()) list.push_back(e->canonical);
  }
  return names;
}

}  // namespace

std::vector<PlaceRollup> AssignEntities(const Gazetteer& gazetteer,
                                        const std::vector<std::vector<EntityMention>>& mentions,
                                        ParsedOutline& outline) {
  std::vector<Block>& blocks = outline.blocks;
  std::unordered_map<std::uint32_t, std::size_t> index_of_line;
  std::vector<EntryList> own(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    index_of_line[blocks[i].line] = i;
    for (const EntityMention& m : mentions[i]) AddOnce(own[i], m.entry);
  }
  auto own_at = [&](std::uint32_t line) -> const EntryList* {
    auto it = index_of_line.find(line);
    return it == index_of_line.end() ? nullptr : &own[it->second];
  };

  // Groups of siblings, keyed by their parent's line, in order.
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> siblings;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].parent_line != 0) siblings[blocks[i].parent_line].push_back(i);
  }
  // What each group says about its employer and place. A line of places
  // only is the posting's place next to a job title ("AI/ML Research
  // Scientist" then "Cupertino, California"): in a list of names
  // ("Madagascar" among data science packages) it is just one of them.
  std::unordered_map<std::uint32_t, EntryList> group_posting;
  for (const auto& [parent_line, group] : siblings) {
    EntryList& posting = group_posting[parent_line];
    for (std::size_t k = 0; k < group.size(); ++k) {
      const std::size_t i = group[k];
      const bool place_line = IsPlaceLine(blocks[i].text, mentions[i]) &&
                              ((k > 0 && NamesAJobTitle(blocks[group[k - 1]].text)) ||
                               (k + 1 < group.size() && NamesAJobTitle(blocks[group[k + 1]].text)));
      for (const EntityMention& m : mentions[i]) {
        const bool employer = m.entry->type == EntityType::kCompany && NamesThePostingsEmployer(blocks[i].text, m);
        const bool place = m.entry->type == EntityType::kLocation && NamesThePostingsPlace(blocks[i].text, m, place_line);
        if (employer || place) AddOnce(posting, m.entry);
      }
    }
  }

  std::vector<EntryList> posting_of(blocks.size());
  std::vector<PlaceRollup> rollups(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& block = blocks[i];
    if (block.parent_line != 0) {
      posting_of[i] = group_posting[block.parent_line];
      if (auto parent = index_of_line.find(block.parent_line); parent != index_of_line.end()) {
        AddAll(posting_of[i], posting_of[parent->second]);
      }
    }
    EntryList inherited;
    for (const ContextLine& line : block.Context()) {
      if (const EntryList* from = own_at(line.line)) AddAll(inherited, *from);
    }
    AddAll(inherited, posting_of[i]);
    std::erase_if(inherited, [&](const GazetteerEntry* e) {
      return std::find(own[i].begin(), own[i].end(), e) != own[i].end();
    });
    block.entities = NamesOf(own[i]);
    block.inherited = NamesOf(inherited);

    PlaceRollup& rollup = rollups[i];
    for (const EntryList* list : {&own[i], &inherited}) {
      for (const GazetteerEntry* e : *list) {
        if (e->type != EntityType::kLocation) continue;
        const std::vector<const GazetteerEntry*> parents = gazetteer.Parents(*e);
        for (const GazetteerEntry* p : parents) {
          if (std::find(rollup.containing.begin(), rollup.containing.end(), p->canonical) == rollup.containing.end()) {
            rollup.containing.push_back(p->canonical);
          }
        }
        const GazetteerEntry* country = e->kind == "country" ? e : nullptr;
        for (const GazetteerEntry* p : parents) {
          if (p->kind == "country") country = p;
        }
        if (country != nullptr &&
            std::find(rollup.countries.begin(), rollup.countries.end(), country->canonical) == rollup.countries.end()) {
          rollup.countries.push_back(country->canonical);
        }
      }
    }
  }
  return rollups;
}

}  // namespace notesearch
