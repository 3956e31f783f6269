// Indexing throughput, peak memory, index size and query latency of
// notesearch next to a stock Xapian index and SQLite FTS5 of the same
// bullets, measured in the same run, plus notesearch's no-change re-run.
// Usage:
//   bench_speed [--copies 1,10] [--repeat 20] [--queries FILE] [--corpus DIR] [--tsv FILE]
// Corpora of N copies are generated under a temporary directory. --tsv
// writes one machine-readable row per corpus and engine (for bench/run).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/sqlite_fts5.h"
#include "bench/stock_xapian.h"
#include "core/index_store.h"
#include "searcher/searcher.h"

namespace fs = std::filesystem;
using notesearch::bench::BuildStockFacetedIndex;
using notesearch::bench::BuildStockIndex;
using notesearch::bench::Fts5Index;
using notesearch::bench::StockSearcher;

namespace {

struct Measured {
  double seconds = 0;
  long peak_rss_kib = 0;
};

// Runs `work` in a child process so that its peak RSS is its own, timed
// from the fork to the child's end.
template <typename Work>
Measured InChild(Work work) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    work();
    ::_exit(0);
  }
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  Measured m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.peak_rss_kib = usage.ru_maxrss;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "a measured run failed (status %d)\n", status);
    std::exit(1);
  }
  return m;
}

// Runs the program `argv` as a user would.
Measured RunProgram(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  return InChild([&] {
    ::execv(args[0], args.data());
    std::fprintf(stderr, "cannot run %s\n", args[0]);
    ::_exit(127);
  });
}

std::uint64_t DirectoryBytes(const fs::path& dir) {
  std::uint64_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return bytes;
}

fs::path MakeCorpus(const fs::path& source, const fs::path& work, int copies) {
  const fs::path dir = work / ("corpus-x" + std::to_string(copies));
  fs::create_directories(dir);
  for (int i = 0; i < copies; ++i) {
    const fs::path copy = dir / ("copy-" + std::to_string(i));
    fs::create_directories(copy);
    for (const auto& entry : fs::directory_iterator(source)) {
      if (entry.is_regular_file()) fs::copy_file(entry.path(), copy / entry.path().filename());
    }
  }
  return dir;
}

struct Latency {
  double median_us = 0;
  double p99_us = 0;
};

template <typename Run>
Latency TimeQueries(const std::vector<std::string>& queries, int repeat, Run run) {
  std::vector<double> samples;
  for (const std::string& q : queries) run(q);  // warm the caches once
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& q : queries) {
      const auto start = std::chrono::steady_clock::now();
      run(q);
      samples.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    }
  }
  std::sort(samples.begin(), samples.end());
  return {samples[samples.size() / 2], samples[std::min(samples.size() - 1, samples.size() * 99 / 100)]};
}

