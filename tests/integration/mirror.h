// The local mirror (tests/mirror/mirror.py) as a test fixture: started once per
// test binary, reset between tests, stopped at exit.
//
//   Mirror& m = Mirror::shared();    // started on first use (python3 required)
//   m.reset();                       // empty log, fresh fault counters, switches off
//   m.set("robots=503");             // a run-time switch (tests/mirror/README.md)
//   options.connect_to = m.connect_to();
//   nlohmann::json log = m.log();    // every request since the reset
//
// The mirror is a child process (posix_spawn); the destructor sends SIGTERM,
// then SIGKILL after 3 s, and reaps it.
#ifndef WINNOW_TESTS_INTEGRATION_MIRROR_H_
#define WINNOW_TESTS_INTEGRATION_MIRROR_H_

#include <curl/curl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace winnow::testing {

inline constexpr const char* kSites[] = {"thoidai.com.vn", "tuoitrethudo.vn", "baoquocte.vn"};

class Mirror {
 public:
  static constexpr int kSharedVariants = 300;

  // The binary's one mirror (with kSharedVariants variant pages), started on
  // first use, stopped when the program exits.
  static Mirror& shared() {
    static Mirror m(kSharedVariants);
    return m;
  }

  explicit Mirror(int variants = 0) {
    const std::string source = WINNOW_SOURCE_DIR;
    const std::string script = source + "/tests/mirror/mirror.py";
    if (!std::filesystem::exists(script)) throw std::runtime_error("mirror: no " + script);
    if (!find_in_path("python3"))
      throw std::runtime_error(
          "mirror: python3 not found in PATH; the fetch integration tests run the local "
          "mirror tests/mirror/mirror.py with python3 (3.11+)");

    char dir_template[] = "/tmp/winnow-mirror-XXXXXX";
    if (!mkdtemp(dir_template)) throw std::runtime_error("mirror: mkdtemp failed");
    dir_ = dir_template;
    port_file_ = dir_ + "/port";

    std::vector<std::string> args = {"python3", script, "--fixtures", source + "/fixtures",
                                      "--port-file", port_file_};
    if (variants > 0) {
      args.push_back("--variants");
      args.push_back(std::to_string(variants));
    }
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int rc = posix_spawnp(&pid_, "python3", nullptr, nullptr, argv.data(), environ);
    if (rc != 0) {
      pid_ = -1;
      cleanup_dir();
      throw std::runtime_error(std::string("mirror: cannot start python3: ") + strerror(rc));
    }

    // Bounded wait for the port file (written atomically once listening).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (port_ == 0) {
      std::ifstream in(port_file_);
      if (in && (in >> port_) && port_ > 0) break;
      port_ = 0;
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        cleanup_dir();
        throw std::runtime_error("mirror: python3 tests/mirror/mirror.py exited before listening (status " +
                                 std::to_string(status) + ")");
      }
      if (std::chrono::steady_clock::now() > deadline) {
        stop();
        throw std::runtime_error("mirror: no port file after 15 s (" + port_file_ + ")");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  ~Mirror() { stop(); }
  Mirror(const Mirror&) = delete;
  Mirror& operator=(const Mirror&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // CONNECT_TO entries sending the three sites (port 80) to the mirror.
  std::vector<std::string> connect_to() const {
    std::vector<std::string> out;
    for (const char* h : kSites) out.push_back(entry(h));
    return out;
  }
  // The entry for any other host name (fault endpoints answer on any Host).
  std::string entry(const std::string& host) const {
    return host + ":80:127.0.0.1:" + std::to_string(port_);
  }

  // Every request since start or the last reset(), sorted by time.
  nlohmann::json log() const { return nlohmann::json::parse(get("/__log")); }
  void reset() const {
    auto j = nlohmann::json::parse(get("/__reset"));
    if (!j.value("ok", false)) throw std::runtime_error("mirror: /__reset failed");
  }

  // Sets run-time switches ("robots=503"): /__set?QUERY; reset() restores them.
  void set(const std::string& query) const {
    auto j = nlohmann::json::parse(get("/__set?" + query));
    if (!j.value("ok", false)) throw std::runtime_error("mirror: /__set?" + query + " failed");
  }

  // Kills the mirror at once (the watchdog's last resort; async-signal-safe).
  void kill_now() const {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
  }

 private:
  static bool find_in_path(const std::string& name) {
    const char* path = getenv("PATH");
    std::string p = path ? path : "/usr/bin:/bin";
    size_t at = 0;
    while (at <= p.size()) {
      size_t end = p.find(':', at);
      if (end == std::string::npos) end = p.size();
      std::string dir = p.substr(at, end - at);
      if (dir.empty()) dir = ".";
      if (access((dir + "/" + name).c_str(), X_OK) == 0) return true;
      at = end + 1;
    }
    return false;
  }

  static size_t collect(char* data, size_t size, size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
  }

  // A tiny blocking GET on the mirror's own address.
  std::string get(const std::string& path) const {
    CURL* e = curl_easy_init();
    if (!e) throw std::runtime_error("mirror: curl_easy_init failed");
    std::string body;
    std::string url = base() + path;
    curl_easy_setopt(e, CURLOPT_URL, url.c_str());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 5000L);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Mirror::collect);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &body);
    CURLcode rc = curl_easy_perform(e);
    long code = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_cleanup(e);
    if (rc != CURLE_OK || code != 200)
      throw std::runtime_error("mirror: GET " + url + " failed: " + curl_easy_strerror(rc) +
                               ", HTTP " + std::to_string(code));
    return body;
  }

  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
      int status = 0;
      bool reaped = false;
      while (std::chrono::steady_clock::now() < deadline) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
          reaped = true;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      if (!reaped) {
        ::kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
      }
      pid_ = -1;
    }
    cleanup_dir();
  }

  void cleanup_dir() {
    if (dir_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    dir_.clear();
  }

  pid_t pid_ = -1;
  int port_ = 0;
  std::string dir_, port_file_;
};

}  // namespace winnow::testing

#endif  // WINNOW_TESTS_INTEGRATION_MIRROR_H_
