#pragma once

#include <stdexcept>
#include <string>

namespace interleave {

/// Bad input from the user: unknown scenario or parameter, value out of range, bad flag.
/// The CLI turns it into a one-line message and exit status 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A trace file that cannot be trusted: truncated, corrupt, foreign or of an unknown version.
class FormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// An operating-system call failed; the message names the call and errno's text.
class SystemError : public std::runtime_error {
public:
    SystemError(const std::string& what, int error);
    int error() const { return m_error; }

private:
    int m_error;
};

/// Thrown inside a worker when its run is being stopped, to unwind it from any blocking call.
class RunCancelled : public std::exception {
public:
    const char* what() const noexcept override { return "run cancelled"; }
};

} // namespace interleave
