// The address policy (src/fetch/address.h): which address literals and
// socket addresses are not the public internet, as curl's URL parser hands
// hosts over (IPv4 normalised, IPv6 without brackets).
#include <doctest/doctest.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <string>

#include "fetch/address.h"
#include "fetch/url.h"

namespace winnow::fetch {
namespace {

std::string kind_of_url(const std::string& url) {
  auto u = parse_url(url);
  REQUIRE_MESSAGE(u, url);
  return private_address_kind(u->host);
}

TEST_CASE("address: IPv4 literals that are not public") {
  CHECK(private_address_kind("127.0.0.1") == "loopback");
  CHECK(private_address_kind("127.255.1.2") == "loopback");
  CHECK(private_address_kind("0.0.0.0") == "unspecified");
  CHECK(private_address_kind("10.0.0.1") == "private");
  CHECK(private_address_kind("172.16.0.1") == "private");
  CHECK(private_address_kind("172.31.255.255") == "private");
  CHECK(private_address_kind("192.168.1.1") == "private");
  CHECK(private_address_kind("169.254.169.254") == "link-local");
  CHECK(private_address_kind("100.64.0.1") != "");
  CHECK(private_address_kind("224.0.0.1") == "multicast");
  CHECK(private_address_kind("255.255.255.255") == "reserved");
}

TEST_CASE("address: public IPv4 and host names pass") {
  for (const char* h : {"8.8.8.8", "172.15.255.255", "172.32.0.1", "192.169.0.1", "11.0.0.1", "169.255.0.1",
                        "100.128.0.1", "thoidai.com.vn", "localhost", "10.0.0.1.example", ""})
    CHECK_MESSAGE(private_address_kind(h) == "", h);
}

TEST_CASE("address: IPv6 literals, with or without brackets, mapped and NAT64 IPv4 too") {
  CHECK(private_address_kind("::1") == "loopback");
  CHECK(private_address_kind("[::1]") == "loopback");
  CHECK(private_address_kind("::") == "unspecified");
  CHECK(private_address_kind("fc00::1") == "unique-local");
  CHECK(private_address_kind("fd12:3456::1") == "unique-local");
  CHECK(private_address_kind("fe80::1") == "link-local");
  CHECK(private_address_kind("fe80::1%eth0") == "link-local");
  CHECK(private_address_kind("ff02::1") == "multicast");
  CHECK(private_address_kind("::ffff:127.0.0.1") == "loopback");
  CHECK(private_address_kind("::ffff:10.1.2.3") == "private");
  CHECK(private_address_kind("64:ff9b::a9fe:a9fe") == "link-local");
  CHECK(private_address_kind("2001:db8::1") == "");
  CHECK(private_address_kind("2606:4700::1111") == "");
  CHECK(private_address_kind("::ffff:8.8.8.8") == "");
}

TEST_CASE("address: every spelling curl accepts comes out as the address it is") {
  CHECK(kind_of_url("http://2130706433/") == "loopback");
  CHECK(kind_of_url("http://127.1/") == "loopback");
  CHECK(kind_of_url("http://0x7f.0.0.1/") == "loopback");
  CHECK(kind_of_url("http://017700000001/") == "loopback");
  CHECK(kind_of_url("http://0/") == "unspecified");
  CHECK(kind_of_url("http://[0:0:0:0:0:ffff:7f00:1]:8080/x") == "loopback");
  CHECK(kind_of_url("http://[::1%25eth0]/") == "loopback");
  CHECK(kind_of_url("http://baoquocte.vn/") == "");
}

TEST_CASE("address: socket addresses, and the connect-to targets exempt") {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(8080);
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  const auto* sa = reinterpret_cast<const sockaddr*>(&a);
  CHECK(private_address_kind(sa) == "loopback");
  CHECK(address_text(sa) == "127.0.0.1:8080");
  sockaddr_in6 b{};
  b.sin6_family = AF_INET6;
  b.sin6_port = htons(80);
  inet_pton(AF_INET6, "fd00::5", &b.sin6_addr);
  CHECK(private_address_kind(reinterpret_cast<const sockaddr*>(&b)) == "unique-local");
  CHECK(address_text(reinterpret_cast<const sockaddr*>(&b)) == "[fd00::5]:80");
  auto t = connect_to_targets({"thoidai.com.vn:80:127.0.0.1:8080", "a.vn:80:[::1]:81", "b.vn:80:mirror.lan:82",
                               "broken"});
  REQUIRE(t.size() == 2);
  CHECK(t[0] == "127.0.0.1:8080");
  CHECK(t[1] == "[::1]:81");
}

}  // namespace
}  // namespace winnow::fetch
