#pragma once

#include "cli/commandspec.h"

#include <string>
#include <vector>

namespace interleave::cli {

// Each command and what it takes (for parsing and its --help).
const CommandSpec& listSpec();
const CommandSpec& runSpec();
const CommandSpec& pythonTraceSpec();
const CommandSpec& sweepSpec();
const CommandSpec& infoSpec();
const CommandSpec& convertSpec();
const CommandSpec& exportSpec();

int listCommand(const std::vector<std::string>& words);
int runCommand(const std::vector<std::string>& words);
int infoCommand(const std::vector<std::string>& words);
int convertCommand(const std::vector<std::string>& words);
int exportCommand(const std::vector<std::string>& words);
int sweepCommand(const std::vector<std::string>& words);
int pythonTraceCommand(const std::vector<std::string>& words);

} // namespace interleave::cli
