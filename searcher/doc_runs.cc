#include "searcher/doc_runs.h"

#include <algorithm>
#include <cstdint>

namespace notesearch {

void DocRuns::Append(Xapian::docid doc) {
  if (!runs_.empty() && runs_.back().last + 1 == doc) {
    runs_.back().last = doc;
  } else {
    runs_.push_back({doc, doc});
  }
  ++size_;
}

DocRuns DocRuns::FromRuns(std::vector<Run> runs) {
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.first < b.first; });
  DocRuns merged;
  for (const Run& run : runs) {
    if (!merged.runs_.empty() && run.first <= merged.runs_.back().last + 1) {
      Run& back = merged.runs_.back();
      if (run.last > back.last) {
        merged.size_ += run.last - back.last;
        back.last = run.last;
      }
    } else {
      merged.runs_.push_back(run);
      merged.size_ += run.last - run.first + 1;
    }
  }
  return merged;
}

WeightedRuns WeightedRuns::Sum(const std::vector<Part>& parts) {
  // Where the parts holding a document change: a part enters at a run's
  // first document and leaves after its last.
  struct Edge {
    std::uint64_t at;
    std::size_t part;
    int change;
  };
  std::vector<Edge> edges;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    for (const DocRuns::Run& run : parts[i].docs->runs()) {
      edges.push_back({run.first, i, +1});
      edges.push_back({std::uint64_t{run.last} + 1, i, -1});
    }
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.at < b.at; });
  WeightedRuns sum;
  std::vector<int> holding(parts.size(), 0);
  for (std::size_t e = 0; e < edges.size();) {
    const std::uint64_t from = edges[e].at;
    for (; e < edges.size() && edges[e].at == from; ++e) holding[edges[e].part] += edges[e].change;
    if (e == edges.size()) break;
    const std::uint64_t to = edges[e].at;  // exclusive
    bool held = false;
    double weight = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (holding[i] > 0) {
        held = true;
        weight += parts[i].weight;
      }
    }
    if (!held) continue;
    const auto first = static_cast<Xapian::docid>(from);
    const auto last = static_cast<Xapian::docid>(to - 1);
    if (!sum.runs_.empty() && sum.runs_.back().last + 1 == first && sum.runs_.back().weight == weight) {
      sum.runs_.back().last = last;
    } else {
      sum.runs_.push_back({first, last, weight});
    }
    sum.size_ += last - first + 1;
    sum.max_weight_ = std::max(sum.max_weight_, weight);
  }
  return sum;
}

DocRunsPostingSource::DocRunsPostingSource(std::shared_ptr<const WeightedRuns> docs) : docs_(std::move(docs)) {}

void DocRunsPostingSource::init(const Xapian::Database&) {
  started_ = false;
  run_ = 0;
  doc_ = 0;
  set_maxweight(docs_->max_weight());
}

void DocRunsPostingSource::next(double) {
  const std::vector<WeightedRuns::Run>& runs = docs_->runs();
  if (!started_) {
    started_ = true;
    if (!runs.empty()) doc_ = runs.front().first;
    return;
  }
  if (doc_ < runs[run_].last) {
    ++doc_;
  } else if (++run_ < runs.size()) {
    doc_ = runs[run_].first;
  }
}

void DocRunsPostingSource::skip_to(Xapian::docid did, double) {
  const std::vector<WeightedRuns::Run>& runs = docs_->runs();
  if (started_ && (at_end() || did <= doc_)) return;
  started_ = true;
  // The first run that ends at or after `did`: the matcher mostly skips a
  // little way, so gallop from the current run before searching by halves.
  std::size_t step = 1, low = run_;
  while (low + step < runs.size() && runs[low + step].last < did) {
    low += step;
    step *= 2;
  }
  const std::size_t high = std::min(runs.size(), low + step + 1);
  run_ = static_cast<std::size_t>(
      std::partition_point(runs.begin() + static_cast<std::ptrdiff_t>(low), runs.begin() + static_cast<std::ptrdiff_t>(high),
                           [did](const WeightedRuns::Run& run) { return run.last < did; }) -
      runs.begin());
  if (run_ < runs.size()) doc_ = std::max(did, runs[run_].first);
}

Xapian::PostingSource* DocRunsPostingSource::clone() const { return new DocRunsPostingSource(docs_); }

std::string DocRunsPostingSource::get_description() const {
  return "DocRunsPostingSource(" + std::to_string(docs_->size()) + " documents in " +
         std::to_string(docs_->runs().size()) + " runs, max wt=" + std::to_string(docs_->max_weight()) + ")";
}

}  // namespace notesearch
