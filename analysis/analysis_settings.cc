#include "analysis/analysis_settings.h"

#include <nlohmann/json.hpp>

#include "stemmers/protected_stemmer.h"

namespace notesearch {

std::string AnalysisSettings::ToJson() const {
  return nlohmann::json{{"format", kFormatVersion},
                        {"language", language},
                        {"protected_words", protected_words},
                        {"gazetteer", gazetteer}}
      .dump();
}

std::optional<AnalysisSettings> AnalysisSettings::FromJson(const std::string& json) {
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object() || parsed.value("format", 0) != kFormatVersion) return std::nullopt;
  try {
    AnalysisSettings settings;
    settings.language = parsed.at("language").get<std::string>();
    settings.protected_words = parsed.at("protected_words").get<std::vector<std::string>>();
    settings.gazetteer = parsed.value("gazetteer", "");
    return settings;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

Analyzer MakeAnalyzer(const AnalysisSettings& settings) {
  return Analyzer(MakeStemmer(settings.language, settings.protected_words));
}

}  // namespace notesearch
