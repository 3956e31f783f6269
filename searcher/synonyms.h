// Groups of equivalent expressions ("ML" | "machine learning"), from the
// embedded searcher/synonyms.tsv and the user's
// $XDG_CONFIG_HOME/notesearch/synonyms.tsv. The query builder looks for
// them in runs of query words and searches the other expressions of each
// group as well, ranked just below the words as typed. Query-side only: a
// new synonym needs no re-index.
// Thread-safety: immutable after loading.
#ifndef NOTESEARCH_SEARCHER_SYNONYMS_H_
#define NOTESEARCH_SEARCHER_SYNONYMS_H_

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/analyzer.h"
#include "core/diagnostic.h"

namespace notesearch {

class Synonyms {
 public:
  Synonyms() = default;
  // The embedded list, then `user_file` if it exists; bad lines are reported.
  static Synonyms Load(const Analyzer& analyzer, const std::filesystem::path& user_file,
                       std::vector<Diagnostic>* problems);
  // $XDG_CONFIG_HOME/notesearch/synonyms.tsv (or ~/.config/...).
  static std::filesystem::path DefaultUserFile();

  void LoadTsv(std::string_view text, const Analyzer& analyzer, const std::string& source,
               std::vector<Diagnostic>* problems);

  // The other expressions of every group that `terms` (phrase terms, see
  // PhraseTokens) is in, each as its text.
  std::vector<std::string> Alternatives(const std::vector<std::string>& terms) const;
  // The longest number of terms of any expression (bounds the search).
  std::size_t max_terms() const { return max_terms_; }
  bool empty() const { return groups_.empty(); }

 private:
  struct Expression {
    std::string text;
    std::string key;  // phrase terms joined by spaces
  };
  std::vector<std::vector<Expression>> groups_;
  std::unordered_map<std::string, std::vector<std::size_t>> groups_by_key_;
  std::size_t max_terms_ = 0;
};

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_SYNONYMS_H_
