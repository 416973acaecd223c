#include "engine/machineinfo.h"

#include <fstream>
#include <string>
#include <sys/utsname.h>
#include <unistd.h>

namespace interleave {

MachineInfo currentMachine()
{
    MachineInfo machine;
    machine.cores = int(sysconf(_SC_NPROCESSORS_ONLN));
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos)
                machine.cpuModel = line.substr(line.find_first_not_of(' ', colon + 1));
            break;
        }
    }
    utsname names{};
    if (uname(&names) == 0)
        machine.kernel = names.release;
    return machine;
}

} // namespace interleave
