#pragma once

#include <string>
#include <vector>

namespace interleave::cli {

int listCommand(const std::vector<std::string>& words);
int runCommand(const std::vector<std::string>& words);
int infoCommand(const std::vector<std::string>& words);
int convertCommand(const std::vector<std::string>& words);
int exportCommand(const std::vector<std::string>& words);
int sweepCommand(const std::vector<std::string>& words);
int pythonTraceCommand(const std::vector<std::string>& words);

} // namespace interleave::cli
