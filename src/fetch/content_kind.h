// Is a fetched body an HTML page at all? An article URL that serves a PDF,
// an image or an archive must fail with a reason, not be cleaned into an
// "article" of U+FFFD. Decided by the Content-Type and by the first bytes,
// whatever the type says (servers mislabel files as text/html).
#ifndef WINNOW_FETCH_CONTENT_KIND_H_
#define WINNOW_FETCH_CONTENT_KIND_H_

#include <optional>
#include <string>
#include <string_view>

namespace winnow::fetch {

// Why `body`, served with `content_type` (the whole header value, may be
// empty), is not an HTML page; nullopt when it may be one. One line:
//
//   "not an HTML page: application/pdf"                  (the type says so)
//   "not an HTML page: JPEG image (sniffed; served as text/html)"
//   "not an HTML page: binary data, 37 NUL bytes in the first 1 KiB
//    (sniffed; served without a Content-Type)"
//
// By type: image/*, audio/*, video/*, font/*, model/*, application/pdf,
// archives (zip, gzip, 7z, rar, bzip2, xz, tar...), executables, office
// documents. Every other type (text/html, application/xhtml+xml,
// text/plain, application/octet-stream, none...) is decided by the bytes:
// a file signature at the start (%PDF-, PK\3\4, \xFF\xD8\xFF, \x89PNG,
// GIF8, RIFF....WEBP, \x1F\x8B, 7z, Rar!, BZh, OggS, ID3, ....ftyp, \0asm,
// MZ...PE, \x7FELF...), or more than 4 NUL bytes in the first 1 KiB, unless
// a UTF-16 byte-order mark or a declared UTF-16 charset says the page is
// UTF-16. HTML in any encoding the decoder reads is never flagged.
std::optional<std::string> not_html(std::string_view content_type, std::string_view body);

}  // namespace winnow::fetch

#endif  // WINNOW_FETCH_CONTENT_KIND_H_
