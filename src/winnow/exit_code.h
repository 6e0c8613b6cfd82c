// The exit codes of the `winnow` command, one list for every command and the
// library calls that decide one (a crawl run's, winnow/crawl.h). README
// "Exit codes" documents them.
//
// Public (installed as <winnow/exit_code.h>) and plain data: every layer
// may include it.
#ifndef WINNOW_EXIT_CODE_H_
#define WINNOW_EXIT_CODE_H_

namespace winnow {

// Unscoped, on int: a command returns one as its process's exit status.
enum ExitCode : int {
  kExitOk = 0,
  kExitCheckFailed = 1,  // check: a fixture did not match; eval: a figure below its floor
  kExitUsage = 2,        // bad command line, a value outside its range included
  kExitInput = 3,        // bad input: a page, a job file, a ground truth or predictions file
  kExitRules = 4,        // rule file missing or broken
  kExitPartial = 5,      // fetch, crawl, clean of many pages: some failed or were deferred, the rest is done
  kExitFatal = 6,        // fetch: every URL failed; crawl: cannot go on (output, state, lock);
                         // eval: the predictions cannot be written
  kExitInterrupted = 7,  // crawl: stopped by SIGINT/SIGTERM; the next run resumes
};

}  // namespace winnow

#endif  // WINNOW_EXIT_CODE_H_
