#include "indexer/geonames_cities.h"

#include <iterator>

namespace notesearch {

namespace {

// A city as offsets into kGeoNamesStrings, whose strings end with NUL:
// offsets rather than pointers, so that loading the program relocates
// nothing (searches link the indexer too).
struct GeoNamesRow {
  std::uint32_t name, state, country, population;
};

// Defines kGeoNamesStrings, kGeoNamesRows and kGeoNamesFingerprint;
// written by notesearch-export-geonames in the build directory.
#include "indexer/geonames_cities.inc"

std::string_view StringAt(std::uint32_t offset) { return std::string_view(kGeoNamesStrings + offset); }

}  // namespace

std::size_t GeoNamesCityCount() { return std::size(kGeoNamesRows); }

GeoNamesCity GeoNamesCityAt(std::size_t index) {
  const GeoNamesRow& row = kGeoNamesRows[index];
  return {StringAt(row.name), StringAt(row.state), StringAt(row.country), row.population};
}

std::string_view GeoNamesFingerprint() { return kGeoNamesFingerprint; }

}  // namespace notesearch
