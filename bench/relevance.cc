// Relevance of notesearch next to a stock Xapian setup and SQLite FTS5 over
// the same bullets, on the judged query set in bench/relevance/:
// nDCG@10, MRR and recall@10, overall and per kind of query.
//   bench_relevance [--queries FILE] [--judgments FILE] [--weight NAME=VALUE]...
//                   [--per-query] [--show ID] [--tune]
// --per-query adds each query's nDCG@10 for the three engines; --show prints
// the ten hits of each engine for one query with their grades.
// --tune searches the ranking weights coordinate by coordinate for the best
// mean nDCG@10 and prints them as a weights file.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bench/sqlite_fts5.h"
#include "bench/stock_xapian.h"
#include "indexer/gazetteer.h"
#include "indexer/indexer.h"
#include "searcher/searcher.h"

namespace fs = std::filesystem;

namespace {

constexpr unsigned kDepth = 10;

struct Query {
  std::string id;
  std::string category;
  std::string text;
};

using Ranking = std::vector<std::string>;                   // "file:line", best first
using Grades = std::map<std::string, std::map<std::string, int>>;  // query id -> "file:line" -> grade

std::vector<std::string> Columns(const std::string& line) {
  std::vector<std::string> columns;
  std::stringstream in(line);
  for (std::string column; std::getline(in, column, '\t');) columns.push_back(column);
  return columns;
}

std::vector<Query> ReadQueries(const fs::path& path) {
  std::vector<Query> queries;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto c = Columns(line);
    if (c.size() >= 3) queries.push_back({c[0], c[1], c[2]});
  }
  return queries;
}

Grades ReadGrades(const fs::path& path) {
  Grades grades;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto c = Columns(line);
    if (c.size() >= 4) grades[c[0]][c[1] + ":" + c[2]] = std::atoi(c[3].c_str());
  }
  return grades;
}

struct Scores {
  double ndcg = 0;
  double mrr = 0;
  double recall = 0;
};

Scores Score(const Ranking& ranking, const std::map<std::string, int>& grades) {
  std::vector<int> ideal;
  std::size_t relevant = 0;
  for (const auto& [hit, grade] : grades) {
    if (grade > 0) {
      ideal.push_back(grade);
      ++relevant;
    }
  }
  std::sort(ideal.rbegin(), ideal.rend());
  auto gain = [](int grade) { return std::pow(2.0, grade) - 1.0; };
  double dcg = 0, idcg = 0;
  Scores s;
  std::size_t found = 0;
  for (std::size_t i = 0; i < kDepth; ++i) {
    if (i < ideal.size()) idcg += gain(ideal[i]) / std::log2(i + 2.0);
    if (i >= ranking.size()) continue;
    auto it = grades.find(ranking[i]);
    const int grade = it == grades.end() ? 0 : it->second;
    dcg += gain(grade) / std::log2(i + 2.0);
    if (grade > 0) {
      ++found;
      if (s.mrr == 0) s.mrr = 1.0 / static_cast<double>(i + 1);
    }
  }
  s.ndcg = idcg > 0 ? dcg / idcg : 0;
  // Recall of what ten hits can hold: with 40 relevant bullets, 10 is all.
  s.recall = relevant > 0 ? static_cast<double>(found) / static_cast<double>(std::min<std::size_t>(relevant, kDepth)) : 0;
  return s;
}

std::string Relative(const std::string& file, unsigned line) {
  return fs::path(file).lexically_relative(NOTESEARCH_SOURCE_DIR).string() + ":" + std::to_string(line);
}

using Engine = std::function<Ranking(const std::string&)>;

// Mean scores per category and overall ("all").
std::map<std::string, Scores> Evaluate(const std::vector<Query>& queries, const Grades& grades, const Engine& engine,
                                       std::vector<std::pair<std::string, Scores>>* per_query = nullptr) {
  std::map<std::string, Scores> sums;
  std::map<std::string, int> counts;
  for (const Query& q : queries) {
    auto judged = grades.find(q.id);
    if (judged == grades.end()) continue;
    const Scores s = Score(engine(q.text), judged->second);
    if (per_query != nullptr) per_query->emplace_back(q.id, s);
    for (const std::string& key : {q.category, std::string("all")}) {
      sums[key].ndcg += s.ndcg;
      sums[key].mrr += s.mrr;
      sums[key].recall += s.recall;
      ++counts[key];
    }
  }
  for (auto& [key, s] : sums) {
    s.ndcg /= counts[key];
    s.mrr /= counts[key];
    s.recall /= counts[key];
  }
  return sums;
}

