#include "searcher/synonyms.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/embedded_files.h"
#include "core/text.h"

namespace notesearch {

namespace fs = std::filesystem;

namespace {

std::string Key(const std::vector<std::string>& terms) {
  std::string key;
  for (const std::string& term : terms) key += (key.empty() ? "" : " ") + term;
  return key;
}

}  // namespace

fs::path Synonyms::DefaultUserFile() {
  if (const char* config = std::getenv("XDG_CONFIG_HOME"); config != nullptr && *config != '\0') {
    return fs::path(config) / "notesearch" / "synonyms.tsv";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return fs::path(home) / ".config" / "notesearch" / "synonyms.tsv";
  }
  return {};
}

Synonyms Synonyms::Load(const Analyzer& analyzer, const fs::path& user_file, std::vector<Diagnostic>* problems) {
  Synonyms synonyms;
  if (auto text = FindEmbeddedFile("searcher/synonyms.tsv")) {
    synonyms.LoadTsv(*text, analyzer, "searcher/synonyms.tsv", problems);
  }
  if (!user_file.empty()) {
    std::ifstream in(user_file);
    if (in) {
      std::stringstream text;
      text << in.rdbuf();
      synonyms.LoadTsv(text.str(), analyzer, user_file.string(), problems);
    }
  }
  return synonyms;
}

void Synonyms::LoadTsv(std::string_view text, const Analyzer& analyzer, const std::string& source,
                       std::vector<Diagnostic>* problems) {
  std::uint32_t line_number = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = Trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    std::vector<Expression> group;
    std::string_view rest = line;
    while (true) {
      const std::size_t bar = rest.find('|');
      const std::string_view item = Trim(rest.substr(0, bar));
      std::vector<std::string> terms;
      for (const Token& token : PhraseTokens(analyzer.Analyze(item))) terms.push_back(token.term);
      if (!terms.empty()) {
        max_terms_ = std::max(max_terms_, terms.size());
        group.push_back({std::string(item), Key(terms)});
      }
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
    if (group.size() < 2) {
      problems->push_back({Diagnostic::Severity::kWarning, source, line_number,
                           "a synonym group needs two expressions separated by '|'; line skipped"});
      continue;
    }
    for (const Expression& expression : group) groups_by_key_[expression.key].push_back(groups_.size());
    groups_.push_back(std::move(group));
  }
}

std::vector<std::string> Synonyms::Alternatives(const std::vector<std::string>& terms) const {
  std::vector<std::string> alternatives;
  const std::string key = Key(terms);
  auto it = groups_by_key_.find(key);
  if (it == groups_by_key_.end()) return alternatives;
  for (std::size_t group : it->second) {
    for (const Expression& expression : groups_[group]) {
      if (expression.key == key) continue;
      if (std::find(alternatives.begin(), alternatives.end(), expression.text) == alternatives.end()) {
        alternatives.push_back(expression.text);
      }
    }
  }
  return alternatives;
}

}  // namespace notesearch
