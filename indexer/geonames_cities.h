// The cities of Debian's libgeonames, exported when notesearch is built
// (indexer/export_geonames.cc) and compiled into the indexer. The library
// decodes a city's record for every field asked: reading its 24,000 cities
// cost each index run about 95 ms of CPU; the exported table is read in
// place, and no command loads libgeonames or GLib.
// Thread-safety: read-only static data; safe from any thread.
#ifndef NOTESEARCH_INDEXER_GEONAMES_CITIES_H_
#define NOTESEARCH_INDEXER_GEONAMES_CITIES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace notesearch {

// One city as libgeonames gives it (English names; empty when it has none).
// The views point into static data.
struct GeoNamesCity {
  std::string_view name;
  std::string_view state;
  std::string_view country;
  std::uint32_t population = 0;
};

// In libgeonames' order (by country code, Andorra to Zimbabwe).
std::size_t GeoNamesCityCount();
GeoNamesCity GeoNamesCityAt(std::size_t index);  // index < GeoNamesCityCount()
// Changes whenever the exported cities do (a rebuild after libgeonames
// changed): recorded in the index, so that new cities trigger a rebuild.
std::string_view GeoNamesFingerprint();

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_GEONAMES_CITIES_H_
