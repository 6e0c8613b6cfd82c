// Inflating a gzip (or zlib) stream held in memory, never past a cap: a
// saved page is often gzipped (the benchmark's all are), and a gzip bomb
// must stop at the cap instead of filling memory.
#ifndef WINNOW_IO_GUNZIP_H_
#define WINNOW_IO_GUNZIP_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow::io {

// Inflates `compressed`, concatenated members included (`cat a.gz b.gz`).
// Fails, with `why` (no file name), on corrupt or truncated data or output
// over `max_bytes` (`out` then holds one buffer past the cap, so a caller
// can tell the cap from corruption).
bool gunzip(std::string_view compressed, size_t max_bytes, std::string* out, std::string* why);

}  // namespace winnow::io

#endif  // WINNOW_IO_GUNZIP_H_
