#include "fetch/address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstdint>
#include <cstring>

namespace winnow::fetch {
namespace {

// An IPv4 address in host order, by the ranges of RFC 6890 that are not
// the public internet.
std::string kind_v4(uint32_t a) {
  auto in = [a](uint32_t net, int bits) { return (a >> (32 - bits)) == (net >> (32 - bits)); };
  if (in(0x7f000000, 8)) return "loopback";                    // 127/8
  if (in(0x00000000, 8)) return "unspecified";                 // 0/8, 0.0.0.0 reaches this host
  if (in(0x0a000000, 8) || in(0xac100000, 12) || in(0xc0a80000, 16)) return "private";  // RFC 1918
  if (in(0xa9fe0000, 16)) return "link-local";                 // 169.254/16 (cloud metadata)
  if (in(0x64400000, 10)) return "shared (carrier-grade NAT)";  // 100.64/10
  if (in(0xe0000000, 4)) return "multicast";                   // 224/4
  if (in(0xf0000000, 4)) return "reserved";                    // 240/4, broadcast included
  return "";
}

std::string kind_v6(const unsigned char b[16]) {
  static const unsigned char zero[16] = {0};
  static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  auto v4 = [b] { return (uint32_t{b[12]} << 24) | (uint32_t{b[13]} << 16) | (uint32_t{b[14]} << 8) | b[15]; };
  if (std::memcmp(b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1)) return b[15] ? "loopback" : "unspecified";
  if (std::memcmp(b, mapped, 12) == 0 || std::memcmp(b, nat64, 12) == 0) return kind_v4(v4());
  if ((b[0] & 0xfe) == 0xfc) return "unique-local";                      // fc00::/7
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return "link-local";         // fe80::/10
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return "site-local";         // fec0::/10
  if (b[0] == 0xff) return "multicast";                                   // ff00::/8
  return "";
}

}  // namespace

std::string private_address_kind(std::string_view host) {
  std::string h(host);
  if (h.size() > 1 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (size_t zone = h.find('%'); zone != std::string::npos) h.resize(zone);  // fe80::1%eth0
  in_addr v4{};
  if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return kind_v4(ntohl(v4.s_addr));
  in6_addr v6{};
  if (inet_pton(AF_INET6, h.c_str(), &v6) == 1) return kind_v6(v6.s6_addr);
  return "";
}

std::string private_address_kind(const sockaddr* address) {
  if (address->sa_family == AF_INET)
    return kind_v4(ntohl(reinterpret_cast<const sockaddr_in*>(address)->sin_addr.s_addr));
  if (address->sa_family == AF_INET6)
    return kind_v6(reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr.s6_addr);
  return "not an internet address";
}

std::string address_text(const sockaddr* address) {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (address->sa_family == AF_INET) {
    auto* a = reinterpret_cast<const sockaddr_in*>(address);
    inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
    return std::string(buf) + ":" + std::to_string(ntohs(a->sin_port));
  }
  if (address->sa_family == AF_INET6) {
    auto* a = reinterpret_cast<const sockaddr_in6*>(address);
    inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
    return "[" + std::string(buf) + "]:" + std::to_string(ntohs(a->sin6_port));
  }
  return "?";
}

std::vector<std::string> connect_to_targets(const std::vector<std::string>& connect_to) {
  std::vector<std::string> out;
  for (const std::string& entry : connect_to) {
    // HOST:PORT:CONNECT-HOST:CONNECT-PORT; CONNECT-HOST may be [IPv6].
    size_t first = entry.find(':');
    size_t second = first == std::string::npos ? first : entry.find(':', first + 1);
    size_t last = entry.rfind(':');
    if (second == std::string::npos || last <= second) continue;
    std::string host = entry.substr(second + 1, last - second - 1);
    std::string port = entry.substr(last + 1);
    if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
    sockaddr_storage ss{};
    if (inet_pton(AF_INET, host.c_str(), &reinterpret_cast<sockaddr_in*>(&ss)->sin_addr) == 1) {
      ss.ss_family = AF_INET;
      reinterpret_cast<sockaddr_in*>(&ss)->sin_port = htons(static_cast<uint16_t>(std::atoi(port.c_str())));
    } else if (inet_pton(AF_INET6, host.c_str(), &reinterpret_cast<sockaddr_in6*>(&ss)->sin6_addr) == 1) {
      ss.ss_family = AF_INET6;
      reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port = htons(static_cast<uint16_t>(std::atoi(port.c_str())));
    } else {
      continue;  // a host name: its address is not known here, so not exempt
    }
    out.push_back(address_text(reinterpret_cast<const sockaddr*>(&ss)));
  }
  return out;
}

}  // namespace winnow::fetch
