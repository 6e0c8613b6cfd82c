// A bump allocator that Gumbo allocates from. Freeing is a no-op; the whole
// arena goes at once when the page is dropped. That makes the tree's teardown
// O(1) and non-recursive (gumbo_destroy_output recurses once per nesting
// level, which a hostile page can turn into a stack overflow) and removes the
// per-node malloc/free churn from the parse. Its standard blocks go back to
// a small cache of the thread's when the arena goes (at most
// kCachedBlocks: 2 MiB a thread), and the next page's parse takes them
// from there: a 256 KiB block freed and allocated again a page at a time
// otherwise goes back to the kernel and comes back page fault by page
// fault, which cost a crawl a fifth of its throughput (docs/performance.md).
//
// Running out of memory: Gumbo is C. It never checks an allocation for NULL,
// and an exception must not unwind through its frames. So a failed
// allocation jumps (longjmp) back to the guard set around the parse
// (set_failure_jump; html/page.cc), which throws std::bad_alloc from C++:
// the page fails, the process goes on. Nothing Gumbo holds needs freeing
// but the arena itself, which the page's owner drops as usual.
#ifndef WINNOW_HTML_ARENA_H_
#define WINNOW_HTML_ARENA_H_

#include <csetjmp>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

namespace winnow::html {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    std::vector<Block>& cache = cached_blocks();
    for (Block& b : blocks_)
      if (b.size == kBlock && cache.size() < kCachedBlocks) cache.push_back(std::move(b));
  }

  void* allocate(size_t n) {
    if (n > kMaxAllocation) throw std::bad_alloc();
    n = (n + 15) & ~size_t{15};
    if (n > kBlock / 4) return new_block(n);  // large: a block of its own
    if (n > left_) {
      cur_ = new_block(kBlock);
      left_ = kBlock;
    }
    void* p = cur_;
    cur_ += n;
    left_ -= n;
    return p;
  }

  size_t bytes_reserved() const { return reserved_; }

  // Where gumbo_allocate jumps when an allocation fails; nullptr when no
  // parse is running. The jump target must be a live setjmp.
  void set_failure_jump(std::jmp_buf* target) { failure_jump_ = target; }

  // Gumbo's allocator hooks. No exception leaves them (see above).
  static void* gumbo_allocate(void* arena, size_t n) noexcept {
    Arena* self = static_cast<Arena*>(arena);
    void* p = nullptr;
    try {
      p = self->allocate(n);
    } catch (...) {  // std::bad_alloc, or the block list's std::length_error
    }
    if (p) return p;
    if (!self->failure_jump_) std::abort();  // a parse without its guard: a bug, not a page
    std::longjmp(*self->failure_jump_, 1);
  }
  static void gumbo_free(void*, void*) {}

 private:
  static constexpr size_t kBlock = 256 * 1024;
  static constexpr size_t kCachedBlocks = 8;
  // Larger requests are refused rather than wrapped by the rounding below.
  static constexpr size_t kMaxAllocation = size_t{1} << 40;

  struct AlignedDelete {
    void operator()(std::byte* p) const { ::operator delete[](p, std::align_val_t{16}); }
  };
  struct Block {
    std::unique_ptr<std::byte[], AlignedDelete> bytes;
    size_t size = 0;
  };

  // The thread's spare standard blocks (freed with the thread).
  static std::vector<Block>& cached_blocks() {
    thread_local std::vector<Block> cache;
    return cache;
  }

  std::byte* new_block(size_t size) {
    // Owned before the list grows: a list that cannot grow frees the block.
    Block block;
    std::vector<Block>& cache = cached_blocks();
    if (size == kBlock && !cache.empty()) {
      block = std::move(cache.back());
      cache.pop_back();
    } else {
      block = {std::unique_ptr<std::byte[], AlignedDelete>(new (std::align_val_t{16}) std::byte[size]), size};
    }
    blocks_.push_back(std::move(block));
    reserved_ += size;
    return blocks_.back().bytes.get();
  }

  std::vector<Block> blocks_;
  std::byte* cur_ = nullptr;
  size_t left_ = 0;
  size_t reserved_ = 0;
  std::jmp_buf* failure_jump_ = nullptr;
};

}  // namespace winnow::html

#endif  // WINNOW_HTML_ARENA_H_
