#include "cli/terminal.h"

#include <unistd.h>

#include <cstdlib>
#include <ctime>

#include "cli/paths.h"
#include "core/fields.h"

namespace notesearch {
namespace {

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kPathColor = "\x1b[35m";    // magenta, as ripgrep
constexpr const char* kLineColor = "\x1b[32m";    // green
constexpr const char* kMatchColor = "\x1b[1;31m";  // bold red
constexpr const char* kDim = "\x1b[2m";

constexpr std::size_t kBreadcrumbItemChars = 48;
constexpr std::size_t kBreadcrumbItems = 4;

// Cuts `text` to at most `max` code points, ending with an ellipsis.
std::string Truncate(const std::string& text, std::size_t max) {
  std::size_t code_points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++code_points > max) return text.substr(0, i) + "…";
  }
  return text;
}

// Copied digit by digit: inserting the commas in place made GCC 12 warn
// of an overlapping memcpy (-Wrestrict) that cannot happen.
std::string WithThousands(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// "1 bullet", "2 bullets", "1,000 bullets".
std::string Counted(std::uint64_t n, std::string_view one, std::string_view many) {
  return WithThousands(n) + " " + std::string(n == 1 ? one : many);
}

std::string Breadcrumb(const Block& block) {
  const std::vector<ContextLine> context = block.Context();
  std::string out;
  const std::size_t first = context.size() > kBreadcrumbItems ? context.size() - kBreadcrumbItems : 0;
  if (first > 0) out = "… › ";
  for (std::size_t i = first; i < context.size(); ++i) {
    if (i > first) out += " › ";
    out += Truncate(context[i].text, kBreadcrumbItemChars);
  }
  return out;
}

}  // namespace

bool UseColor(ColorMode mode, std::FILE* stream) {
  if (mode != ColorMode::kAuto) return mode == ColorMode::kAlways;
  if (const char* no_color = std::getenv("NO_COLOR"); no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  return ::isatty(::fileno(stream)) == 1 && (term == nullptr || std::string(term) != "dumb");
}

std::string FormatHit(const Hit& hit, bool color) {
  const Block& block = hit.stored.block;
  std::string out;
  const std::string path = DisplayPath(hit.stored.file).string();
  const std::string line = std::to_string(block.line);
  // Long bullets show the snippet around their matches.
  const std::string& text = hit.snippet ? hit.snippet->text : block.text;
  const std::vector<Span>& spans = hit.snippet ? hit.snippet->highlights : hit.highlights;
  if (color) {
    out += std::string(kPathColor) + path + kReset + ":" + kLineColor + line + kReset + ": ";
    std::size_t at = 0;
    for (const auto& [begin, end] : spans) {
      out += text.substr(at, begin - at);
      out += std::string(kMatchColor) + text.substr(begin, end - begin) + kReset;
      at = end;
    }
    out += text.substr(at);
  } else {
    out += path + ":" + line + ": " + text;
  }
  out += "\n";
  std::string crumb = Breadcrumb(block);
  if (!hit.also.empty()) {
    crumb += std::string(crumb.empty() ? "" : "  ") + "(and " + std::to_string(hit.also.size()) + " more with the same text)";
  }
  if (!crumb.empty()) out += "    " + (color ? std::string(kDim) + crumb + kReset : crumb) + "\n";
  return out;
}

std::string FormatSearchSummary(const SearchResponse& response) {
  std::string out = Counted(response.total, "result", "results");
  if (!response.hits.empty() && (response.offset > 0 || response.hits.size() < response.total)) {
    out += " (showing " + std::to_string(response.offset + 1) + "-" +
           std::to_string(response.offset + response.hits.size()) + ")";
  } else if (response.hits.empty() && response.offset > 0 && response.total > 0) {
    out += " (none from " + std::to_string(response.offset + 1) + " on)";
  }
  return out + "\n";
}

std::string FormatFacets(const std::vector<Facet>& facets) {
  std::string out;
  for (const Facet& facet : facets) {
    out += facet.field + ":";
    if (facet.values.empty()) out += " (none)";
    for (std::size_t i = 0; i < facet.values.size(); ++i) {
      out += (i == 0 ? " " : ", ") + facet.values[i].value + " (" + WithThousands(facet.values[i].count) + ")";
    }
    out += "\n";
  }
  return out;
}

namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

void AppendEntities(std::string_view label, const std::vector<std::string>& own,
                    const std::vector<std::string>& inherited, std::string& out) {
  if (own.empty() && inherited.empty()) return;
  out += "  " + std::string(label) + ": " + JoinNames(own);
  if (!inherited.empty()) out += std::string(own.empty() ? "" : "; ") + "inherited: " + JoinNames(inherited);
  out += "\n";
}

}  // namespace

