// Snowball stemming through Xapian, wrapped so that protected technical terms
// (pandas, Jenkins, Kubernetes, ...) are never stemmed: "pandas" must not
// become "panda", nor "kubernetes" "kubernet".
//
// The protected list of a language is the embedded file
// stemmers/protected/<language>.txt plus any words the caller adds (the tool
// gazetteer adds every tool name).
// Thread-safety: Xapian::Stem objects are reference-counted handles; the
// implementation is immutable after construction, so one stemmer may be used
// from several threads through copies of the handle.
#ifndef NOTESEARCH_STEMMERS_PROTECTED_STEMMER_H_
#define NOTESEARCH_STEMMERS_PROTECTED_STEMMER_H_

#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

namespace notesearch {

class ProtectedStemmer : public Xapian::StemImplementation {
 public:
  // `language` is any Snowball language Xapian knows ("english", "german",
  // ...); throws Xapian::InvalidArgumentError for an unknown one.
  ProtectedStemmer(const std::string& language, std::unordered_set<std::string> protected_words);

  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

  bool IsProtected(const std::string& word) const { return protected_.contains(word); }

 private:
  Xapian::Stem snowball_;
  std::string language_;
  std::unordered_set<std::string> protected_;
};

// The stemmer for `language` with its embedded protected list plus `extra`
// (already normalised words). "none" gives a stemmer that stems nothing.
Xapian::Stem MakeStemmer(const std::string& language, const std::vector<std::string>& extra = {});

// Languages with a Snowball stemmer, for --help and validation.
std::string StemmerLanguages();

}  // namespace notesearch

#endif  // NOTESEARCH_STEMMERS_PROTECTED_STEMMER_H_
