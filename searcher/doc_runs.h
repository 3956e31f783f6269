// A set of document ids held as sorted runs of consecutive ids, and a
// Xapian::PostingSource over one.
//
// The bullets below a heading or a list intro are consecutive documents
// (a file's blocks are indexed in order), so the documents of a heading id
// are a few runs however many bullets it covers. Matching a query word's
// headings through a run set costs per run, where their posting lists cost
// per bullet: for a heading above whole files, most of a search's time.
//
// Ownership and thread-safety: a DocRuns is immutable once built and safe
// to share; a DocRunsPostingSource, like any posting source, belongs to one
// query on one thread.
#ifndef NOTESEARCH_SEARCHER_DOC_RUNS_H_
#define NOTESEARCH_SEARCHER_DOC_RUNS_H_

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

namespace notesearch {

class DocRuns {
 public:
  struct Run {
    Xapian::docid first;
    Xapian::docid last;  // inclusive
  };

  // Appends a document id greater than every id added before.
  void Append(Xapian::docid doc);
  // The documents of `runs`, given in any order, overlapping or not.
  static DocRuns FromRuns(std::vector<Run> runs);

  const std::vector<Run>& runs() const { return runs_; }
  Xapian::doccount size() const { return size_; }

 private:
  std::vector<Run> runs_;  // sorted, disjoint and not adjacent
  Xapian::doccount size_ = 0;
};

// Documents with a weight each, as sorted runs of consecutive ids of one
// weight: weighted run sets summed document by document. Each heading or
// intro a query word matches adds a constant to the bullets below it, and
// a word has several such sets (headings and intros, with the word as typed
// or only its stem, and its synonyms': eight for "machine"); Xapian moves
// and weighs each source at every candidate, so one source over their sum
// weighs the same for the cost of one.
class WeightedRuns {
 public:
  struct Run {
    Xapian::docid first;
    Xapian::docid last;  // inclusive
    double weight;
  };
  struct Part {
    std::shared_ptr<const DocRuns> docs;
    double weight;
  };

  // Each document of any part weighs the sum of the weights of the parts
  // holding it, added in the order of `parts`.
  static WeightedRuns Sum(const std::vector<Part>& parts);

  const std::vector<Run>& runs() const { return runs_; }
  Xapian::doccount size() const { return size_; }
  double max_weight() const { return max_weight_; }

 private:
  std::vector<Run> runs_;  // sorted and disjoint
  Xapian::doccount size_ = 0;
  double max_weight_ = 0;
};

// Matches the documents of `docs` with their weights: what an OR of
// FILTER(FixedWeightPostingSource(weight), OR of terms) per part gives when
// each part's documents are its terms' documents, without reading their
// posting lists. Not serialisable, so for local databases only (remote
// shards never get one).
class DocRunsPostingSource : public Xapian::PostingSource {
 public:
  explicit DocRunsPostingSource(std::shared_ptr<const WeightedRuns> docs);

  Xapian::doccount get_termfreq_min() const override { return docs_->size(); }
  Xapian::doccount get_termfreq_est() const override { return docs_->size(); }
  Xapian::doccount get_termfreq_max() const override { return docs_->size(); }
  double get_weight() const override { return docs_->runs()[run_].weight; }
  void init(const Xapian::Database& db) override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return run_ >= docs_->runs().size(); }
  Xapian::docid get_docid() const override { return doc_; }
  Xapian::PostingSource* clone() const override;
  std::string get_description() const override;

 private:
  std::shared_ptr<const WeightedRuns> docs_;
  bool started_ = false;
  std::size_t run_ = 0;     // the run holding doc_
  Xapian::docid doc_ = 0;
};

}  // namespace notesearch

#endif  // NOTESEARCH_SEARCHER_DOC_RUNS_H_
