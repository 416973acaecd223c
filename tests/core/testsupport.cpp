#include "testsupport.h"

#include "scenario/registry.h"

#include <cstdlib>
#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <unistd.h>

namespace interleave::test {

RunConfig configFor(const std::string& id,
                    const std::vector<std::pair<std::string, std::string>>& sets)
{
    const Scenario& scenario = requireScenario(id);
    RunConfig config;
    config.scenario = &scenario;
    config.parameters = resolveParameters(scenario.info().parameters, sets);
    config.workerExecutable = INTERLEAVE_WORKER_PATH;
    return config;
}

std::shared_ptr<TraceStore>
runScenario(const std::string& id, const std::vector<std::pair<std::string, std::string>>& sets)
{
    Run run(configFor(id, sets));
    run.start();
    run.wait();
    return run.trace();
}

const Lane* laneNamed(const TraceStore& trace, const std::string& name)
{
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        if (trace.lane(i).info.name == name)
            return &trace.lane(i);
    }
    return nullptr;
}

bool processAlive(int pid)
{
    if (pid <= 0 || kill(pid, 0) != 0)
        return false;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto paren = text.rfind(')');
    return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] != 'Z';
}

int openFdCount()
{
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
        (void)entry;
        ++count;
    }
    return count;
}

bool segmentMapped()
{
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        if (line.find("memfd:interleave-run") != std::string::npos)
            return true;
    }
    return false;
}

TemporaryDirectory::TemporaryDirectory()
{
    const char* base = std::getenv("TMPDIR");
    m_path = std::string(base ? base : "/tmp") + "/interleave-test-XXXXXX";
    if (mkdtemp(m_path.data()) == nullptr)
        std::abort();
}

TemporaryDirectory::~TemporaryDirectory()
{
    std::error_code ignored; // a test that made a file read-only must not make this throw
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(m_path, ignored);
}

} // namespace interleave::test
