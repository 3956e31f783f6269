#include "cli/command_support.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <CLI/CLI.hpp>
#include <unicode/uversion.h>
#include <xapian.h>

#include "analysis/analysis_settings.h"
#include "cli/paths.h"
#include "cli/terminal.h"
#include "core/errors.h"
#include "core/index_store.h"
#include "indexer/gazetteer.h"

namespace notesearch {
namespace {

// A one-shot command allocates its sets of documents, posting lists and
// weights once (a few MB on one copy of the corpus, 15 MB on 100) and exits,
// so it paid a page fault for every fresh 4 KiB it touched: 3,400 faults,
// a fifth of `machine learning` on 100 copies. The heap grows in one step,
// keeps what is freed for reuse, holds large buffers too (not one mmap
// each), and asks for transparent huge pages where the kernel grants them
// on request (THP "madvise"; elsewhere the advice does nothing). The thread
// reading posting lists beside the searching one (match_scorer.cc) shares
// that heap: an arena of its own would fault page by page again.
void PrepareHeapForOneShot() {
  constexpr std::size_t kHugePage = std::size_t{2} << 20;
  constexpr int kPad = 64 << 20;
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  mallopt(M_TOP_PAD, kPad);
  mallopt(M_ARENA_MAX, 1);
  void* grow = std::malloc(kHugePage);  // more than the heap has free: it grows by the pad
  const auto from = (reinterpret_cast<std::uintptr_t>(grow) + kHugePage - 1) & ~(kHugePage - 1);
  const auto to = reinterpret_cast<std::uintptr_t>(::sbrk(0)) & ~(kHugePage - 1);
  if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
  std::free(grow);
}

// For an index built by another version of notesearch, the language it was
// built in (English when its record names none); nullopt for an index of
// this version.
std::optional<std::string> LanguageOfAnotherVersion(const std::filesystem::path& db) {
  const std::vector<std::filesystem::path> generations = index_store::CurrentGenerations(db);
  if (generations.empty()) return std::nullopt;
  try {
    const Xapian::Database shard = index_store::OpenForReading(db, generations.front());
    const std::string record = shard.get_metadata(metadata_keys::kAnalysis);
    if (AnalysisSettings::FromJson(record)) return std::nullopt;
    return AnalysisSettings::RecordedLanguage(record).value_or("english");
  } catch (const IndexError&) {
    return std::nullopt;  // damaged: the searcher says so, with the command to rebuild
  }
}

}  // namespace

std::string VersionString() {
  return std::string("notesearch ") + NOTESEARCH_VERSION + " (Xapian " + Xapian::version_string() + ", ICU " +
         U_ICU_VERSION + ")";
}

const CLI::Validator& WholeNumber() {
  static const CLI::Validator whole(
      [](std::string& input) -> std::string {
        if (!input.empty() && input.find_first_not_of("0123456789") == std::string::npos) return "";
        return "a whole number (0, 1, 2, ...) is wanted, not " + input;
      },
      "");
  return whole;
}

void AddDbOption(CLI::App* command, ReaderOptions& reader) {
  command
      ->add_option("--db", reader.dbs,
                   "index to search; repeat it to search shards as one: index directories, Xapian stub "
                   "files, tcp://HOST:PORT (default: $NOTESEARCH_DB, else ~/.local/share/notesearch/index)")
      ->allow_extra_args(false);
}

CLI::Option* AddVerbatimPositionals(CLI::App* command, const std::string& name, std::vector<std::string>& values,
                                    const std::string& help) {
  // Taken one at a time (not as extra args, which the splitting is for)
  // up to more than a shell passes (ARG_MAX is 2 MiB).
  return command->add_option(name, values, help)
      ->expected(1 << 20)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->option_text("TEXT ...");
}

void AddDbOption(CLI::App* command, WriterOptions& writer) {
  command->add_option("--db", writer.db,
                      "index directory (default: $NOTESEARCH_DB, else ~/.local/share/notesearch/index)");
}

int CommandBinaryMain(int argc, char** argv, const std::string& description, const std::string& name,
                      const std::function<void(CLI::App*)>& add_options, const std::function<int()>& run) {
  SetXapianFlushThreshold();  // before any thread
  CLI::App app{description, name};
  app.set_version_flag("--version", VersionString());
  add_options(&app);
  return ExitStatusOf(app, [&] {
    app.parse(argc, argv);
    return run();
  });
}

void RunSiblingBinary(const std::string& binary, const std::vector<std::string>& arguments) {
  const std::filesystem::path path = std::filesystem::read_symlink("/proc/self/exe").parent_path() / binary;
  std::vector<char*> argv = {const_cast<char*>(binary.c_str())};
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  ::execv(path.c_str(), argv.data());
  throw std::runtime_error("cannot run " + path.string() + " (" + std::strerror(errno) +
                           "); it is built and installed next to notesearch");
}

IndexOptions MakeIndexOptions(const std::filesystem::path& db, const std::string& language,
                              const std::string& gazetteer_dir) {
  IndexOptions options;
  options.database = db;
  options.gazetteer_dir = gazetteer_dir.empty() ? Gazetteer::DefaultUserDir() : std::filesystem::path(gazetteer_dir);
  options.analysis = AnalysisSettingsFor(language, options.gazetteer_dir);
  return options;
}

IndexReport RunIndexer(IndexOptions options, bool quiet) {
  ProgressBar progress(!quiet && ::isatty(STDERR_FILENO) == 1);
  options.on_progress = [&](const IndexProgress& p) { progress.Update(p); };
  options.on_diagnostic = [&](const Diagnostic& d) {
    progress.Finish();
    std::fprintf(stderr, "%s\n", d.ToString().c_str());
  };
  IndexReport report = UpdateIndex(options);
  progress.Finish();
  return report;
}

void EnsureIndex(const ReaderOptions& reader) {
  const std::vector<std::string> dbs = reader.Databases();
  const std::filesystem::path db = dbs.front();
  const bool remote = dbs.front().find("://") != std::string::npos;
  if (dbs.size() != 1 || remote) return;
  if (index_store::Exists(db)) {
    const std::optional<std::string> language = LanguageOfAnotherVersion(db);
    if (!language) return;
    std::fprintf(stderr,
                 "notesearch: the index at %s was built by another version of notesearch; re-indexing its notes "
                 "(language: %s) first\n",
                 db.string().c_str(), language->c_str());
    RunIndexer(MakeIndexOptions(db, *language, ""), /*quiet=*/false);
    return;
  }
  if (!reader.dbs.empty() || std::filesystem::exists(db)) return;
  std::fprintf(stderr, "notesearch: no index at %s yet; indexing the bundled corpus %s first\n", db.string().c_str(),
               BundledCorpus().string().c_str());
  IndexOptions options = MakeIndexOptions(db, "english", "");
  options.roots = {BundledCorpus()};
  RunIndexer(options, /*quiet=*/false);
}

Searcher& OpenForProcess(const std::vector<std::string>& databases, RankingWeights weights) {
  PrepareHeapForOneShot();
  // Held by a static so that leak checkers see it as reachable.
  static Searcher* opened = nullptr;
  opened = new Searcher(databases, std::move(weights));
  return *opened;
}

int ExitStatusOf(CLI::App& app, const std::function<int()>& command) {
  try {
    return command();
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitFound : kExitError;
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "notesearch: error: Xapian: %s\n", e.get_description().c_str());
  } catch (const std::exception& e) {  // UsageError, IndexError and anything unforeseen
    std::fprintf(stderr, "notesearch: error: %s\n", e.what());
  }
  return kExitError;
}

RankingWeights LoadWeights(const std::string& weights_file, const std::vector<std::string>& assignments) {
  RankingWeights ranking;
  if (!weights_file.empty()) {
    std::ifstream in(weights_file);
    if (!in) throw UsageError("cannot read weights file " + weights_file);
    std::stringstream text;
    text << in.rdbuf();
    ranking.LoadConfig(text.str(), weights_file);
  }
  for (const std::string& assignment : assignments) ranking.SetFromAssignment(assignment);
  return ranking;
}

}  // namespace notesearch
