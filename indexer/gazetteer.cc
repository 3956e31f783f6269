#include "indexer/gazetteer.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "analysis/analyzer.h"
#include "core/embedded_files.h"
#include "core/hash.h"
#include "core/text.h"
#include "indexer/geonames_cities.h"

namespace notesearch {

namespace fs = std::filesystem;

namespace {

// Cities this big are known by their capitalised name alone; smaller ones
// (Reading, Nice, Split) need context such as "in Reading" or "Reading, PA".
constexpr std::uint64_t kWellKnownCityPopulation = 1'000'000;

// GeoNames names are capitalised; one-word names are often ordinary words
// too (Reading, Nice, Split, Georgia), names of several words rarely are.
Evidence NameEvidence(std::string_view name, std::uint64_t population) {
  const bool several_words = name.find(' ') != std::string_view::npos;
  return several_words || population >= kWellKnownCityPopulation ? Evidence::kCase : Evidence::kContext;
}

struct TsvFile {
  EntityType type;
  const char* name;
};
constexpr TsvFile kTsvFiles[] = {
    {EntityType::kTool, "tools.tsv"},
    {EntityType::kCompany, "companies.tsv"},
    {EntityType::kLocation, "places.tsv"},
};

std::string Key(EntityType type, std::string_view canonical, std::string_view parent) {
  std::string key(EntityTypeName(type));
  key += '\t';
  key += canonical;
  key += '\t';
  key += parent;
  return key;
}

std::string FoldedKey(EntityType type, std::string_view name) {
  return std::string(EntityTypeName(type)) + '\t' + Analyzer::Normalize(name);
}

std::vector<std::string_view> Split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    const std::size_t at = s.find(separator);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

std::optional<std::string> ReadUserFile(const fs::path& user_dir, const char* name) {
  if (user_dir.empty()) return std::nullopt;
  std::ifstream in(user_dir / name);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<Evidence> ParseEvidence(std::string_view text) {
  if (text.empty() || text == "none") return Evidence::kNone;
  if (text == "case") return Evidence::kCase;
  if (text == "context") return Evidence::kContext;
  return std::nullopt;
}

}  // namespace

std::string_view EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kTool: return "tool";
    case EntityType::kCompany: return "company";
    case EntityType::kLocation: return "location";
  }
  return "tool";
}

fs::path Gazetteer::DefaultUserDir() {
  if (const char* config = std::getenv("XDG_CONFIG_HOME"); config != nullptr && *config != '\0') {
    return fs::path(config) / "notesearch" / "gazetteers";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return fs::path(home) / ".config" / "notesearch" / "gazetteers";
  }
  return {};
}

Gazetteer Gazetteer::Load(const fs::path& user_dir, bool with_cities, std::vector<Diagnostic>* problems) {
  Gazetteer gazetteer;
  // Places first, so that GeoNames country names resolve to their entries.
  for (const TsvFile& file : kTsvFiles) {
    const std::string path = std::string("indexer/gazetteers/") + file.name;
    if (auto text = FindEmbeddedFile(path)) gazetteer.LoadTsv(*text, file.type, path, problems);
  }
  if (with_cities) gazetteer.AddGeoNamesCities();
  for (const TsvFile& file : kTsvFiles) {
    if (auto text = ReadUserFile(user_dir, file.name)) gazetteer.LoadTsv(*text, file.type, (user_dir / file.name).string(), problems);
  }
  return gazetteer;
}

std::string Gazetteer::SourcesFingerprint(const fs::path& user_dir) {
  std::string all(GeoNamesFingerprint());
  for (const TsvFile& file : kTsvFiles) {
    all += '\n';
    all += FindEmbeddedFile(std::string("indexer/gazetteers/") + file.name).value_or("");
    all += '\n';
    all += ReadUserFile(user_dir, file.name).value_or("");
  }
  return HashKey(all, 16);
}

