// A gzip member of some bytes, made in memory with zlib: the compressed
// pages, feeds and sitemaps the tests read.
#ifndef WINNOW_TESTS_GZIP_TEST_UTIL_H_
#define WINNOW_TESTS_GZIP_TEST_UTIL_H_

#include <zlib.h>

#include <string>

inline std::string gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // +16: a gzip header
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

#endif  // WINNOW_TESTS_GZIP_TEST_UTIL_H_
