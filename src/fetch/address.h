// Which addresses a crawl of public sites may connect to. A public news
// site never lives on a loopback, private, link-local or unique-local
// address; a redirect or a DNS answer that leads there is someone steering
// the crawler at the machine's own network (SSRF). FetchOptions::
// allow_private_addresses switches the check off (a site on your own LAN).
#ifndef WINNOW_FETCH_ADDRESS_H_
#define WINNOW_FETCH_ADDRESS_H_

#include <sys/socket.h>

#include <string>
#include <string_view>
#include <vector>

namespace winnow::fetch {

// Ends every refusal message: the setting that refused it.
inline constexpr const char* kAddressPolicy = " (allow_private_addresses = false)";

// The kind of non-public address `host` is ("loopback", "private",
// "link-local", ...), or "" when it is public or not an address literal at
// all (a host name: its resolved address is checked when connecting). IPv6
// without brackets; IPv4-mapped and NAT64 IPv6 are judged by their IPv4.
std::string private_address_kind(std::string_view host);

// The same for an address about to be connected to.
std::string private_address_kind(const sockaddr* address);

// "ADDRESS:PORT" of a socket address ("[::1]:8080" for IPv6), for messages.
std::string address_text(const sockaddr* address);

// The connect-to targets ("HOST:PORT:CONNECT-HOST:CONNECT-PORT"), as
// address_text() writes them. The operator named them (a local mirror): a
// connection to one of them is never refused.
std::vector<std::string> connect_to_targets(const std::vector<std::string>& connect_to);

}  // namespace winnow::fetch

#endif  // WINNOW_FETCH_ADDRESS_H_