std::string FormatBlockView(const BlockView& view, bool color) {
  std::string out = FormatHit(Hit{view.stored, 0, {}}, color);
  const Block& block = view.stored.block;
  for (const Field* field : NamedValueFields()) {
    AppendEntities(field->names_key, block.entities.*field->names, block.inherited.*field->names, out);
  }
  for (const StoredBlock& child : view.children) {
    out += "  " + std::to_string(child.block.line) + ": " + child.block.text + "\n";
  }
  return out;
}

std::string FormatIndexReport(const IndexReport& report) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f s", report.seconds);
  std::string out = "Indexed " + WithThousands(report.files_indexed) + " of " +
                    Counted(report.files_found, "file", "files") + ": " + Counted(report.bullets, "bullet", "bullets") +
                    ", " + Counted(report.paragraphs, "paragraph", "paragraphs") + ", " +
                    Counted(report.headings, "heading", "headings") + " in " + seconds;
  out += "; " + WithThousands(report.files_unchanged) + " unchanged, " + WithThousands(report.files_removed) +
         " removed";
  if (!report.renamed.empty()) out += ", " + WithThousands(report.renamed.size()) + " renamed";
  if (report.files_skipped > 0) out += ", " + WithThousands(report.files_skipped) + " skipped";
  out += "\n";
  for (const auto& [from, to] : report.renamed) {
    out += "Renamed " + DisplayPath(from).string() + " -> " + DisplayPath(to).string() + "\n";
  }
  if (report.skipped_bullets.total() > 0) {
    out += "Skipped " + Counted(report.skipped_bullets.total(), "placeholder bullet", "placeholder bullets") + ": " +
           WithThousands(report.skipped_bullets.empty_bullets) + " empty, " +
           WithThousands(report.skipped_bullets.wordless_bullets) + " without words\n";
  }
  if (report.blocks_kept + report.blocks_moved > 0) {
    out += "Left " + Counted(report.blocks_kept, "block of the changed files as it was",
                             "blocks of the changed files as they were");
    if (report.blocks_moved > 0) {
      out += ", moved " + Counted(report.blocks_moved, "to its new line", "to their new lines");
    }
    out += "; rewrote " + WithThousands(report.blocks_rewritten) + "\n";
  }
  if (report.rebuilt) out += "Rebuilt the index: " + report.rebuild_reason + "\n";
  if (report.merged_shards > 0) {
    out += "Written by " + std::to_string(report.merged_shards) + " writers in parallel and merged into one database\n";
  }
  return out;
}

std::string FormatStats(const IndexStats& stats) {
  char when[64] = "never";
  if (stats.last_indexed > 0) {
    const std::time_t t = stats.last_indexed;
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S %z", std::localtime(&t));
  }
  char size[32];
  std::snprintf(size, sizeof size, "%.1f MiB", static_cast<double>(stats.disk_bytes) / (1024.0 * 1024.0));
  std::string out;
  for (const std::string& db : stats.databases) out += "index:        " + db + "\n";
  for (const std::string& root : stats.roots) out += "root:         " + root + "\n";
  out += "files:        " + WithThousands(stats.files) + "\n";
  out += "bullets:      " + WithThousands(stats.bullets) + "\n";
  out += "paragraphs:   " + WithThousands(stats.paragraphs) + "\n";
  out += "headings:     " + WithThousands(stats.headings) + "\n";
  out += "skipped:      " + WithThousands(stats.skipped_empty + stats.skipped_wordless) + " placeholder bullets (" +
         WithThousands(stats.skipped_empty) + " empty, " + WithThousands(stats.skipped_wordless) +
         " without words)\n";
  out += "terms:        " + WithThousands(stats.terms) + "\n";
  out += "size:         " + std::string(size) + "\n";
  out += "language:     " + stats.language + "\n";
  out += "last indexed: " + std::string(when) + "\n";
  return out;
}

void ProgressBar::Update(const IndexProgress& progress) {
  if (!enabled_ || progress.files_total == 0) return;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(kWidth * progress.files_done / progress.files_total);
  std::fprintf(stderr, "\r[%s%s] %zu/%zu files, %s blocks", std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(kWidth - filled), ' ').c_str(), progress.files_done,
               progress.files_total, WithThousands(progress.blocks).c_str());
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (drawn_) std::fprintf(stderr, "\r\x1b[2K");
  drawn_ = false;
}

}  // namespace notesearch