Engine NotesearchEngine(notesearch::Searcher& searcher) {
  return [&searcher](const std::string& text) {
    Ranking ranking;
    notesearch::SearchRequest request{text, 0, kDepth};
    request.collapse = false;  // duplicates are judged one by one
    try {
      for (const auto& hit : searcher.Search(request).hits) {
        ranking.push_back(Relative(hit.stored.file, hit.stored.block.line));
      }
    } catch (const std::exception&) {
    }
    return ranking;
  };
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path source = NOTESEARCH_SOURCE_DIR;
  fs::path queries_file = source / "bench" / "relevance" / "queries.tsv";
  fs::path judgments_file = source / "bench" / "relevance" / "judgments.tsv";
  notesearch::RankingWeights weights;
  bool tune = false;
  bool per_query = false;
  std::string show;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--queries" && i + 1 < argc) {
      queries_file = argv[++i];
    } else if (flag == "--judgments" && i + 1 < argc) {
      judgments_file = argv[++i];
    } else if (flag == "--weight" && i + 1 < argc) {
      weights.SetFromAssignment(argv[++i]);
    } else if (flag == "--tune") {
      tune = true;
    } else if (flag == "--per-query") {
      per_query = true;
    } else if (flag == "--show" && i + 1 < argc) {
      show = argv[++i];
    } else {
      std::fprintf(stderr, "usage: bench_relevance [--queries F] [--judgments F] [--weight N=V]... [--per-query] [--show ID] [--tune]\n");
      return 2;
    }
  }
  const std::vector<Query> queries = ReadQueries(queries_file);
  Grades grades = ReadGrades(judgments_file);
  char work_template[] = "/tmp/notesearch-relevance-XXXXXX";
  const fs::path work = ::mkdtemp(work_template);
  const std::vector<fs::path> corpus = {source / "corpus"};

  notesearch::IndexOptions options;
  options.database = work / "notesearch";
  options.roots = corpus;
  options.analysis = notesearch::AnalysisSettingsFor("english", {});
  notesearch::UpdateIndex(options);
  notesearch::bench::BuildStockIndex(corpus, work / "xapian");
  notesearch::bench::Fts5Index fts5(corpus, work / "fts5.sqlite");
  notesearch::bench::StockSearcher stock(work / "xapian");

  if (tune) {
    // Coordinate descent: each weight in turn takes the value of its grid
    // that gives the best mean nDCG@10, twice over.
    const std::map<std::string, std::vector<double>> grid = {
        {"context", {0.05, 0.1, 0.2, 0.3, 0.5, 0.8}},  {"tool", {0.25, 0.5, 1, 2, 3, 5}},
        {"company", {0.25, 0.5, 1, 2, 3, 5}},          {"location", {0.25, 0.5, 1, 1.5, 3}},
        {"tool.inherited", {0.1, 0.3, 0.5, 1}},        {"company.inherited", {0.1, 0.3, 0.6, 1}},
        {"location.inherited", {0.1, 0.3, 0.5, 1}},    {"stem", {0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1}},
        {"synonym", {0.5, 0.7, 0.9}},                  {"bm25.k1", {0.6, 0.9, 1.2, 1.6, 2.0}},
        {"bm25.b", {0.2, 0.35, 0.5, 0.75, 0.9}}};
    auto mean_ndcg = [&](const notesearch::RankingWeights& w) {
      notesearch::Searcher searcher(options.database, w);
      return Evaluate(queries, grades, NotesearchEngine(searcher))["all"].ndcg;
    };
    double best = mean_ndcg(weights);
    std::printf("start: nDCG@10 %.4f\n", best);
    for (int round = 0; round < 2; ++round) {
      for (const auto& [name, values] : grid) {
        for (double value : values) {
          notesearch::RankingWeights candidate = weights;
          candidate.Set(name, value);
          const double score = mean_ndcg(candidate);
          if (score > best + 1e-9) {
            best = score;
            weights = candidate;
            std::printf("%s = %g: nDCG@10 %.4f\n", name.c_str(), value, best);
          }
        }
      }
    }
    std::printf("\n# best weights (nDCG@10 %.4f)\n", best);
    for (const auto& [name, value] : weights.all()) std::printf("%s = %g\n", name.c_str(), value);
    fs::remove_all(work);
    return 0;
  }

  notesearch::Searcher searcher(options.database, weights);
  std::vector<std::pair<std::string, Scores>> ours_per_query;
  std::vector<std::pair<std::string, Scores>> xapian_per_query;
  std::vector<std::pair<std::string, Scores>> sqlite_per_query;
  const Engine ours_engine = NotesearchEngine(searcher);
  const Engine xapian_engine = [&](const std::string& text) {
    Ranking ranking;
    for (const auto& [file, line] : stock.Search(text, kDepth).hits) ranking.push_back(Relative(file, line));
    return ranking;
  };
  const Engine sqlite_engine = [&](const std::string& text) {
    Ranking ranking;
    for (const auto& [file, line] : fts5.Search(text, kDepth)) ranking.push_back(Relative(file, line));
    return ranking;
  };
  if (!show.empty()) {
    const auto query = std::find_if(queries.begin(), queries.end(), [&](const Query& q) { return q.id == show; });
    if (query == queries.end()) {
      std::fprintf(stderr, "bench_relevance: no query %s in %s\n", show.c_str(), queries_file.c_str());
      return 2;
    }
    const auto& judged = grades[show];
    for (const auto& [name, engine] : {std::pair{"notesearch", &ours_engine}, {"stock Xapian", &xapian_engine},
                                       {"SQLite FTS5", &sqlite_engine}}) {
      const Ranking ranking = (*engine)(query->text);
      std::printf("%s  %s  nDCG@10 %.3f\n", name, query->text.c_str(), Score(ranking, judged).ndcg);
      for (const std::string& hit : ranking) {
        auto grade = judged.find(hit);
        std::printf("  %s %s\n", grade == judged.end() ? "-" : std::to_string(grade->second).c_str(), hit.c_str());
      }
    }
    std::printf("relevant, not in notesearch's ten:\n");
    const Ranking ours_ranking = ours_engine(query->text);
    for (const auto& [hit, grade] : judged) {
      if (grade > 0 && std::find(ours_ranking.begin(), ours_ranking.end(), hit) == ours_ranking.end()) {
        std::printf("  %d %s\n", grade, hit.c_str());
      }
    }
    fs::remove_all(work);
    return 0;
  }
  const auto ours = Evaluate(queries, grades, ours_engine, &ours_per_query);
  const auto xapian = Evaluate(queries, grades, xapian_engine, &xapian_per_query);
  const auto sqlite = Evaluate(queries, grades, sqlite_engine, &sqlite_per_query);

  std::set<std::string> categories;
  std::map<std::string, int> query_counts;
  for (const Query& q : queries) {
    categories.insert(q.category);
    ++query_counts[q.category];
  }
  std::printf("%zu queries, %zu judged (file, line) pairs\n\n", queries.size(), [&] {
    std::size_t n = 0;
    for (const auto& [id, judged] : grades) n += judged.size();
    return n;
  }());
  std::printf("| kind | queries | nDCG@10 notesearch | stock Xapian | SQLite FTS5 | MRR notesearch | stock Xapian | SQLite FTS5 | recall@10 notesearch | stock Xapian | SQLite FTS5 |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  std::vector<std::string> rows(categories.begin(), categories.end());
  rows.push_back("all");
  for (const std::string& kind : rows) {
    const Scores a = ours.at(kind), b = xapian.at(kind), c = sqlite.at(kind);
    std::printf("| %s | %d | **%.3f** | %.3f | %.3f | **%.3f** | %.3f | %.3f | **%.3f** | %.3f | %.3f |\n", kind.c_str(),
                kind == "all" ? static_cast<int>(queries.size()) : query_counts[kind], a.ndcg, b.ndcg, c.ndcg, a.mrr, b.mrr,
                c.mrr, a.recall, b.recall, c.recall);
  }
  if (per_query) {
    std::printf("\n| query | kind | nDCG@10 notesearch | stock Xapian | SQLite FTS5 | text |\n|---|---|---|---|---|---|\n");
    for (std::size_t i = 0; i < ours_per_query.size(); ++i) {
      const auto query = std::find_if(queries.begin(), queries.end(),
                                      [&](const Query& q) { return q.id == ours_per_query[i].first; });
      std::printf("| %s | %s | %.3f | %.3f | %.3f | %s |\n", query->id.c_str(), query->category.c_str(),
                  ours_per_query[i].second.ndcg, xapian_per_query[i].second.ndcg, sqlite_per_query[i].second.ndcg,
                  query->text.c_str());
    }
  }
  fs::remove_all(work);
  return 0;
}
