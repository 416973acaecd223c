#include "cli/pictureargs.h"

#include "base/errors.h"
#include "export/comparisonpicture.h"
#include "export/pictureexport.h"
#include "theme.h"
#include "trace/tracestore.h"

#include <QGuiApplication>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace interleave::cli {

void requirePictureName(const std::string& path)
{
    if (!pictureFormatFor(QString::fromStdString(path)))
        throw UsageError("'" + path + "': choose a .png, .svg or .pdf file name");
}

std::uint64_t parseDuration(const std::string& text)
{
    double value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    const auto [rest, error] = std::from_chars(begin, end, value);
    if (error != std::errc() || rest == begin || value < 0 || !std::isfinite(value))
        throw UsageError("'" + text + "' is not a time (e.g. 1.5s, 200ms, 40us, 900ns)");
    const std::string unit(rest, end);
    double scale = 1e9;
    if (unit == "ns")
        scale = 1;
    else if (unit == "us" || unit == "\u00b5s")
        scale = 1e3;
    else if (unit == "ms")
        scale = 1e6;
    else if (unit == "s" || unit.empty())
        scale = 1e9;
    else
        throw UsageError("'" + text + "': unknown time unit '" + unit + "' (ns, us, ms, s)");
    return std::uint64_t(std::llround(value * scale));
}

PictureOptions pictureOptions(const Arguments& args, const TraceStore& trace)
{
    PictureOptions options;
    if (const auto size = args.value("--size")) {
        int width = 0, height = 0;
        char x = 0;
        char extra = 0;
        if (std::sscanf(size->c_str(), "%d%c%d%c", &width, &x, &height, &extra) != 3 ||
            (x != 'x' && x != 'X'))
            throw UsageError("--size wants WIDTHxHEIGHT, e.g. 1920x1080, not '" + *size + "'");
        options.size = QSize(width, height);
        if (width < 200 || height < 120 || width > 16384 || height > 16384)
            throw UsageError("--size must be between 200x120 and 16384x16384");
    }
    if (const auto scale = args.value("--scale")) {
        char* end = nullptr;
        options.scale = std::strtod(scale->c_str(), &end);
        if (end == scale->c_str() || *end != '\0' || options.scale < 0.25 || options.scale > 8)
            throw UsageError("--scale wants a number from 0.25 to 8, e.g. 2, not '" + *scale + "'");
    }
    if (const auto range = args.value("--range")) {
        const auto dots = range->find("..");
        if (dots == std::string::npos)
            throw UsageError("--range wants START..END, e.g. 0.5s..1.5s, not '" + *range + "'");
        const std::string from = range->substr(0, dots);
        const std::string to = range->substr(dots + 2);
        if (!from.empty())
            options.rangeStart = parseDuration(from);
        if (!to.empty())
            options.rangeEnd = parseDuration(to);
        if (options.rangeStart && options.rangeEnd && *options.rangeEnd <= *options.rangeStart)
            throw UsageError("--range: the end must come after the start");
    }
    if (const auto at = args.value("--at")) {
        options.playhead = parseDuration(*at);
        if (*options.playhead > trace.run.durationNs() && trace.run.durationNs() > 0)
            throw UsageError("--at " + *at + " is after the end of the trace (" +
                             std::to_string(trace.run.durationNs() / 1'000'000) + " ms)");
    }
    if (const auto theme = args.value("--theme")) {
        if (*theme != "lecture" && *theme != "light" && *theme != "dark")
            throw UsageError("--theme is lecture, light or dark, not '" + *theme + "'");
        options.theme = &Theme::byName(QString::fromStdString(*theme));
    }
    if (const auto title = args.value("--title"))
        options.title = QString::fromStdString(*title);
    if (const auto lanes = args.value("--lanes")) {
        std::size_t start = 0;
        while (start <= lanes->size()) {
            const std::size_t comma = std::min(lanes->find(',', start), lanes->size());
            const std::string name = lanes->substr(start, comma - start);
            bool found = false;
            for (std::size_t i = 0; i < trace.laneCount(); ++i) {
                if (trace.lane(i).info.name == name) {
                    options.lanes.push_back(std::uint16_t(i));
                    found = true;
                }
            }
            if (!found)
                throw UsageError("--lanes: no lane named '" + name + "'");
            start = comma + 1;
        }
    }
    options.charts = !args.flag("--no-charts");
    options.legend = !args.flag("--no-legend");
    return options;
}

namespace {

/// Pictures need fonts and a paint engine, not a screen: Qt's offscreen platform will do.
std::unique_ptr<QGuiApplication> headlessApplication()
{
    if (QGuiApplication::instance() != nullptr)
        return nullptr;
    qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        // Qt wants one and warns without it; a private directory of our own will do.
        const QByteArray dir = "/tmp/runtime-" + QByteArray::number(getuid());
        ::mkdir(dir.constData(), 0700);
        qputenv("XDG_RUNTIME_DIR", dir);
    }
    static int argc = 1;
    static char name[] = "interleave";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QGuiApplication>(argc, argv);
}

} // namespace

void writePicture(std::shared_ptr<TraceStore> trace, const PictureOptions& options,
                  const std::string& path)
{
    const auto app = headlessApplication();
    exportPicture(std::move(trace), options, QString::fromStdString(path));
}

void writeComparison(std::shared_ptr<TraceStore> first, std::shared_ptr<TraceStore> second,
                     const ComparisonOptions& options, const std::string& path)
{
    const auto app = headlessApplication();
    exportDrawing(comparisonDrawing(std::move(first), std::move(second), options),
                  QString::fromStdString(path));
}

} // namespace interleave::cli
