// The command line's subcommands, each registering itself: its name, its
// options (setup) and its work (run). main() builds the command line from
// the registry, parses it, loads the rules if the chosen command needs
// them, and runs it.
//
// A command's file registers it at namespace scope:
//   const bool kRegistered = register_command(
//       {.name = "render", .description = "...", .order = 10},
//       std::make_unique<RenderCommand>());
// (The file is part of the executable, not of a library, so the linker
// keeps it and its registration runs before main.)
#ifndef WINNOW_CLI_COMMAND_H_
#define WINNOW_CLI_COMMAND_H_

#include <memory>
#include <string>
#include <vector>

#include "winnow/exit_code.h"
#include "winnow/rules.h"

namespace CLI {
class App;
}  // namespace CLI

namespace winnow::cli {

// What a command runs with.
struct Context {
  const RuleLibrary& rules;  // loaded when the command needs_rules(); else empty
  std::string rules_dir;     // where they were loaded from ("" if not)
};

class Command {
 public:
  virtual ~Command() = default;
  // Adds the command's arguments and options to its subcommand, bound to
  // the command's own members.
  virtual void setup(CLI::App* app) = 0;
  // Asked after parsing: whether run() needs the rules.
  virtual bool needs_rules() const { return true; }
  // The exit code (winnow/exit_code.h).
  virtual int run(const Context& context) = 0;
};

struct CommandInfo {
  std::string name;         // "render"
  std::string description;  // one line for `winnow --help`
  int order = 0;            // its place in `winnow --help`, lowest first
  // The exit code when the command ends in an exception none of its own
  // guards caught (memory exhausted loading rules): a crawl or fetch that
  // cannot go on is fatal; any other command failed on its input.
  ExitCode on_exception = kExitInput;
};

// Adds a command to the registry, for the process's life; returns true (so
// that a namespace-scope constant can hold the call).
bool register_command(CommandInfo info, std::unique_ptr<Command> command);

struct Registered {
  const CommandInfo* info;
  Command* command;
};
// Every registered command, by `order`.
std::vector<Registered> registered_commands();

// The registered command named `name`, or {nullptr, nullptr}.
Registered find_command(const std::string& name);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_COMMAND_H_
