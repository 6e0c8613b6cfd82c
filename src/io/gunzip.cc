#include "io/gunzip.h"

#include <zlib.h>

#include "io/read.h"

namespace winnow::io {

bool gunzip(std::string_view compressed, size_t max_bytes, std::string* out, std::string* why) {
  out->clear();
  z_stream zs{};
  // 15 + 32: a window of 32 KB and the header detected, gzip or zlib.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) {
    *why = "zlib: cannot start inflating";
    return false;
  }
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(compressed.size());  // pages are far below 4 GB
  char buf[1 << 16];
  int rc = Z_OK;
  bool ok = true;
  while (ok) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      *why = rc == Z_BUF_ERROR ? std::string("truncated gzip data")
                               : std::string("corrupt gzip data") + (zs.msg ? std::string(": ") + zs.msg : "");
      ok = false;
      break;
    }
    out->append(buf, sizeof buf - zs.avail_out);
    if (out->size() > max_bytes) {
      *why = "inflates to more than " + io::size_text(max_bytes);
      ok = false;
    } else if (rc == Z_STREAM_END) {
      // gzip allows members one after another (`cat a.gz b.gz`); what is
      // not another member is trailing junk, ignored as gzip(1) does.
      if (zs.avail_in < 2 || zs.next_in[0] != 0x1f || zs.next_in[1] != 0x8b) break;
      inflateReset(&zs);
    }
  }
  inflateEnd(&zs);
  return ok;
}

}  // namespace winnow::io