std::vector<std::string> ReadQueries(const fs::path& path) {
  std::vector<std::string> queries;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') queries.push_back(line);
  }
  return queries;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> copies = {1, 10};
  int repeat = 20;
  fs::path queries_file = fs::path(NOTESEARCH_SOURCE_DIR) / "bench" / "queries.txt";
  fs::path corpus = fs::path(NOTESEARCH_SOURCE_DIR) / "corpus";
  fs::path tsv_file;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--copies") {
      copies.clear();
      std::stringstream list(argv[i + 1]);
      for (std::string n; std::getline(list, n, ',');) copies.push_back(std::stoi(n));
    } else if (flag == "--repeat") {
      repeat = std::stoi(argv[i + 1]);
    } else if (flag == "--queries") {
      queries_file = argv[i + 1];
    } else if (flag == "--tsv") {
      tsv_file = argv[i + 1];
    } else if (flag == "--corpus") {
      corpus = argv[i + 1];
    } else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  const std::vector<std::string> queries = ReadQueries(queries_file);
  char work_template[] = "/tmp/notesearch-bench-XXXXXX";
  const fs::path work = ::mkdtemp(work_template);

  std::FILE* tsv = tsv_file.empty() ? nullptr : std::fopen(tsv_file.c_str(), "w");
  if (tsv != nullptr) {
    std::fprintf(tsv, "copies\tmb\tengine\tindex_s\tpeak_rss_mib\tindex_mib\tmedian_us\tp99_us\n");
  }
  std::printf("| corpus | engine | index s | MB/s | bullets/s | peak RSS MiB | index MiB | query median µs | query p99 µs |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|\n");
  std::vector<std::string> reruns;
  for (int n : copies) {
    const fs::path dir = MakeCorpus(corpus, work, n);
    const double mb = static_cast<double>(DirectoryBytes(dir)) / 1e6;
    const fs::path ours_db = work / ("ours-x" + std::to_string(n));
    const fs::path stock_db = work / ("stock-x" + std::to_string(n));
    const fs::path fts5_db = work / ("fts5-x" + std::to_string(n) + ".sqlite");
    const fs::path sharded_db = work / ("ours2-x" + std::to_string(n));
    // `notesearch index` as a user runs it (it runs notesearch-index, which
    // allocates with mimalloc): by default a new index of 2 MB or more is
    // written by two writers in parallel and merged into one database.
    auto index_into = [&](const fs::path& db, const std::vector<std::string>& options) {
      std::vector<std::string> argv = {NOTESEARCH_INDEX_BINARY, "-q", "--db", db.string()};
      argv.insert(argv.end(), options.begin(), options.end());
      argv.push_back(dir.string());
      return RunProgram(argv);
    };
    const Measured ours = index_into(ours_db, {});
    const Measured rerun = index_into(ours_db, {});  // nothing changed since
    // Two shards written by two writer threads and kept (`index --shards 2`).
    const Measured sharded = index_into(sharded_db, {"--shards", "2"});
    const Measured stock = InChild([&] { BuildStockIndex({dir}, stock_db); });
    const Measured fts5 = InChild([&] { Fts5Index index({dir}, fts5_db); });

    const std::vector<std::string> facets = {"tool", "company", "location"};
    notesearch::Searcher searcher(ours_db);
    const std::uint64_t blocks = searcher.Stats().documents;
    const Latency ours_latency =
        TimeQueries(queries, repeat, [&](const std::string& q) { searcher.Search({q, 0, 10}); });
    const Latency faceted_latency =
        TimeQueries(queries, repeat, [&](const std::string& q) { searcher.Search({q, 0, 10, facets, 10, {}}); });
    notesearch::Searcher sharded_searcher(sharded_db);
    const Latency sharded_latency =
        TimeQueries(queries, repeat, [&](const std::string& q) { sharded_searcher.Search({q, 0, 10}); });
    StockSearcher stock_searcher(stock_db);
    const Latency stock_latency =
        TimeQueries(queries, repeat, [&](const std::string& q) { stock_searcher.Search(q, 10); });
    // Stock Xapian counting the same facets its own way, over an index of
    // the same blocks with notesearch's facet values (built from it, so
    // not timed).
    const fs::path stock_faceted_db = work / ("stock-facets-x" + std::to_string(n));
    BuildStockFacetedIndex(ours_db, stock_faceted_db, facets);
    StockSearcher stock_faceted_searcher(stock_faceted_db);
    const Latency stock_faceted_latency =
        TimeQueries(queries, repeat, [&](const std::string& q) { stock_faceted_searcher.Search(q, 10, facets); });
    fs::remove(fts5_db);
    Fts5Index fts5_searcher({dir}, fts5_db);  // FTS5 has no "open only"; this rebuilds it
    const Latency fts5_latency =
        TimeQueries(queries, repeat, [&](const std::string& q) { fts5_searcher.Search(q, 10); });

    // `m` null: an index the benchmark does not time (n/a, nan in the TSV).
    auto row = [&](const char* engine, const Measured* m, std::uint64_t bytes, const Latency& latency) {
      const double seconds = m != nullptr ? m->seconds : std::nan("");
      const double peak_mib = m != nullptr ? m->peak_rss_kib / 1024.0 : std::nan("");
      auto shown = [](double x, const char* format) {
        char text[32] = "n/a";
        if (!std::isnan(x)) std::snprintf(text, sizeof text, format, x);
        return std::string(text);
      };
      std::printf("| %dx (%.1f MB) | %s | %s | %s | %s | %s | %.1f | %.0f | %.0f |\n", n, mb, engine,
                  shown(seconds, "%.2f").c_str(), shown(mb / seconds, "%.2f").c_str(),
                  shown(static_cast<double>(blocks) / seconds, "%.0f").c_str(), shown(peak_mib, "%.0f").c_str(),
                  static_cast<double>(bytes) / (1024.0 * 1024.0), latency.median_us, latency.p99_us);
      if (tsv != nullptr) {
        std::fprintf(tsv, "%d\t%.2f\t%s\t%.3f\t%.1f\t%.2f\t%.1f\t%.1f\n", n, mb, engine, seconds, peak_mib,
                     static_cast<double>(bytes) / (1024.0 * 1024.0), latency.median_us, latency.p99_us);
      }
    };
    row("notesearch", &ours, notesearch::index_store::DiskUsage(ours_db), ours_latency);
    row("notesearch, facets on", &ours, notesearch::index_store::DiskUsage(ours_db), faceted_latency);
    row("notesearch, 2 shards", &sharded, notesearch::index_store::DiskUsage(sharded_db), sharded_latency);
    row("stock Xapian", &stock, notesearch::index_store::DiskUsage(stock_db), stock_latency);
    row("stock Xapian, facets on", nullptr, notesearch::index_store::DiskUsage(stock_faceted_db),
        stock_faceted_latency);
    row("SQLite FTS5", &fts5, fs::file_size(fts5_db), fts5_latency);
    reruns.push_back("| " + std::to_string(n) + "x | " + std::to_string(ours.seconds) + " | " +
                     std::to_string(rerun.seconds) + " | " + std::to_string(100.0 * rerun.seconds / ours.seconds) +
                     "% |");
    std::fflush(stdout);
  }
  if (tsv != nullptr) std::fclose(tsv);
  std::printf("\n| corpus | first `index` s | re-run, nothing changed, s | re-run / first |\n|---|---|---|---|\n");
  for (const std::string& line : reruns) std::printf("%s\n", line.c_str());
  fs::remove_all(work);
  return 0;
}
