// The names of tools, companies and places that entity extraction looks for,
// as data: TSV files in indexer/gazetteers/ (compiled into the binary; see
// the README there for the format), cities from Debian's libgeonames, and a
// user's own entries from $XDG_CONFIG_HOME/notesearch/gazetteers/ (or
// `--gazetteers DIR`) which add to or override the built-in ones.
// Thread-safety: immutable after loading; safe to share for reading.
#ifndef NOTESEARCH_INDEXER_GAZETTEER_H_
#define NOTESEARCH_INDEXER_GAZETTEER_H_

#include <cstdint>
#include <optional>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/analysis_settings.h"
#include "core/diagnostic.h"

namespace notesearch {

enum class EntityType { kTool, kCompany, kLocation };

std::string_view EntityTypeName(EntityType type);  // "tool", "company", "location"

// What a mention of a name needs before it counts.
enum class Evidence {
  kNone,     // any case-insensitive whole-word match
  kCase,     // the exact case, as listed ("TF", "Go")
  kContext,  // the exact case and supporting context ("at Scale", "in Reading, PA")
};

struct GazetteerName {
  std::string text;
  Evidence evidence;
};

struct GazetteerEntry {
  EntityType type;
  std::string canonical;
  std::string kind;                  // language, semiconductor, city, state, country, ...
  std::vector<GazetteerName> names;  // the canonical name first, then aliases
  std::string parent;                // places: the canonical name of the place containing it
  std::uint64_t population = 0;      // places: from GeoNames, to choose among namesakes
  bool curated = false;              // listed in a TSV file: preferred among namesakes
};

class Gazetteer {
 public:
  // The built-in gazetteers, GeoNames cities, and the user's files in
  // `user_dir` (if it exists). Problems in user files are reported, not fatal.
  // Without `with_cities`, GeoNames is skipped (aliases and tools only).
  static Gazetteer Load(const std::filesystem::path& user_dir, bool with_cities, std::vector<Diagnostic>* problems);
  // The user directory of Load, or empty when $XDG_CONFIG_HOME and $HOME are unset.
  static std::filesystem::path DefaultUserDir();
  // Changes whenever a built-in or user gazetteer file or GeoNames changes;
  // recorded in the index so that new gazetteers trigger a rebuild. Cheap:
  // it hashes the files without parsing them.
  static std::string SourcesFingerprint(const std::filesystem::path& user_dir);

  // Parses TSV rows: canonical, kind, aliases (|-separated), evidence, and
  // for places a parent place. Rows with the same canonical name merge.
  // A malformed row is reported as source:line and skipped.
  void LoadTsv(std::string_view tsv, EntityType type, const std::string& source, std::vector<Diagnostic>* problems);
  // Adds every city of Debian's libgeonames (geonames_cities.h); cities need context
  // evidence ("in Nice", "Reading, PA"), big ones only their capitalised name.
  void AddGeoNamesCities();

  const std::vector<GazetteerEntry>& entries() const { return entries_; }
  // Entries whose canonical name or an alias equals `name`, case-insensitively.
  std::vector<const GazetteerEntry*> Resolve(EntityType type, std::string_view name) const;
  // The entry with this canonical name, or nullptr.
  const GazetteerEntry* Find(EntityType type, std::string_view canonical) const;
  // The chain of containing places, nearest first (Cupertino: California, United States).
  std::vector<const GazetteerEntry*> Parents(const GazetteerEntry& place) const;
  // Every tool name that is one word, normalised: the stemmer leaves them whole.
  std::vector<std::string> SingleWordToolNames() const;

 private:
  GazetteerEntry& EntryFor(EntityType type, const std::string& canonical, const std::string& parent);
  void AddName(std::size_t index, std::string name, Evidence evidence);
  bool HasRegion(std::string_view name) const;  // a place that is not a city
  std::vector<GazetteerEntry> entries_;
  std::unordered_map<std::string, std::size_t> by_canonical_;  // type, canonical, parent
  std::unordered_map<std::string, std::vector<std::size_t>> by_folded_name_;
};

// The analysis settings of an index whose entities come from these
// gazetteers: the language, tool names protected from stemming, and the
// gazetteers' fingerprint.
AnalysisSettings AnalysisSettingsFor(const std::string& language, const std::filesystem::path& user_dir);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_GAZETTEER_H_
