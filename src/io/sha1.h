// SHA-1 (FIPS 180-4), for the digests a WARC record carries: Common Crawl
// and every WARC tool write "sha1:" and the digest in base32, so readers
// check them against SHA-1. It is no security here (WARC digests find
// corruption and duplicate payloads), and none of the Debian libraries
// winnow links offers it, so it is these hundred lines rather than a new
// dependency.
#ifndef WINNOW_IO_SHA1_H_
#define WINNOW_IO_SHA1_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace winnow::io {

class Sha1 {
 public:
  Sha1();
  void update(std::string_view bytes);
  // The 20-byte digest; the object is spent afterwards.
  std::array<uint8_t, 20> finish();

 private:
  void block(const uint8_t* p);

  uint32_t h_[5];
  uint8_t buf_[64];
  size_t used_ = 0;      // bytes in buf_
  uint64_t length_ = 0;  // bytes hashed
};

// RFC 4648 base32 (upper case, '=' padded): 20 bytes give 32 characters.
std::string base32(const uint8_t* bytes, size_t n);

// "sha1:" and the base32 SHA-1 of `bytes`: a WARC-Block-Digest or
// WARC-Payload-Digest as Common Crawl writes them.
std::string warc_sha1(std::string_view bytes);

}  // namespace winnow::io

#endif  // WINNOW_IO_SHA1_H_
