#include "indexer/geonames_cities.h"

#include <geonames.h>
#include <gtest/gtest.h>

#include <string>

namespace notesearch {
namespace {

std::string OrEmpty(const char* s) { return s != nullptr ? s : ""; }

// The build exports libgeonames' cities (indexer/export_geonames.cc); the
// table compiled into the indexer is the library's list, city by city and
// byte for byte (names such as "Imārat Umm al Qaywayn" are UTF-8).
TEST(GeoNamesCitiesTest, AreTheCitiesOfLibgeonamesInItsOrder) {
  const gint count = geonames_get_n_cities();
  ASSERT_GT(count, 20000);
  ASSERT_EQ(GeoNamesCityCount(), static_cast<std::size_t>(count));
  int differences = 0;
  for (gint i = 0; i < count && differences < 5; ++i) {
    GeonamesCity* city = geonames_get_city(i);
    const GeoNamesCity exported = GeoNamesCityAt(static_cast<std::size_t>(i));
    const bool same = exported.name == OrEmpty(geonames_city_get_name(city)) &&
                      exported.state == OrEmpty(geonames_city_get_state(city)) &&
                      exported.country == OrEmpty(geonames_city_get_country(city)) &&
                      exported.population == geonames_city_get_population(city);
    EXPECT_TRUE(same) << "city " << i << ": exported " << exported.name << " / " << exported.state << " / "
                      << exported.country << " / " << exported.population << ", libgeonames "
                      << OrEmpty(geonames_city_get_name(city)) << " / " << OrEmpty(geonames_city_get_state(city))
                      << " / " << OrEmpty(geonames_city_get_country(city)) << " / "
                      << geonames_city_get_population(city);
    differences += same ? 0 : 1;
    geonames_city_free(city);
  }
}

}  // namespace
}  // namespace notesearch
