#include "cli/diff.h"

#include <algorithm>

namespace winnow::cli {
namespace {

enum class Op { kKeep, kDelete, kInsert };

// Myers' greedy algorithm with the full trace kept for the walk back:
// O((N+M) D) time, O(D^2) space for the traces.
std::vector<Op> edit_script(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  const int max = n + m;
  std::vector<int> v(2 * max + 2, 0);
  std::vector<std::vector<int>> trace;
  int d_end = 0;
  // Past this many edits the trace grows too large; a whole-file
  // replacement is as informative by then.
  constexpr int kMaxEdits = 4000;
  for (int d = 0; d <= max; ++d) {
    if (d > kMaxEdits) {
      std::vector<Op> ops(n, Op::kDelete);
      ops.insert(ops.end(), m, Op::kInsert);
      return ops;
    }
    trace.push_back(v);
    bool done = false;
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? v[max + k + 1]
                                                                       : v[max + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) { ++x; ++y; }
      v[max + k] = x;
      if (x >= n && y >= m) { done = true; break; }
    }
    if (done) { d_end = d; break; }
  }
  std::vector<Op> ops;
  int x = n, y = m;
  for (int d = d_end; d > 0; --d) {
    const std::vector<int>& pv = trace[d];
    int k = x - y;
    int prev_k = (k == -d || (k != d && pv[max + k - 1] < pv[max + k + 1])) ? k + 1 : k - 1;
    int prev_x = pv[max + prev_k];
    int prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) { ops.push_back(Op::kKeep); --x; --y; }
    ops.push_back(x == prev_x ? Op::kInsert : Op::kDelete);
    x = prev_x;
    y = prev_y;
  }
  while (x > 0 && y > 0) { ops.push_back(Op::kKeep); --x; --y; }
  std::reverse(ops.begin(), ops.end());
  return ops;
}

std::string range(int start, int count) {
  // Unified diff ranges are 1-based; an empty range names the line before.
  if (count == 0) return std::to_string(start) + ",0";
  if (count == 1) return std::to_string(start + 1);
  return std::to_string(start + 1) + "," + std::to_string(count);
}

}  // namespace

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t i = 0;
  while (i < text.size()) {
    size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos) nl = text.size();
    lines.emplace_back(text.substr(i, nl - i));
    i = nl + 1;
  }
  return lines;
}

std::string unified_diff(std::string_view expected, std::string_view actual,
                         std::string_view expected_name, std::string_view actual_name,
                         int context) {
  if (expected == actual) return {};
  std::vector<std::string> a = split_lines(expected), b = split_lines(actual);
  std::vector<Op> ops = edit_script(a, b);
  std::string out = "--- " + std::string(expected_name) + "\n+++ " + std::string(actual_name) + "\n";
  if (a == b) {  // differ only in the final newline
    out += "@@ end of file @@\n\\ the files differ in their final newline\n";
    return out;
  }
  // Positions of each op in a and b.
  std::vector<int> ai(ops.size() + 1), bi(ops.size() + 1);
  for (size_t i = 0; i < ops.size(); ++i) {
    ai[i + 1] = ai[i] + (ops[i] != Op::kInsert);
    bi[i + 1] = bi[i] + (ops[i] != Op::kDelete);
  }
  // Group changes whose gaps are at most 2*context unchanged lines; each
  // group is a hunk with `context` unchanged lines on either side.
  const size_t ctx = static_cast<size_t>(context);
  size_t i = 0;
  while (i < ops.size()) {
    if (ops[i] == Op::kKeep) { ++i; continue; }
    size_t last = i;  // last change of the hunk
    for (size_t k = i + 1; k < ops.size() && k <= last + 2 * ctx + 1; ++k)
      if (ops[k] != Op::kKeep) last = k;
    size_t start = i >= ctx ? i - ctx : 0;
    size_t end = std::min(ops.size(), last + 1 + ctx);
    out += "@@ -" + range(ai[start], ai[end] - ai[start]) + " +" +
           range(bi[start], bi[end] - bi[start]) + " @@\n";
    for (size_t k = start; k < end; ++k) {
      switch (ops[k]) {
        case Op::kKeep: out += " " + a[ai[k]] + "\n"; break;
        case Op::kDelete: out += "-" + a[ai[k]] + "\n"; break;
        case Op::kInsert: out += "+" + b[bi[k]] + "\n"; break;
      }
    }
    i = end;
  }
  return out;
}

}  // namespace winnow::cli
