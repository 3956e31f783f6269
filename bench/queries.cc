// The query mix of the speed benchmark against an existing index, for
// profiling the query path (perf record -- build/bench/bench_queries ...)
// and for checking that a change leaves results alone (--dump prints every
// hit of every query, one line each, to diff before and after).
// Usage:
//   bench_queries --db DIR [--repeat 20] [--queries FILE] [--facets] [--limit 10] [--dump]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "searcher/searcher.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  fs::path db;
  fs::path queries_file = fs::path(NOTESEARCH_SOURCE_DIR) / "bench" / "queries.txt";
  int repeat = 20;
  std::size_t limit = 10;
  bool facets = false;
  bool dump = false;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const bool has_value = i + 1 < argc;
    if (flag == "--db" && has_value) {
      db = argv[++i];
    } else if (flag == "--queries" && has_value) {
      queries_file = argv[++i];
    } else if (flag == "--repeat" && has_value) {
      repeat = std::stoi(argv[++i]);
    } else if (flag == "--limit" && has_value) {
      limit = std::stoul(argv[++i]);
    } else if (flag == "--facets") {
      facets = true;
    } else if (flag == "--dump") {
      dump = true;
    } else {
      std::fprintf(stderr, "usage: bench_queries --db DIR [--repeat N] [--queries FILE] [--facets] [--limit N] [--dump]\n");
      return 2;
    }
  }
  if (db.empty()) {
    std::fprintf(stderr, "bench_queries: --db is required\n");
    return 2;
  }
  std::vector<std::string> queries;
  std::ifstream in(queries_file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') queries.push_back(line);
  }
  notesearch::Searcher searcher(db);
  auto request = [&](const std::string& q) {
    notesearch::SearchRequest r{q, 0, limit};
    if (facets) r.facets = {"tool", "company", "location"};
    return r;
  };
  if (dump) {
    for (const std::string& q : queries) {
      const notesearch::SearchResponse response = searcher.Search(request(q));
      std::printf("Q %s total=%llu bullets=%llu\n", q.c_str(), static_cast<unsigned long long>(response.total),
                  static_cast<unsigned long long>(response.total_bullets));
      for (const notesearch::Hit& hit : response.hits) {
        std::printf("  %s:%u %.6f also=%zu hl=%zu\n", hit.stored.file.c_str(), hit.stored.block.line, hit.score,
                    hit.also.size(), hit.highlights.size());
      }
      for (const notesearch::Facet& facet : response.facets) {
        std::printf("  facet %s:", facet.field.c_str());
        for (const notesearch::FacetValue& v : facet.values) {
          std::printf(" %s=%llu", v.value.c_str(), static_cast<unsigned long long>(v.count));
        }
        std::printf("\n");
      }
    }
    return 0;
  }
  std::vector<double> samples;
  std::vector<std::pair<double, std::string>> per_query(queries.size());
  for (const std::string& q : queries) searcher.Search(request(q));  // warm
  for (int r = 0; r < repeat; ++r) {
    for (std::size_t i = 0; i < queries.size(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      searcher.Search(request(queries[i]));
      const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
      samples.push_back(us);
      per_query[i].first += us / repeat;
      per_query[i].second = queries[i];
    }
  }
  std::sort(samples.begin(), samples.end());
  std::sort(per_query.rbegin(), per_query.rend());
  std::printf("median %.0f us, p99 %.0f us, mean per query:\n", samples[samples.size() / 2],
              samples[std::min(samples.size() - 1, samples.size() * 99 / 100)]);
  for (const auto& [us, q] : per_query) std::printf("  %8.0f us  %s\n", us, q.c_str());
  return 0;
}
