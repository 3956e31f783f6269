// Words too common to search for on their own: a query's unquoted "in",
// "the" or "for" would otherwise count as a matched word in almost every
// bullet and decide the ranking (`remote jobs in europe` put a long bullet
// saying "job" and "in" first). They stay in the index, for phrases.
// Thread-safety: immutable static data.
#ifndef NOTESEARCH_ANALYSIS_COMMON_WORDS_H_
#define NOTESEARCH_ANALYSIS_COMMON_WORDS_H_

#include <string_view>

namespace notesearch {

// Whether `term` (normalised, as Analyzer makes terms) is a common word of
// `language` (a Snowball name, as AnalysisSettings holds it). English has
// Lucene's default list of 33 (EnglishAnalyzer) and eight question words;
// other languages none yet.
bool IsCommonWord(std::string_view language, std::string_view term);

}  // namespace notesearch

#endif  // NOTESEARCH_ANALYSIS_COMMON_WORDS_H_
