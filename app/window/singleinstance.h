#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;

namespace interleave {

/// One window per user, as desktop users expect: the first `interleave` listens on a local
/// socket; a later `interleave FILE` hands its files to it (the running window opens them and
/// comes to the front) and exits. A socket left by a crashed instance is taken over.
class SingleInstance : public QObject {
    Q_OBJECT
public:
    /// `name`: the socket; the default is per user (in $XDG_RUNTIME_DIR when there is one).
    explicit SingleInstance(QString name = defaultName(), QObject* parent = nullptr);
    ~SingleInstance() override;

    /// Hands `files` (made absolute) to a running instance; true when it took them.
    bool forward(const QStringList& files) const;
    /// Becomes the instance others forward to. False when the socket cannot be had.
    bool listen();

    static QString defaultName();

signals:
    /// A later `interleave` asked to be shown, with these files (absolute; may be empty).
    void activated(const QStringList& files);

private:
    void readRequest();

    QString m_name;
    QLocalServer* m_server = nullptr;
};

} // namespace interleave
