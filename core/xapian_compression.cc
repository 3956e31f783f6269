// Xapian stores its term lists and spelling data uncompressed in the
// binaries that link this file (the OBJECT library
// notesearch_xapian_compression: notesearch, notesearch-index,
// notesearch-serve and the tests).
//
// Why: Xapian 1.4 runs zlib over every document's term list as it is
// added (raw deflate, level 6, a 64 Ki-entry hash table cleared for each
// one) and has no setting to turn that off. A bullet's term list is a few
// hundred bytes that deflate saves little on (the index of one copy of the
// notes is 16.8 MB compressed and 17.9 MB not), and it was a quarter of
// the writer's time, which is an index run's critical path: one copy 0.72
// -> 0.56 s, ten 4.33 -> 3.77 s (README "Layout").
//
// How: this file defines zlib's deflateInit2_, which the dynamic linker
// then binds Xapian's calls to (an executable's symbols come first), and
// asks zlib for level 0 and a small hash table for raw deflate streams,
// the kind Xapian uses. Level 0 makes a stream no shorter than its input,
// so Xapian keeps each entry as it is; its format marks each entry
// compressed or not, so every Xapian reads such an index, and entries
// compressed elsewhere (an index written by another program, then merged)
// are read as before. Streams with a zlib or gzip header (HTTP responses)
// are left as asked.
#include <dlfcn.h>
#include <zlib.h>

extern "C" int deflateInit2_(z_streamp stream, int level, int method, int window_bits, int mem_level, int strategy,
                             const char* version, int stream_size) {
  using Init = int (*)(z_streamp, int, int, int, int, int, const char*, int);
  static const Init zlib_init = reinterpret_cast<Init>(dlsym(RTLD_NEXT, "deflateInit2_"));
  if (zlib_init == nullptr) return Z_VERSION_ERROR;  // no zlib loaded after this binary
  // A negative window size asks for raw deflate, without header.
  if (window_bits < 0) {
    level = Z_NO_COMPRESSION;
    mem_level = 1;  // the hash table goes unused at level 0
  }
  return zlib_init(stream, level, method, window_bits, mem_level, strategy, version, stream_size);
}
