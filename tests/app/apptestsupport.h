#pragma once

#include <QCoreApplication>
#include <QTemporaryDir>

namespace interleave::test {

/// Keeps a test's settings (recent files, theme, parameters) out of the user's: QSettings
/// writes below `directory`, under an application name of the test's own.
inline void isolateSettings(const QTemporaryDir& directory, const char* application)
{
    qputenv("XDG_CONFIG_HOME", directory.path().toUtf8());
    QCoreApplication::setOrganizationName("InterleaveTest");
    QCoreApplication::setApplicationName(application);
}

} // namespace interleave::test
