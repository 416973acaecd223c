#include "cli/cli.h"

#include "base/errors.h"
#include "base/nearestname.h"
#include "cli/arguments.h"
#include "cli/commands.h"

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace interleave::cli {

namespace {

struct Command {
    const CommandSpec& (*spec)();
    int (*handler)(const std::vector<std::string>& words);
};

const Command kCommands[] = {
    {listSpec, listCommand},     {runSpec, runCommand},   {pythonTraceSpec, pythonTraceCommand},
    {sweepSpec, sweepCommand},   {infoSpec, infoCommand}, {convertSpec, convertCommand},
    {exportSpec, exportCommand},
};

const Command* findCommand(const std::string& name)
{
    for (const Command& command : kCommands) {
        if (command.spec().name == name)
            return &command;
    }
    return nullptr;
}

int overview()
{
    std::cout << "Interleave " << INTERLEAVE_VERSION
              << " — see concurrency happen\n\n"
                 "usage: interleave [FILE]            open the app (with a trace)\n"
                 "       interleave COMMAND [options] ...\n"
                 "       interleave help COMMAND      a command's options and examples\n\n"
                 "commands:\n";
    for (const Command& command : kCommands) {
        const CommandSpec& spec = command.spec();
        std::cout << "  " << usageLine(spec) << "\n      " << spec.summary << '\n';
    }
    std::cout << "\nEvery command answers --help. See also man interleave.\n";
    return 0;
}

/// `interleave help [COMMAND]`.
int help(const std::vector<std::string>& words)
{
    if (words.empty())
        return overview();
    if (const Command* command = findCommand(words.front())) {
        std::cout << helpText(command->spec());
        return 0;
    }
    return unknownCommand(words.front().c_str());
}

} // namespace

int unknownCommand(const char* word)
{
    std::vector<std::string> names{"help"};
    for (const Command& command : kCommands)
        names.emplace_back(command.spec().name);
    std::cerr << "interleave: unknown command '" << word << "'";
    if (const auto nearest = nearestName(word, names)) {
        std::cerr << " (did you mean '" << *nearest << "'?)";
    } else {
        std::cerr << " (commands:";
        for (std::size_t i = 1; i < names.size(); ++i)
            std::cerr << (i > 1 ? ", " : " ") << names[i];
        std::cerr << ")";
    }
    std::cerr << "; see 'interleave --help'\n";
    return 2;
}

bool isCommand(int argc, char** argv)
{
    if (argc < 2)
        return false;
    const std::string word = argv[1];
    if (word == "help" || word == "--help" || word == "-h" || word == "--version")
        return true;
    return findCommand(word) != nullptr;
}

int run(int argc, char** argv)
{
    const std::string word = argv[1];
    const std::vector<std::string> words(argv + 2, argv + argc);
    if (word == "help")
        return help(words);
    if (word == "--help" || word == "-h")
        return overview();
    if (word == "--version") {
        std::cout << "interleave " << INTERLEAVE_VERSION << '\n';
        return 0;
    }
    const Command* command = findCommand(word);
    if (command == nullptr)
        return overview();
    try {
        return command->handler(words);
    } catch (const HelpRequested& request) {
        std::cout << helpText(request.spec);
        return 0;
    } catch (const UsageError& e) {
        std::cerr << "interleave " << word << ": " << e.what() << '\n';
        return 2;
    } catch (const FormatError& e) {
        std::cerr << "interleave " << word << ": " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "interleave " << word << ": " << e.what() << '\n';
        return 1;
    }
}

} // namespace interleave::cli
