// notesearch-index: the indexer behind `notesearch index`, which runs it.
// A binary of its own so that index runs allocate with mimalloc and
// one-shot searches with glibc's malloc: an index run is most of its time
// in Xapian's writer, whose many small strings and map nodes mimalloc
// serves faster (one copy of the notes 0.85 -> 0.69 s, ten 4.9 -> 4.2 s),
// while a one-shot search took 2-5 % longer with it (cli/CMakeLists.txt).
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command_support.h"
#include "cli/paths.h"
#include "cli/terminal.h"
#include "core/index_store.h"
#include "indexer/indexer.h"

namespace notesearch {
namespace {

struct IndexCommand {
  WriterOptions common;
  std::vector<std::string> paths;
  bool rebuild = false;
  bool wait = false;
  bool quiet = false;
  std::string language = "english";
  std::string gazetteers;
  unsigned threads = 0;
  std::size_t shards = 0;

  void Register(CLI::App* cmd) {
    AddVerbatimPositionals(cmd, "paths", paths,
                           "files and directories to index; the index then holds exactly these (default: the "
                           "paths of the last run, or the bundled corpus)");
    AddDbOption(cmd, common);
    cmd->add_flag("--rebuild", rebuild, "re-index every file from scratch");
    cmd->add_flag("--wait", wait, "wait for another running indexer instead of failing");
    cmd->add_flag("-q,--quiet", quiet, "no progress bar or summary");
    cmd->add_option("--language", language, "stemming language: english, german, ..., or none")
        ->capture_default_str();
    cmd->add_option("--threads", threads, "worker threads (default: one per core)");
    cmd->add_option("--shards", shards,
                    "split the index into N shards written in parallel (default: as it is, 1 for a new "
                    "index); merge them again with `notesearch compact`");
    cmd->add_option("--gazetteers", gazetteers,
                    "directory of your own tools.tsv, companies.tsv, places.tsv "
                    "(default: ~/.config/notesearch/gazetteers)");
    cmd->footer(
        "Examples:\n"
        "  notesearch index                      # update the index from the last run's paths\n"
        "  notesearch index ~/notes              # index a directory (recursively)\n"
        "  notesearch index --rebuild --db /tmp/idx corpus/\n"
        "  notesearch index --shards 4 ~/notes          # four shards, written in parallel\n");
  }

  int Run() {
    IndexOptions options = MakeIndexOptions(common.Database(), language, gazetteers);
    for (const std::string& path : paths) options.roots.emplace_back(path);
    if (options.roots.empty() && !index_store::Exists(options.database)) {
      options.roots.push_back(BundledCorpus());
    }
    options.rebuild = rebuild;
    options.wait_for_lock = wait;
    options.threads = threads;
    options.shards = shards;
    const IndexReport report = RunIndexer(options, quiet);
    if (!quiet) std::fputs(FormatIndexReport(report).c_str(), stdout);
    return kExitFound;
  }
};

}  // namespace
}  // namespace notesearch

int main(int argc, char** argv) {
  notesearch::IndexCommand index;
  return notesearch::CommandBinaryMain(
      argc, argv, notesearch::kIndexSummary, "notesearch index",
      [&](CLI::App* app) { index.Register(app); }, [&] { return index.Run(); });
}
