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

std::optional<std::string> AnalysisSettings::RecordedLanguage(const std::string& json) {
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object() || !parsed.contains("language") || !parsed["language"].is_string()) return std::nullopt;
  return parsed["language"].get<std::string>();
}

Analyzer MakeAnalyzer(const AnalysisSettings& settings) {
  return Analyzer(MakeStemmer(settings.language, settings.protected_words));
}

}  // namespace notesearch
