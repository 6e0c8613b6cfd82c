// A minimal HTTP/1.1 server on 127.0.0.1 for what the mirror cannot serve
// (a robots.txt answering 503, a huge robots.txt, a Crawl-delay): one thread,
// one connection at a time, every answer with "Connection: close". Handlers
// must answer at once. Also a port that refuses connections.
#ifndef WINNOW_TESTS_INTEGRATION_TINY_SERVER_H_
#define WINNOW_TESTS_INTEGRATION_TINY_SERVER_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace winnow::testing {

struct TinyResponse {
  int status = 200;
  std::string body;
  std::string content_type = "text/plain; charset=utf-8";
  std::string headers;  // more header lines, each ending in "\r\n"
};

inline TinyResponse reply(int status, std::string body,
                          std::string content_type = "text/plain; charset=utf-8") {
  TinyResponse r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

class TinyServer {
 public:
  struct Hit {
    double t;          // steady_clock seconds
    std::string path;  // request target
  };
  using Handler = std::function<TinyResponse(const std::string& path)>;

  explicit TinyServer(Handler handler) : handler_(std::move(handler)) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(fd_, 64) != 0)
      throw std::runtime_error("tiny server: bind/listen failed");
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { loop(); });
  }
  ~TinyServer() {
    stop_ = true;
    thread_.join();
    close(fd_);
  }
  int port() const { return port_; }
  std::string entry(const std::string& host) const {
    return host + ":80:127.0.0.1:" + std::to_string(port_);
  }
  std::vector<Hit> hits() const {
    std::lock_guard<std::mutex> lock(mu_);
    return hits_;
  }

 private:
  static double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }

  void loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      serve(c);
      close(c);
    }
  }

  void serve(int c) {
    std::string req;
    char buf[4096];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (req.find("\r\n\r\n") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{c, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      ssize_t n = recv(c, buf, sizeof buf, 0);
      if (n <= 0) return;
      req.append(buf, n);
    }
    size_t sp1 = req.find(' '), sp2 = req.find(' ', sp1 + 1);
    if (sp1 == std::string::npos || sp2 == std::string::npos) return;
    std::string path = req.substr(sp1 + 1, sp2 - sp1 - 1);
    {
      std::lock_guard<std::mutex> lock(mu_);
      hits_.push_back({now(), path});
    }
    TinyResponse r = handler_(path);
    std::string out = "HTTP/1.1 " + std::to_string(r.status) + " X\r\nContent-Type: " + r.content_type +
                      "\r\nContent-Length: " + std::to_string(r.body.size()) +
                      "\r\nConnection: close\r\n" + r.headers + "\r\n" + r.body;
    for (size_t at = 0; at < out.size();) {
      ssize_t n = send(c, out.data() + at, out.size() - at, MSG_NOSIGNAL);
      if (n <= 0) return;
      at += n;
    }
  }

  Handler handler_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  mutable std::mutex mu_;
  std::vector<Hit> hits_;
};

// A local port nothing listens on, held (bound, not listening) for the
// object's life so that no one else takes it: connecting is refused at once.
class ClosedPort {
 public:
  ClosedPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
      throw std::runtime_error("closed port: bind failed");
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
  }
  ~ClosedPort() { close(fd_); }
  int port() const { return port_; }
  std::string entry(const std::string& host) const {
    return host + ":80:127.0.0.1:" + std::to_string(port_);
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace winnow::testing

#endif  // WINNOW_TESTS_INTEGRATION_TINY_SERVER_H_
