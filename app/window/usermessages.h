#pragma once

#include <QObject>
#include <QString>

class QStatusBar;
class QWidget;

namespace interleave {

/// How every part of the app tells the user something: one-line errors in a box that does not
/// block (the window and any run go on while it is read) and in the status bar, short notices
/// in the status bar. Keeps the last error, so tests can read what the user was told.
class UserMessages : public QObject {
    Q_OBJECT
public:
    /// `window` parents the boxes (none: no box, e.g. in tests); `bar` shows the lines.
    UserMessages(QWidget* window, QStatusBar* bar, QObject* parent = nullptr);

    void error(const QString& title, const QString& message);
    void notice(const QString& text, int milliseconds = 5000);
    const QString& lastError() const { return m_lastError; }

signals:
    void errorShown(const QString& title, const QString& message);

private:
    QWidget* m_window;
    QStatusBar* m_bar;
    QString m_lastError;
};

} // namespace interleave
