#include "indexer/page_links.h"

#include <utility>

#include "analysis/analyzer.h"
#include "core/text.h"
#include "indexer/labels.h"
#include "indexer/properties.h"

namespace notesearch {

std::vector<std::string> PageLinksIn(std::string_view text) {
  std::vector<std::string> pages;
  for (std::size_t open = text.find("[["); open != std::string_view::npos && pages.size() < kMaxPagesPerBlock;
       open = text.find("[[", open + 2)) {
    const std::size_t close = text.find("]]", open + 2);
    if (close == std::string_view::npos) break;
    const std::string_view inside = text.substr(open + 2, close - (open + 2));
    // Logseq nests links in a page name ([[a [[b]]]]): the innermost one
    // is a link of its own, read when the search reaches it.
    if (inside.find("[[") != std::string_view::npos) continue;
    // Measured once normalised: NFKC makes some characters 18 times longer.
    std::string page = Analyzer::Normalize(PageLinkTarget(inside));
    if (!page.empty() && page.size() <= kMaxPageNameBytes) AddLabelOnce(pages, std::move(page));
    open = close;
  }
  return pages;
}

void AssignPageLinks(ParsedOutline& outline) {
  std::vector<std::vector<std::string>> own;
  own.reserve(outline.blocks.size());
  for (std::size_t i = 0; i < outline.blocks.size(); ++i) own.push_back(PageLinksIn(outline.LabelText(i)));
  // `alias:: [[PA]]` names the page itself: not a link the file makes.
  if (outline.file_properties) {
    std::vector<std::string>& links = own[*outline.file_properties];
    for (const std::string_view alias : PropertyValues(outline.LabelText(*outline.file_properties), "alias")) {
      std::erase(links, Analyzer::Normalize(PageLinkTarget(alias)));
    }
  }
  AssignLabels(outline, std::move(own), {}, &EntityNames::pages);
}

std::vector<std::string> PageNamesOf(const std::filesystem::path& path, const ParsedOutline& outline) {
  std::vector<std::string_view> aliases(outline.aliases.begin(), outline.aliases.end());
  std::vector<std::string_view> titles;
  if (outline.file_properties) {
    const std::string_view properties = outline.LabelText(*outline.file_properties);
    for (const std::string_view alias : PropertyValues(properties, "alias")) aliases.push_back(alias);
    titles = PropertyValues(properties, "title");
  }
  if (aliases.empty()) return {};
  std::string name;
  if (!outline.title.empty()) {
    name = outline.title;
  } else if (!titles.empty()) {
    name = titles.front();
  } else {
    // Logseq writes a namespace's '/' in a file name as "___" (or "%2F").
    const std::string stem = path.stem().string();
    for (std::size_t i = 0; i < stem.size();) {
      const std::string_view next = std::string_view(stem).substr(i, 3);
      const bool slash = next == "___" || EqualsIgnoreAsciiCase(next, "%2F");
      name += slash ? '/' : stem[i];
      i += slash ? 3 : 1;
    }
  }
  std::vector<std::string> names;
  auto add = [&](std::string_view written) {
    std::string page = Analyzer::Normalize(PageLinkTarget(written));
    if (!page.empty() && page.size() <= kMaxPageNameBytes && names.size() < kMaxNamesPerPage) {
      AddLabelOnce(names, std::move(page));
    }
  };
  add(name);
  for (const std::string_view alias : aliases) add(alias);
  if (names.size() < 2) return {};
  return names;
}

}  // namespace notesearch
