// Other names of tools, companies and places ("K8s" for Kubernetes, "SF" for
// San Francisco, "US" for United States), from the gazetteers the index was
// built with, kept in the index metadata so that field queries and filters
// resolve them exactly as the indexer did (`company:nvidia`, `location:SF`);
// and the names of pages that have aliases, from the notes (`page:Apollo`
// is also `page:"Project Apollo"`).
// Thread-safety: immutable after construction.
#ifndef NOTESEARCH_CORE_ENTITY_ALIASES_H_
#define NOTESEARCH_CORE_ENTITY_ALIASES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace notesearch {

class EntityAliases {
 public:
  // `normalized_alias` as Analyzer::Normalize gives it.
  void Add(std::string_view field, std::string_view normalized_alias, const std::string& canonical);
  // Names of one thing that has no canonical name (a page and its
  // aliases), normalised: each resolves to all of them, but a name many
  // pages share (every page an alias `todo`) to the first kMaxNamesOfOne,
  // which bounds the query it expands to.
  void AddNamesOfOne(std::string_view field, const std::vector<std::string>& normalized_names);
  static constexpr std::size_t kMaxNamesOfOne = 64;
  // The canonical names an alias stands for (empty when it is none).
  const std::vector<std::string>* Resolve(std::string_view field, std::string_view normalized_alias) const;
  // Whether any alias of `field` is known.
  bool HasAliasesIn(std::string_view field) const;
  // The other names (normalised) of the entity with this canonical name, in
  // any field: what a match of it looks like in a bullet's text.
  std::vector<std::string> NamesOf(std::string_view canonical) const;

  // Taken by value: merged into an empty map (one shard, the usual case),
  // `other` is moved in instead of added alias by alias.
  void Merge(EntityAliases other);

  std::string Encode() const;
  static EntityAliases Decode(std::string_view data);  // empty when malformed

 private:
  std::unordered_map<std::string, std::vector<std::string>> canonicals_;  // "field\talias"
  std::unordered_map<std::string, std::vector<std::string>> names_;       // canonical -> aliases
  std::unordered_set<std::string> fields_;                                // with an alias
};

}  // namespace notesearch

#endif  // NOTESEARCH_CORE_ENTITY_ALIASES_H_
