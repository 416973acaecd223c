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
    const char* name;
    const char* synopsis;
    int (*handler)(const std::vector<std::string>& words);
};

const Command kCommands[] = {
    {"list", "list                          scenarios, one per line", listCommand},
    {"run",
     "run SCENARIO [--set k=v]... [-o FILE.itrace] [--quiet] [--export OUT.png ...]\n"
     "                                run a scenario on real threads and processes",
     runCommand},
    {"trace",
     "trace [-o FILE.itrace] [--python PATH] [--quiet] [--export OUT.png ...] SCRIPT.py [ARGS...]\n"
     "                                run your own Python program with the real interpreter,\n"
     "                                its threads, locks, queues and GIL traced",
     pythonTraceCommand},
    {"sweep",
     "sweep SCENARIO --param NAME=V1,V2,... [--repeat K] [--set k=v]... [-o DIR] [--json]\n"
     "                                run once per value; table of elapsed time and speedup",
     sweepCommand},
    {"info", "info FILE [--json]            summarise a trace (.itrace or Chrome JSON)",
     infoCommand},
    {"convert",
     "convert FILE -o OUT.json|OUT.itrace\n"
     "                                write Chrome Trace Event JSON (Perfetto UI) or .itrace",
     convertCommand},
    {"export",
     "export FILE -o OUT.png|OUT.svg|OUT.pdf [--size WxH] [--scale S] [--range A..B]\n"
     "       [--at T] [--theme lecture|light|dark] [--title TEXT] [--lanes A,B] [--no-charts]\n"
     "       [--compare OTHER [--fit-each]]\n"
     "                                a picture of the timeline, no display needed; with\n"
     "                                --compare, two runs stacked on one time scale",
     exportCommand},
};

int help()
{
    std::cout << "Interleave " << INTERLEAVE_VERSION
              << " — see concurrency happen\n\n"
                 "usage: interleave                  open the app\n"
                 "       interleave COMMAND ...\n\ncommands:\n";
    for (const Command& command : kCommands)
        std::cout << "  " << command.synopsis << '\n';
    return 0;
}

} // namespace

int unknownCommand(const char* word)
{
    std::vector<std::string> names{"help"};
    for (const Command& command : kCommands)
        names.emplace_back(command.name);
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
    for (const Command& command : kCommands) {
        if (word == command.name)
            return true;
    }
    return false;
}

int run(int argc, char** argv)
{
    const std::string word = argv[1];
    if (word == "help" || word == "--help" || word == "-h")
        return help();
    if (word == "--version") {
        std::cout << "interleave " << INTERLEAVE_VERSION << '\n';
        return 0;
    }
    const std::vector<std::string> words(argv + 2, argv + argc);
    for (const Command& command : kCommands) {
        if (word != command.name)
            continue;
        try {
            return command.handler(words);
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
    return help();
}

} // namespace interleave::cli
