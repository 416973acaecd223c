#pragma once

namespace interleave::cli {

/// Whether argv asks for a command-line command (list, run, info, convert, ...) rather than
/// the GUI.
bool isCommand(int argc, char** argv);

/// Runs the command. Exit status: 0 success, 1 the run or the operation failed, 2 bad input
/// (unknown scenario, parameter or option; unreadable or corrupt file).
int run(int argc, char** argv);

/// `word` is neither a command nor a file: says so in one line (with the command it most likely
/// meant) and returns exit status 2.
int unknownCommand(const char* word);

} // namespace interleave::cli
