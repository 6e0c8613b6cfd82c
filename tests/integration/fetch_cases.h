// Shared by the fetcher's integration tests: includes, host names, the
// mirror's fault URLs.
#ifndef WINNOW_TESTS_INTEGRATION_FETCH_CASES_H_
#define WINNOW_TESTS_INTEGRATION_FETCH_CASES_H_

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <ctime>
#include <regex>
#include <set>
#include <thread>

#include "fetch/fetcher.h"
#include "html/charset.h"
#include "integration/fetch_util.h"
#include "integration/mirror.h"
#include "integration/tiny_server.h"
#include "winnow.h"

using namespace winnow::testing;
using winnow::fetch::FetchOptions;
using winnow::fetch::Fetcher;
using winnow::fetch::Outcome;
using winnow::fetch::Request;
using winnow::fetch::Response;

namespace {  // a copy per test file

const std::string kThoidai = "thoidai.com.vn";
const std::string kTuoitre = "tuoitrethudo.vn";
const std::string kBqt = "baoquocte.vn";

std::string fault(const std::string& host, const std::string& rest) {
  return "http://" + host + "/fault/" + rest;
}

// The sentence of the mirror's charset page.
const std::string kSentence = "Tiếng Việt có dấu: Hà Nội, Quảng Châu, đường sắt.";

}  // namespace

#endif  // WINNOW_TESTS_INTEGRATION_FETCH_CASES_H_
