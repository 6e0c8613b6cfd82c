// Reading inputs whole but bounded (src/io/read.h): the cap holds whatever
// the file (a 2 GB file is never read, /dev/zero stops one byte past the
// cap), a FIFO never blocks, a pipe with a writer is read to its end.
#include "io/read.h"

#include <unistd.h>

#include <thread>

#include "fifo_test_util.h"
#include "rules_test_util.h"

using winnow::io::FileKinds;
using winnow::io::read_fd;
using winnow::io::read_file;
using winnow::io::ReadResult;
using winnow::io::ReadStatus;
using winnow::io::size_text;

TEST_CASE("io: a regular file up to the cap is read whole; one byte more is refused unread") {
  TempDir tmp;
  const std::string page = tmp.write("page.html", std::string(1024, 'x'));
  std::string bytes;
  for (FileKinds kinds : {FileKinds::kRegularOnly, FileKinds::kStreams}) {
    ReadResult r = read_file(page, 1024, kinds, &bytes);
    CHECK(r.ok());
    CHECK(bytes == std::string(1024, 'x'));
  }
  ReadResult r = read_file(page, 1023, FileKinds::kStreams, &bytes);
  CHECK(r.status == ReadStatus::kTooLarge);
  CHECK(r.why == "larger than 1023 bytes");
  CHECK(bytes.empty());
}

TEST_CASE("io: a file far past the cap is refused by its size, not read") {
  TempDir tmp;
  const std::string big = tmp.file("sparse.html");
  // 2 GB that takes no disk: a read of it would take seconds and the memory.
  REQUIRE(::truncate(tmp.write("sparse.html", "").c_str(), off_t{2} << 30) == 0);
  std::string bytes;
  auto start = std::chrono::steady_clock::now();
  ReadResult r = read_file(big, size_t{64} << 20, FileKinds::kStreams, &bytes);
  CHECK(r.status == ReadStatus::kTooLarge);
  CHECK(r.why == "larger than 64 MiB (67108864 bytes)");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
}

TEST_CASE("io: /dev/zero stops one byte past the cap") {
  std::string bytes;
  ReadResult r = read_file("/dev/zero", 100000, FileKinds::kStreams, &bytes);
  CHECK(r.status == ReadStatus::kTooLarge);
  CHECK(r.why == "larger than 100000 bytes");
  CHECK(read_file("/dev/zero", 100000, FileKinds::kRegularOnly, &bytes).status == ReadStatus::kNotRegular);
}

TEST_CASE("io: a FIFO without a writer reads as empty at once, or is refused as not regular") {
  TempDir tmp;
  const std::string fifo = tmp.file("fifo.html");
  REQUIRE(make_fifo(fifo));
  std::string bytes = "left over";
  ReadResult streams, regular;
  CHECK(returns_within(5, fifo, [&] { streams = read_file(fifo, 1024, FileKinds::kStreams, &bytes); }));
  CHECK(streams.ok());
  CHECK(bytes.empty());
  CHECK(returns_within(5, fifo, [&] { regular = read_file(fifo, 1024, FileKinds::kRegularOnly, &bytes); }));
  CHECK(regular.status == ReadStatus::kNotRegular);
  CHECK(regular.why == "not a regular file");
}

TEST_CASE("io: a pipe with a writer is read to its end, past the pipe's buffer") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const std::string data(300000, 'p');  // several times the 64 KiB a pipe buffers
  std::thread writer([&] {
    for (size_t at = 0; at < data.size();) {
      ssize_t n = ::write(fds[1], data.data() + at, data.size() - at);
      if (n <= 0) break;
      at += static_cast<size_t>(n);
    }
    ::close(fds[1]);
  });
  std::string bytes;
  // What bash's <(cmd) hands over: /dev/fd/N of a pipe.
  ReadResult r = read_file("/proc/self/fd/" + std::to_string(fds[0]), 1 << 20, FileKinds::kStreams, &bytes);
  writer.join();
  ::close(fds[0]);
  CHECK(r.ok());
  CHECK(bytes == data);
}

TEST_CASE("io: a descriptor is held to the cap too") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  REQUIRE(::write(fds[1], "0123456789", 10) == 10);
  ::close(fds[1]);
  std::string bytes;
  ReadResult r = read_fd(fds[0], 9, &bytes);
  ::close(fds[0]);
  CHECK(r.status == ReadStatus::kTooLarge);
}

TEST_CASE("io: missing, a directory, unreadable") {
  TempDir tmp;
  std::string bytes;
  ReadResult missing = read_file(tmp.file("nothing.html"), 1024, FileKinds::kStreams, &bytes);
  CHECK(missing.status == ReadStatus::kMissing);
  CHECK(missing.why == "cannot open: No such file or directory");
  CHECK(read_file(tmp.dir(), 1024, FileKinds::kRegularOnly, &bytes).status == ReadStatus::kNotRegular);
  ReadResult dir = read_file(tmp.dir(), 1024, FileKinds::kStreams, &bytes);
  CHECK(dir.status == ReadStatus::kError);
  CHECK(dir.why == "read error: Is a directory");
}

TEST_CASE("io: sizes as people read them") {
  CHECK(size_text(size_t{64} << 20) == "64 MiB (67108864 bytes)");
  CHECK(size_text(size_t{1} << 30) == "1 GiB (1073741824 bytes)");
  CHECK(size_text(1024) == "1 KiB (1024 bytes)");
  CHECK(size_text(1000) == "1000 bytes");
  CHECK(size_text(0) == "0 bytes");
}
