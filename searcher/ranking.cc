#include "searcher/ranking.h"

#include <charconv>
#include <cmath>

#include "core/errors.h"
#include "core/text.h"

namespace notesearch {
namespace {

std::string KnownNames(const std::map<std::string, double, std::less<>>& weights) {
  std::string names;
  for (const auto& [name, value] : weights) names += (names.empty() ? "" : ", ") + name;
  return names;
}

}  // namespace

RankingWeights::RankingWeights() {
  for (const Field& field : AllFields()) {
    if (field.type != FieldType::kText) continue;
    weights_[std::string(field.name)] = field.weight;
    if (!field.inherited_prefix.empty()) {
      weights_[std::string(field.name) + ".inherited"] = field.inherited_weight;
    }
  }
  weights_["stem"] = 0.8;
  weights_["synonym"] = 0.8;
  weights_["correction"] = 0.9;
  weights_["coordination"] = 1000.0;
  weights_["bm25.k1"] = 1.2;
  weights_["bm25.b"] = 0.5;
}

void RankingWeights::Set(std::string_view name, double value) {
  auto it = weights_.find(name);
  if (it == weights_.end()) {
    throw UsageError("unknown weight '" + std::string(name) + "' (known: " + KnownNames(weights_) + ")");
  }
  if (!std::isfinite(value) || value < 0 || value > 1e6) {
    throw UsageError("weight " + std::string(name) + " must be a number from 0 to 1000000");
  }
  // A share of an exact match's weight (see QueryBuilder::ExactShare).
  if (name == "stem" && value > 1) throw UsageError("weight stem must be a number from 0 to 1");
  it->second = value;
}

void RankingWeights::SetFromAssignment(std::string_view assignment) {
  const std::size_t equals = assignment.find('=');
  if (equals == std::string_view::npos) {
    throw UsageError("expected name=value, got '" + std::string(assignment) + "'");
  }
  const std::string_view name = Trim(assignment.substr(0, equals));
  const std::string_view text = Trim(assignment.substr(equals + 1));
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw UsageError("weight " + std::string(name) + ": '" + std::string(text) + "' is not a number");
  }
  Set(name, value);
}

void RankingWeights::LoadConfig(std::string_view text, const std::string& source_name) {
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = Trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    try {
      SetFromAssignment(line);
    } catch (const UsageError& e) {
      throw UsageError(source_name + ":" + std::to_string(line_number) + ": " + e.what());
    }
  }
}

double RankingWeights::Get(std::string_view name) const {
  auto it = weights_.find(name);
  return it == weights_.end() ? 0.0 : it->second;
}

double RankingWeights::InheritedWeight(const Field& field) const {
  return Get(std::string(field.name) + ".inherited");
}

}  // namespace notesearch
