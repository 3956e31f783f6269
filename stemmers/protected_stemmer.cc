#include "stemmers/protected_stemmer.h"

#include <sstream>

#include "core/embedded_files.h"

namespace notesearch {

ProtectedStemmer::ProtectedStemmer(const std::string& language,
                                   std::unordered_set<std::string> protected_words)
    : snowball_(language), language_(language), protected_(std::move(protected_words)) {}

std::string ProtectedStemmer::operator()(const std::string& word) {
  if (protected_.contains(word)) return word;
  return snowball_(word);
}

std::string ProtectedStemmer::get_description() const {
  return "notesearch::ProtectedStemmer(" + language_ + ", " + std::to_string(protected_.size()) +
         " protected)";
}

Xapian::Stem MakeStemmer(const std::string& language, const std::vector<std::string>& extra) {
  if (language == "none") return Xapian::Stem();
  std::unordered_set<std::string> words(extra.begin(), extra.end());
  if (auto list = FindEmbeddedFile("stemmers/protected/" + language + ".txt")) {
    std::istringstream lines{std::string(*list)};
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line[0] == '#') continue;
      words.insert(line);
    }
  }
  // Xapian::Stem takes ownership of the implementation (it is ref-counted).
  return Xapian::Stem(new ProtectedStemmer(language, std::move(words)));
}

std::string StemmerLanguages() { return Xapian::Stem::get_available_languages(); }

}  // namespace notesearch
