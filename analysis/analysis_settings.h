// The settings that decide which terms text turns into. The indexer records
// them in the index and the searcher reads them back, so a query is analysed
// exactly as the index was built, whatever the current defaults are.
// Thread-safety: plain values.
#ifndef NOTESEARCH_ANALYSIS_ANALYSIS_SETTINGS_H_
#define NOTESEARCH_ANALYSIS_ANALYSIS_SETTINGS_H_

#include <optional>
#include <string>
#include <vector>

#include "analysis/analyzer.h"

namespace notesearch {

struct AnalysisSettings {
  // Bumped whenever a change to the analysis or the index layout makes old
  // indexes give wrong answers; the indexer then rebuilds.
  static constexpr int kFormatVersion = 22;

  std::string language = "english";  // Snowball stemmer, or "none"
  std::vector<std::string> protected_words;  // never stemmed, besides the embedded list
  // Identifies the gazetteers entities were extracted with; empty when the
  // index has no entities.
  std::string gazetteer;

  std::string ToJson() const;
  // nullopt when `json` is not a settings record of this format version.
  static std::optional<AnalysisSettings> FromJson(const std::string& json);
  // The language a record of any format version names (older indexes too),
  // so that an index can be rebuilt as it was; nullopt when it names none.
  static std::optional<std::string> RecordedLanguage(const std::string& json);
  bool operator==(const AnalysisSettings&) const = default;
};

Analyzer MakeAnalyzer(const AnalysisSettings& settings);

}  // namespace notesearch

#endif  // NOTESEARCH_ANALYSIS_ANALYSIS_SETTINGS_H_
