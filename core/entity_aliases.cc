#include "core/entity_aliases.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/record_codec.h"

namespace notesearch {
namespace {

constexpr char kAliasesVersion = 1;

std::string Key(std::string_view field, std::string_view alias) {
  std::string key(field);
  key += '\t';
  key += alias;
  return key;
}

}  // namespace

void EntityAliases::Add(std::string_view field, std::string_view normalized_alias, const std::string& canonical) {
  fields_.emplace(field);
  std::vector<std::string>& list = canonicals_[Key(field, normalized_alias)];
  if (std::find(list.begin(), list.end(), canonical) == list.end()) list.push_back(canonical);
  std::vector<std::string>& names = names_[canonical];
  if (std::find(names.begin(), names.end(), normalized_alias) == names.end()) names.emplace_back(normalized_alias);
}

void EntityAliases::AddNamesOfOne(std::string_view field, const std::vector<std::string>& normalized_names) {
  for (const std::string& alias : normalized_names) {
    for (const std::string& name : normalized_names) {
      const std::vector<std::string>* names = Resolve(field, alias);
      if (names != nullptr && names->size() >= kMaxNamesOfOne) break;
      Add(field, alias, name);
    }
  }
}

std::vector<std::string> EntityAliases::NamesOf(std::string_view canonical) const {
  auto it = names_.find(std::string(canonical));
  return it == names_.end() ? std::vector<std::string>() : it->second;
}

bool EntityAliases::HasAliasesIn(std::string_view field) const { return fields_.contains(std::string(field)); }

const std::vector<std::string>* EntityAliases::Resolve(std::string_view field, std::string_view normalized_alias) const {
  auto it = canonicals_.find(Key(field, normalized_alias));
  return it == canonicals_.end() ? nullptr : &it->second;
}

void EntityAliases::Merge(EntityAliases other) {
  if (canonicals_.empty() && names_.empty()) {
    *this = std::move(other);
    return;
  }
  for (const auto& [key, list] : other.canonicals_) {
    const std::size_t tab = key.find('\t');
    for (const std::string& canonical : list) Add(key.substr(0, tab), key.substr(tab + 1), canonical);
  }
}

std::string EntityAliases::Encode() const {
  // Sorted, so that the same gazetteers give the same bytes.
  const std::map<std::string, std::vector<std::string>> sorted(canonicals_.begin(), canonicals_.end());
  RecordWriter w(kAliasesVersion);
  w.Varint(sorted.size());
  for (const auto& [key, list] : sorted) {
    w.String(key);
    w.Varint(list.size());
    for (const std::string& canonical : list) w.String(canonical);
  }
  return w.Take();
}

EntityAliases EntityAliases::Decode(std::string_view data) {
  // Encode wrote each key once and each list without repeats, so entries go
  // straight into the maps (every search process decodes this record).
  EntityAliases aliases;
  try {
    RecordReader r(data, kAliasesVersion);
    const std::uint64_t count = r.Varint();
    aliases.canonicals_.reserve(std::min<std::uint64_t>(count, data.size()));
    for (std::uint64_t n = count; n > 0; --n) {
      std::string key = r.String();
      const std::size_t tab = key.find('\t');
      if (tab == std::string::npos) return EntityAliases();
      std::vector<std::string> list;
      for (std::uint64_t k = r.Varint(); k > 0; --k) list.push_back(r.String());
      const std::string_view alias = std::string_view(key).substr(tab + 1);
      for (const std::string& canonical : list) {
        std::vector<std::string>& names = aliases.names_[canonical];
        if (std::find(names.begin(), names.end(), alias) == names.end()) names.emplace_back(alias);
      }
      aliases.fields_.emplace(key.substr(0, tab));
      aliases.canonicals_.emplace(std::move(key), std::move(list));
    }
  } catch (const std::runtime_error&) {
    return EntityAliases();
  }
  return aliases;
}

}  // namespace notesearch
