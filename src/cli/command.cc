#include "cli/command.h"

#include <algorithm>

namespace winnow::cli {
namespace {

struct Entry {
  CommandInfo info;
  std::unique_ptr<Command> command;
};

// Built on first use: registrations run during static initialisation, in
// an order across files that C++ leaves open (hence CommandInfo::order).
std::vector<Entry>& registry() {
  static std::vector<Entry>* entries = new std::vector<Entry>;  // never destroyed: no exit-order trouble
  return *entries;
}

}  // namespace

bool register_command(CommandInfo info, std::unique_ptr<Command> command) {
  registry().push_back({std::move(info), std::move(command)});
  return true;
}

std::vector<Registered> registered_commands() {
  std::vector<Registered> out;
  for (Entry& e : registry()) out.push_back({&e.info, e.command.get()});
  std::stable_sort(out.begin(), out.end(),
                   [](const Registered& a, const Registered& b) { return a.info->order < b.info->order; });
  return out;
}

Registered find_command(const std::string& name) {
  for (Entry& e : registry())
    if (e.info.name == name) return {&e.info, e.command.get()};
  return {nullptr, nullptr};
}

}  // namespace winnow::cli