std::vector<std::string> Gazetteer::SingleWordToolNames() const {
  std::vector<std::string> words;
  for (const GazetteerEntry& entry : entries_) {
    if (entry.type != EntityType::kTool) continue;
    for (const GazetteerName& name : entry.names) {
      const std::string word = Analyzer::Normalize(name.text);
      if (!word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
        words.push_back(word);
      }
    }
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

AnalysisSettings AnalysisSettingsFor(const std::string& language, const fs::path& user_dir) {
  std::vector<Diagnostic> ignored;  // reported when the indexer loads them in full
  AnalysisSettings settings;
  settings.language = language;
  settings.protected_words = Gazetteer::Load(user_dir, /*with_cities=*/false, &ignored).SingleWordToolNames();
  settings.gazetteer = Gazetteer::SourcesFingerprint(user_dir);
  return settings;
}

GazetteerEntry& Gazetteer::EntryFor(EntityType type, const std::string& canonical, const std::string& parent) {
  const std::string key = Key(type, canonical, parent);
  if (auto it = by_canonical_.find(key); it != by_canonical_.end()) return entries_[it->second];
  by_canonical_.emplace(key, entries_.size());
  GazetteerEntry entry{type, canonical, "", {}, parent, 0};
  entries_.push_back(std::move(entry));
  return entries_.back();
}

void Gazetteer::AddName(std::size_t index, std::string name, Evidence evidence) {
  GazetteerEntry& entry = entries_[index];
  for (GazetteerName& existing : entry.names) {
    if (existing.text == name) {
      existing.evidence = evidence;  // a later row (the user's) decides
      return;
    }
  }
  std::vector<std::size_t>& folded = by_folded_name_[FoldedKey(entry.type, name)];
  if (std::find(folded.begin(), folded.end(), index) == folded.end()) folded.push_back(index);
  entry.names.push_back({std::move(name), evidence});
}

void Gazetteer::LoadTsv(std::string_view tsv, EntityType type, const std::string& source,
                        std::vector<Diagnostic>* problems) {
  std::uint32_t line_number = 0;
  for (std::string_view line : Split(tsv, '\n')) {
    ++line_number;
    line = Trim(line, " \r");  // not tabs: an empty first column stays one
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string_view> columns = Split(line, '\t');
    auto problem = [&](const std::string& message) {
      problems->push_back({Diagnostic::Severity::kWarning, source, line_number, message + "; row skipped"});
    };
    if (columns.size() < 2 || Trim(columns[0]).empty()) {
      problem("expected at least 2 tab-separated columns (canonical, kind)");
      continue;
    }
    const std::optional<Evidence> evidence = ParseEvidence(columns.size() > 3 ? Trim(columns[3]) : "");
    if (!evidence) {
      problem("evidence must be none, case or context, not '" + std::string(columns[3]) + "'");
      continue;
    }
    const std::string canonical(Trim(columns[0]));
    const std::string parent(columns.size() > 4 ? Trim(columns[4]) : "");
    GazetteerEntry& entry = EntryFor(type, canonical, parent);
    entry.curated = true;
    if (!Trim(columns[1]).empty()) entry.kind = std::string(Trim(columns[1]));
    const std::size_t index = static_cast<std::size_t>(&entry - entries_.data());
    // The canonical name keeps the evidence of its first row; each row's
    // aliases take that row's evidence ("TensorFlow" none, "TF" context).
    if (entries_[index].names.empty()) AddName(index, canonical, *evidence);
    if (columns.size() > 2) {
      for (std::string_view alias : Split(columns[2], '|')) {
        alias = Trim(alias);
        if (!alias.empty()) AddName(index, std::string(alias), *evidence);
      }
    }
  }
}

void Gazetteer::AddGeoNamesCities() {
  entries_.reserve(entries_.size() + GeoNamesCityCount());
  // Cities come grouped by country and state, and a country or state needs
  // resolving and adding once: after that it resolves the same and is a
  // region. Keyed by GeoNames' own strings, which are static.
  std::unordered_map<std::string_view, std::string> countries;  // GeoNames' name -> canonical
  std::unordered_set<std::string_view> states;
  for (std::size_t i = 0; i < GeoNamesCityCount(); ++i) {
    const GeoNamesCity city = GeoNamesCityAt(i);
    if (city.name.empty()) continue;
    auto [known, first_of_country] = countries.try_emplace(city.country);
    std::string& country = known->second;
    if (first_of_country) {
      // "United States of America" is an alias of the curated "United States".
      const std::vector<const GazetteerEntry*> found = Resolve(EntityType::kLocation, city.country);
      country = found.empty() ? std::string(city.country) : found.front()->canonical;
      if (!country.empty() && !HasRegion(country)) {
        GazetteerEntry& added = EntryFor(EntityType::kLocation, country, "");
        added.kind = "country";
        AddName(static_cast<std::size_t>(&added - entries_.data()), country, Evidence::kCase);
      }
    }
    std::string parent = country;
    if (!city.state.empty()) {
      const std::string state(city.state);
      if (states.insert(city.state).second && !HasRegion(state)) {
        GazetteerEntry& added = EntryFor(EntityType::kLocation, state, country);
        added.kind = "state";
        AddName(static_cast<std::size_t>(&added - entries_.data()), state, NameEvidence(state, 0));
      }
      parent = state;
    }
    GazetteerEntry& entry = EntryFor(EntityType::kLocation, std::string(city.name), parent);
    if (entry.kind.empty()) entry.kind = "city";
    entry.population = std::max<std::uint64_t>(entry.population, city.population);
    const std::size_t index = static_cast<std::size_t>(&entry - entries_.data());
    if (entry.names.empty()) AddName(index, std::string(city.name), NameEvidence(city.name, city.population));
  }
}

bool Gazetteer::HasRegion(std::string_view name) const {
  for (const GazetteerEntry* entry : Resolve(EntityType::kLocation, name)) {
    if (entry->canonical == name && entry->kind != "city") return true;
  }
  return false;
}

std::vector<const GazetteerEntry*> Gazetteer::Resolve(EntityType type, std::string_view name) const {
  std::vector<const GazetteerEntry*> found;
  auto it = by_folded_name_.find(FoldedKey(type, name));
  if (it == by_folded_name_.end()) return found;
  for (std::size_t index : it->second) found.push_back(&entries_[index]);
  return found;
}

const GazetteerEntry* Gazetteer::Find(EntityType type, std::string_view canonical) const {
  const GazetteerEntry* best = nullptr;
  for (const GazetteerEntry* entry : Resolve(type, canonical)) {
    if (entry->canonical != canonical) continue;
    if (best == nullptr || entry->population > best->population) best = entry;
  }
  return best;
}

std::vector<const GazetteerEntry*> Gazetteer::Parents(const GazetteerEntry& place) const {
  std::vector<const GazetteerEntry*> chain;
  const GazetteerEntry* current = &place;
  while (!current->parent.empty() && chain.size() < 8) {
    // A parent is a state, country or region: the state of New York, not the city.
    const GazetteerEntry* parent = nullptr;
    for (const GazetteerEntry* entry : Resolve(EntityType::kLocation, current->parent)) {
      if (entry->canonical == current->parent && entry->kind != "city" && entry != current) parent = entry;
    }
    if (parent == nullptr) break;
    chain.push_back(parent);
    current = parent;
  }
  return chain;
}

}  // namespace notesearch
