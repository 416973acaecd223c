#include "displaycheck.h"

#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace interleave {

namespace {

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

/// Asks libxcb (which Qt's xcb plugin uses anyway) to connect to $DISPLAY, loaded at run time
/// so that the app does not link X for this one question.
bool xServerAnswers()
{
    if (environment("DISPLAY").empty())
        return false;
    void* xcb = dlopen("libxcb.so.1", RTLD_NOW | RTLD_LOCAL);
    if (xcb == nullptr)
        return false;
    using Connect = void* (*)(const char*, int*);
    using HasError = int (*)(void*);
    using Disconnect = void (*)(void*);
    auto connect = reinterpret_cast<Connect>(dlsym(xcb, "xcb_connect"));
    auto hasError = reinterpret_cast<HasError>(dlsym(xcb, "xcb_connection_has_error"));
    auto disconnect = reinterpret_cast<Disconnect>(dlsym(xcb, "xcb_disconnect"));
    bool answers = false;
    if (connect && hasError && disconnect) {
        void* connection = connect(nullptr, nullptr);
        answers = connection != nullptr && hasError(connection) == 0;
        if (connection != nullptr)
            disconnect(connection);
    }
    dlclose(xcb);
    return answers;
}

bool waylandAnswers()
{
    std::string socketPath = environment("WAYLAND_DISPLAY");
    if (socketPath.empty())
        return false;
    if (socketPath[0] != '/') {
        const std::string runtime = environment("XDG_RUNTIME_DIR");
        if (runtime.empty())
            return false;
        socketPath = runtime + "/" + socketPath;
    }
    sockaddr_un address{};
    if (socketPath.size() >= sizeof(address.sun_path))
        return false;
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, socketPath.c_str(), socketPath.size() + 1);
    const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const bool answers =
        ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
    close(fd);
    return answers;
}

} // namespace

bool displayAvailable()
{
    const std::string platform = environment("QT_QPA_PLATFORM");
    const bool wantsX = platform.empty() || platform.find("xcb") != std::string::npos;
    const bool wantsWayland = platform.empty() || platform.find("wayland") != std::string::npos;
    if (!platform.empty() && !wantsX && !wantsWayland)
        return true; // offscreen, minimal, vnc, eglfs...: Qt needs no display server
    return (wantsX && xServerAnswers()) || (wantsWayland && waylandAnswers());
}

} // namespace interleave
