#include "cli/version.h"

#include <CLI/Version.hpp>
#include <curl/curl.h>
#include <libxml/xmlversion.h>
#include <spdlog/version.h>
#include <sqlite3.h>
#include <toml++/toml.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include "winnow/clean.h"

namespace winnow::cli {

std::string version_text() {
  auto dotted = [](int a, int b, int c) {
    return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c);
  };
  const curl_version_info_data* curl = curl_version_info(CURLVERSION_NOW);
  std::string out = std::string("winnow ") + WINNOW_VERSION + "\n";
  // Shared libraries: the version running; header-only and static ones:
  // the version built with (pkg-config's for Gumbo and RE2, which have no
  // version call).
  out += std::string("libcurl ") + (curl && curl->version ? curl->version : "?") +
         (curl && curl->ssl_version ? std::string(" (") + curl->ssl_version + ")" : std::string()) + "\n";
  out += std::string("gumbo ") + WINNOW_GUMBO_VERSION + "\n";
  out += std::string("re2 ") + WINNOW_RE2_VERSION + "\n";
  out += std::string("libxml2 ") + LIBXML_DOTTED_VERSION + "\n";
  out += std::string("sqlite ") + sqlite3_libversion() + "\n";
  out += std::string("zlib ") + zlibVersion() + "\n";
  out += "spdlog " + dotted(SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR, SPDLOG_VER_PATCH) + "\n";
  out += "toml++ " + dotted(TOML_LIB_MAJOR, TOML_LIB_MINOR, TOML_LIB_PATCH) + "\n";
  out += "nlohmann-json " +
         dotted(NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH) + "\n";
  out += std::string("CLI11 ") + CLI11_VERSION + "\n";
  out += std::string("cld2 ") + language_detector_version() + "\n";
  return out;
}

}  // namespace winnow::cli
