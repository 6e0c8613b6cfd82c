// A test hook in the output layer: the environment variable
//
//   WINNOW_WRITE_FAULT=ENOSPC           every write fails with ENOSPC
//   WINNOW_WRITE_FAULT=EROFS:after=3    the first 3 writes succeed, then EROFS
//
// (any of EROFS, ENOSPC, EDQUOT, EIO, EACCES, EPERM, ENOENT) makes the
// writes of article files and manifest lines fail as a read-only, full or
// failing filesystem would. The crawl tests use it where they cannot mount
// a small filesystem of their own; unset (the normal case) it costs one
// relaxed load per write.
#ifndef WINNOW_OUTPUT_WRITE_FAULT_H_
#define WINNOW_OUTPUT_WRITE_FAULT_H_

namespace winnow::output {

// 0, or the errno this write must fail with (the call counts as one write).
int injected_write_fault();

}  // namespace winnow::output

#endif  // WINNOW_OUTPUT_WRITE_FAULT_H_
