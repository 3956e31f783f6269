#include "searcher/doc_runs.h"

#include <algorithm>

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

DocRunsPostingSource::DocRunsPostingSource(std::shared_ptr<const DocRuns> docs, double weight)
    : docs_(std::move(docs)), weight_(weight) {}

void DocRunsPostingSource::init(const Xapian::Database&) {
  started_ = false;
  run_ = 0;
  doc_ = 0;
  set_maxweight(weight_);
}

void DocRunsPostingSource::next(double) {
  const std::vector<DocRuns::Run>& runs = docs_->runs();
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
  const std::vector<DocRuns::Run>& runs = docs_->runs();
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
                           [did](const DocRuns::Run& run) { return run.last < did; }) -
      runs.begin());
  if (run_ < runs.size()) doc_ = std::max(did, runs[run_].first);
}

Xapian::PostingSource* DocRunsPostingSource::clone() const { return new DocRunsPostingSource(docs_, weight_); }

std::string DocRunsPostingSource::get_description() const {
  return "DocRunsPostingSource(" + std::to_string(docs_->size()) + " documents in " +
         std::to_string(docs_->runs().size()) + " runs, wt=" + std::to_string(weight_) + ")";
}

}  // namespace notesearch
