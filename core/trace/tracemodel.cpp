#include "trace/tracemodel.h"

#include <algorithm>

namespace interleave {

const char* workerKindName(WorkerKind kind)
{
    return kind == WorkerKind::Process ? "process" : "thread";
}

const char* workerFateName(WorkerFate fate)
{
    switch (fate) {
    case WorkerFate::Unknown: return "unknown";
    case WorkerFate::Returned: return "returned";
    case WorkerFate::Failed: return "failed";
    case WorkerFate::Cancelled: return "cancelled";
    case WorkerFate::Crashed: return "crashed";
    }
    return "unknown";
}

const char* momentKindName(MomentKind kind)
{
    switch (kind) {
    case MomentKind::LostUpdate: return "lost update";
    case MomentKind::GilHandOver: return "GIL hand-over";
    case MomentKind::FirstLockWait: return "first lock wait";
    case MomentKind::DeepestQueue: return "deepest queue";
    case MomentKind::Sentinel: return "sentinel";
    case MomentKind::PoolBusy: return "pool busy";
    }
    return "moment";
}

std::string RunInfo::parameter(const std::string& name) const
{
    for (const auto& [key, value] : parameters) {
        if (key == name)
            return value;
    }
    return {};
}

std::string RunInfo::commandLine() const
{
    if (scenario.empty())
        return {};
    const std::string script = parameter("script");
    if (!script.empty()) {
        const std::string arguments = parameter("arguments");
        const std::size_t slash = script.rfind('/');
        return "interleave trace " + script.substr(slash == std::string::npos ? 0 : slash + 1) +
               (arguments.empty() ? "" : " " + arguments);
    }
    std::string line = "interleave run " + scenario;
    for (const auto& [name, value] : parameters)
        line += " --set " + name + "=" + value;
    return line;
}

const char* objectKindName(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::None: return "none";
    case ObjectKind::Mutex: return "lock";
    case ObjectKind::Queue: return "queue";
    case ObjectKind::Value: return "value";
    case ObjectKind::Pipe: return "pipe";
    case ObjectKind::Gil: return "gil";
    }
    return "unknown";
}

void CounterSeries::append(std::uint64_t t, double value)
{
    if (sortedPrefix == times.size() && (times.empty() || times.back() <= t))
        ++sortedPrefix;
    times.push_back(t);
    values.push_back(value);
    highest = std::max(highest, value);
}

void CounterSeries::sort()
{
    if (sortedPrefix == times.size())
        return;
    std::vector<std::pair<std::uint64_t, double>> points(times.size());
    for (std::size_t i = 0; i < times.size(); ++i)
        points[i] = {times[i], values[i]};
    const auto byTime = [](const auto& x, const auto& y) { return x.first < y.first; };
    const auto middle = points.begin() + std::ptrdiff_t(sortedPrefix);
    std::stable_sort(middle, points.end(), byTime);
    std::inplace_merge(points.begin(), middle, points.end(), byTime);
    for (std::size_t i = 0; i < points.size(); ++i) {
        times[i] = points[i].first;
        values[i] = points[i].second;
    }
    sortedPrefix = times.size();
}

void Results::set(const std::string& name, ResultValue value)
{
    for (auto& [key, existing] : values) {
        if (key == name) {
            existing = std::move(value);
            return;
        }
    }
    values.emplace_back(name, std::move(value));
}

const ResultValue* Results::find(const std::string& name) const
{
    for (const auto& [key, value] : values) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

std::optional<std::int64_t> Results::integer(const std::string& name) const
{
    if (const ResultValue* v = find(name)) {
        if (const auto* i = std::get_if<std::int64_t>(v))
            return *i;
    }
    return std::nullopt;
}

std::optional<double> Results::real(const std::string& name) const
{
    if (const ResultValue* v = find(name)) {
        if (const auto* d = std::get_if<double>(v))
            return *d;
        if (const auto* i = std::get_if<std::int64_t>(v))
            return double(*i);
    }
    return std::nullopt;
}

} // namespace interleave
