#include "indexer/page_links.h"

#include <utility>

#include "analysis/analyzer.h"
#include "core/text.h"
#include "indexer/labels.h"

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
  AssignLabels(outline, std::move(own), {}, &EntityNames::pages);
}

}  // namespace notesearch
