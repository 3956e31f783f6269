// Decides which tools, companies and places each block of a file is about:
// those its own text names, and those it inherits from its ancestors, the
// paragraph introducing its list, its headings and its posting.
//
// A posting is a group of sibling bullets under one parent (often a bare
// "+ skill set:") where one sibling names the employer — "At Apple, ...",
// "Apple 3DML team is looking for ...", "Senior Software Engineer · ASML ·
// United States", "ASML is an innovation leader" — or the place — a line
// that is only places ("Santa Clara Valley (Cupertino), California, United
// States"), a "·" header, "based in X". Every sibling and its descendants
// inherit them.
// Thread-safety: pure function.
#ifndef NOTESEARCH_INDEXER_ENTITY_ASSIGNER_H_
#define NOTESEARCH_INDEXER_ENTITY_ASSIGNER_H_

#include <vector>

#include "core/block.h"
#include "indexer/entity_extractor.h"
#include "indexer/outline_parser.h"

namespace notesearch {

// Where a block's places (its own and inherited) lie: for location queries
// and facets that roll up (location:California finds Cupertino).
struct PlaceRollup {
  std::vector<std::string> containing;  // states, countries, regions containing them
  std::vector<std::string> countries;
};

// `mentions[i]` are the mentions in outline.blocks[i].text. Fills each
// block's `entities` and `inherited`; returns the roll-up of each block.
std::vector<PlaceRollup> AssignEntities(const Gazetteer& gazetteer,
                                        const std::vector<std::vector<EntityMention>>& mentions,
                                        ParsedOutline& outline);

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_ENTITY_ASSIGNER_H_
