// The ranking knobs in one table: a weight per field (own and inherited
// matches), the share of a stemmed-only match, the bonus per matched clause
// that ranks bullets with all the query's words above those with some, and
// the BM25 parameters. Defaults come from core/fields.h; a config file or
// `--weight name=value` flags override them.
// Thread-safety: plain values.
#ifndef NOTESEARCH_SEARCHER_RANKING_H_
#define NOTESEARCH_SEARCHER_RANKING_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/fields.h"

namespace notesearch {

class RankingWeights {
 public:
  // Defaults: field weights from the field table, then these knobs.
  RankingWeights();

  // Names: a field ("context"), a field's inherited form ("tool.inherited"),
  // "stem" (a stemmed-only match, relative to exact, from 0 to 1), "synonym" and
  // "correction" (a match of a synonym or a spelling correction, relative to
  // the word as typed), "coordination" (bonus per
  // matched clause), "bm25.k1", "bm25.b". Throws UsageError otherwise.
  void Set(std::string_view name, double value);
  // "name=value"; throws UsageError naming the bad part.
  void SetFromAssignment(std::string_view assignment);
  // Lines of "name = value" ('#' comments); throws UsageError with the line.
  void LoadConfig(std::string_view text, const std::string& source_name);

  double Get(std::string_view name) const;
  double FieldWeight(const Field& field) const { return Get(field.name); }
  double InheritedWeight(const Field& field) const;

  const std::map<std::string, double, std::less<>>& all() const { return weights_; }

 private:
  std::map<std::string, double, std::less<>> weights_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_RANKING_H_
