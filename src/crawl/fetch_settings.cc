#include "crawl/fetch_settings.h"

namespace winnow::crawl {

void apply_fetch_settings(const FetchSettings& s, fetch::FetchOptions* o) {
  if (s.user_agent) o->user_agent = *s.user_agent;
  if (s.concurrency) o->max_connections = *s.concurrency;
  if (s.per_host) o->max_per_host = *s.per_host;
  if (s.delay_ms) o->per_host_delay = fetch::Millis(*s.delay_ms);
  if (s.timeout_s) o->total_timeout = fetch::Millis(*s.timeout_s * 1000);
  if (s.retries) o->max_retries = *s.retries;
  if (s.max_bytes) o->max_body_bytes = *s.max_bytes;
  if (s.obey_robots) o->obey_robots = *s.obey_robots;
  if (s.allow_private_addresses) o->allow_private_addresses = *s.allow_private_addresses;
  if (!s.connect_to.empty()) o->connect_to = s.connect_to;
}

}  // namespace winnow::crawl
