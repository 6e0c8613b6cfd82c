#include "crawl/article.h"

#include <ctime>
#include <new>
#include <nlohmann/json.hpp>

#include "base/date.h"
#include "crawl/url_key.h"
#include "fetch/content_kind.h"
#include "fetch/url.h"
#include "html/charset.h"
#include "output/files.h"
#include "winnow/internal.h"
#include "winnow/json.h"

namespace winnow::crawl {
namespace {

using What = ArticleOutcome::What;

std::string iso_now() {
  char buf[32];
  time_t t = time(nullptr);
  struct tm tm {};
  gmtime_r(&t, &tm);
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// `duplicate_of` empty: the line of an article written to t.path; else the
// line that records a duplicate, with no file.
std::string manifest_line(const ArticleContext& ctx, const ArticleTask& t, const Article& art,
                          const std::string& hash, bool is_new, const std::string& duplicate_of = {}) {
  using json = nlohmann::ordered_json;
  json m;
  m["url"] = t.row.url;
  m["site"] = ctx.job.sites[t.site].name;
  m["path"] = duplicate_of.empty() ? json(t.path) : json(nullptr);
  m["title"] = art.title ? nlohmann::ordered_json(*art.title) : nlohmann::ordered_json(nullptr);
  m["published"] = art.published ? nlohmann::ordered_json(*art.published) : nlohmann::ordered_json(nullptr);
  // A reader of the manifest alone can tell a corrected article from a new
  // one without opening the file: the page's own "modified", as its JSON has it.
  m["modified"] = art.modified ? nlohmann::ordered_json(*art.modified) : nlohmann::ordered_json(nullptr);
  m["hash"] = hash;
  m["status"] = !duplicate_of.empty() ? "duplicate" : is_new ? "new" : "updated";
  if (!duplicate_of.empty()) m["duplicate_of"] = duplicate_of;
  // Which extractor cleaned it: a site's rule file, a platform's base
  // chosen by its markers, or the generic extractor (no rules, or drift).
  m["extractor"] = art.extractor;
  m["rules"] = art.rules_path.empty() ? json(nullptr) : json(art.rules_path);
  m["fetched"] = iso_now();
  std::string line = m.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  escape_line_separators(&line);  // a JSON Lines reader may split at U+2028/U+2029
  return line;
}

// The page's own URL for itself (link[rel=canonical], else og:url), as the
// crawl keys URLs (crawl/url_key.h); none if it declares none.
std::optional<std::string> declared_url(const Document& doc, const std::string& page_url) {
  const extract::PageMeta& meta = doc.parsed->meta;
  const std::string& declared = !meta.canonical.empty() ? meta.canonical : meta.og_url;
  if (declared.empty()) return std::nullopt;
  std::optional<std::string> abs = fetch::resolve_url(page_url, declared);
  if (!abs) return std::nullopt;
  return url_key(*abs);
}

void process(const ArticleContext& ctx, ArticleOutcome& d) {
  ArticleTask& t = d.task;
  PageRow& row = t.row;
  fetch::Response& r = t.response;
  row.http_status = r.status;
  row.etag = r.etag;
  row.last_modified = r.last_modified;
  // A PDF, an image or an archive at an article URL is no article: skipped
  // with its reason (not cleaned into U+FFFD, not retried).
  if (std::optional<std::string> why = fetch::not_html(r.content_type, r.body)) {
    d.what = What::kNotHtml;
    d.error = *why;
    return;
  }
  Document doc = load_document(r.body, html::charset_from_content_type(r.content_type));
  Article art = clean(ctx.library, doc, {.url = r.final_url});
  d.warnings = art.warnings;
  // A site the job names without a rule file is the generic extractor's by
  // choice: saying so of every article would drown the warnings that matter.
  if (!ctx.job.sites[t.site].has_rules)
    std::erase_if(d.warnings, [](const std::string& w) { return w.rfind("no rule file serves ", 0) == 0; });
  if (art.lines.empty()) {
    d.what = What::kEmpty;
    d.error = "no article text (see `winnow explain`)";
    return;
  }
  // An index of other pages (a section front, a tag page, a shop's
  // category) is not written as an article, whatever text it has.
  if (art.page_type == "listing" || art.page_type == "collection") {
    d.what = What::kListing;
    d.error = "a " + art.page_type + " page, not an article (" + art.page_type_from + ")";
    return;
  }
  // A job for some languages skips the others' articles (a bilingual
  // site's English pages for a Vietnamese corpus).
  if (!language_in(art.language, ctx.job.languages)) {
    d.what = What::kLanguage;
    std::string wanted;
    for (const std::string& l : ctx.job.languages) wanted += (wanted.empty() ? "" : ", ") + l;
    d.error = "language " + art.language.value_or("unknown") + ", not one of the job's (" + wanted + ")";
    return;
  }
  // The age limit and the backfill's start keep old articles out of a
  // first crawl; one written before stays (an update, or a file to restore,
  // is not a new article).
  if (art.published && row.content_hash.empty()) {
    time_t when = unix_time_of_iso(*art.published);
    if (when > 0 && ctx.job.max_age_days > 0 && time(nullptr) - when > int64_t{ctx.job.max_age_days} * 86400) {
      d.what = What::kTooOld;
      d.error = "older than " + std::to_string(ctx.job.max_age_days) + " days";
      return;
    }
    if (when > 0 && ctx.job.since && when < *ctx.job.since) {
      d.what = What::kTooOld;
      d.error = "published " + *art.published + ", before since (" + ctx.job.since_text + ")";
      return;
    }
  }
  const TextPrint print = text_print(story_text(art));
  std::string content = ctx.job.format == "json" ? to_json(art) + "\n" : art.text();
  std::string hash = output::hex64(output::fnv1a64(content));
  const bool same_text = hash == row.content_hash && row.output_path == t.path;
  if (same_text && ctx.out.has_file(t.path)) {
    if (row.print_exact == 0) ctx.dedup.add(row.url, print);  // a state from before fingerprints
    row.print_exact = print.exact;
    row.print_sim = print.simhash;
    row.print_words = print.words;
    d.what = What::kUnchanged;
    return;
  }
  // Written once: the page says it is another URL's article that was
  // written, or its text is (nearly) one written under another URL.
  if (row.content_hash.empty() && ctx.job.dedup_texts) {
    std::optional<std::string> first;
    if (std::optional<std::string> canonical = declared_url(doc, r.final_url);
        canonical && *canonical != row.url && ctx.dedup.contains(*canonical))
      first = canonical;
    if (!first) first = ctx.dedup.claim(row.url, print, ctx.job.near_distance);
    if (first) {
      d.what = What::kDuplicate;
      row.duplicate_of = *first;
      row.manifest_line = manifest_line(ctx, t, art, hash, true, *first);
      return;
    }
  } else if (!row.content_hash.empty() && ctx.job.dedup_texts) {
    ctx.dedup.add(row.url, print);  // an update: its own entry follows its text
  }
  output::WriteError fault;
  if (!ctx.out.write(t.path, content, output::Durability::kLater, &fault)) {
    d.what = What::kWriteFault;
    d.error = fault.message;
    return;
  }
  if (same_text && row.manifested) {
    // Its manifest line is there already, with this hash: a second line
    // would say the same thing twice.
    d.what = What::kRestored;
    return;
  }
  d.is_new = row.content_hash.empty();
  row.print_exact = print.exact;
  row.print_sim = print.simhash;
  row.print_words = print.words;
  row.content_hash = hash;
  row.output_path = t.path;
  row.manifest_line = manifest_line(ctx, t, art, hash, d.is_new);
  d.what = What::kWritten;
}

}  // namespace

ArticleOutcome process_article(const ArticleContext& ctx, ArticleTask task) {
  ArticleOutcome d;
  d.task = std::move(task);
  // A page that exhausts memory fails alone; the run and the other pages go
  // on, and its row is committed as it was before (plus the failure).
  PageRow before = d.task.row;
  try {
    process(ctx, d);
  } catch (const std::bad_alloc&) {
    d.task.row = std::move(before);
    d.what = What::kFailed;
    d.error = "out of memory while cleaning";
  }
  return d;
}

std::string story_text(const Article& art) {
  return art.text_of({LineRole::kTitle, LineRole::kLead, LineRole::kBody});
}

time_t unix_time_of_iso(const std::string& iso) {
  std::optional<DateTime> dt = parse_iso8601(iso);
  if (!dt || !is_valid(*dt)) return -1;
  struct tm tm {};
  tm.tm_year = dt->year - 1900;
  tm.tm_mon = dt->month - 1;
  tm.tm_mday = dt->day;
  tm.tm_hour = dt->hour;
  tm.tm_min = dt->minute;
  tm.tm_sec = dt->second;
  return timegm(&tm) - dt->offset_minutes.value_or(0) * 60;
}

}  // namespace winnow::crawl
