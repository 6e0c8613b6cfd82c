// A bump allocator that Gumbo allocates from. Freeing is a no-op; the whole
// arena goes at once when the page is dropped. That makes the tree's teardown
// O(1) and non-recursive (gumbo_destroy_output recurses once per nesting
// level, which a hostile page can turn into a stack overflow) and removes the
// per-node malloc/free churn from the parse.
#ifndef WINNOW_HTML_ARENA_H_
#define WINNOW_HTML_ARENA_H_

#include <cstddef>
#include <memory>
#include <vector>

namespace winnow::html {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  void* allocate(size_t n) {
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

  // Gumbo's allocator hooks.
  static void* gumbo_allocate(void* arena, size_t n) {
    return static_cast<Arena*>(arena)->allocate(n);
  }
  static void gumbo_free(void*, void*) {}

 private:
  static constexpr size_t kBlock = 256 * 1024;

  std::byte* new_block(size_t size) {
    blocks_.emplace_back(new (std::align_val_t{16}) std::byte[size]);
    reserved_ += size;
    return blocks_.back().get();
  }

  struct AlignedDelete {
    void operator()(std::byte* p) const { ::operator delete[](p, std::align_val_t{16}); }
  };
  std::vector<std::unique_ptr<std::byte[], AlignedDelete>> blocks_;
  std::byte* cur_ = nullptr;
  size_t left_ = 0;
  size_t reserved_ = 0;
};

}  // namespace winnow::html

#endif  // WINNOW_HTML_ARENA_H_
