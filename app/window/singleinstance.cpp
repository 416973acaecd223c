#include "window/singleinstance.h"

#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <unistd.h>

namespace interleave {

namespace {
/// How long a later instance waits for the running one: a hung window must not hang it.
constexpr int kTimeoutMs = 2000;
/// The request: "open" and one absolute path per line; the answer "ok".
constexpr char kOpen[] = "open\n";
} // namespace

SingleInstance::SingleInstance(QString name, QObject* parent)
    : QObject(parent)
    , m_name(std::move(name))
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultName()
{
    // Tests and side-by-side sessions choose their own.
    const QString chosen = qEnvironmentVariable("INTERLEAVE_INSTANCE_SOCKET");
    if (!chosen.isEmpty())
        return chosen;
    // Read directly: QStandardPaths warns on every start where the variable is unset.
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    const QString file = QStringLiteral("interleave-%1.socket").arg(getuid());
    return runtime.isEmpty() ? file : QDir(runtime).filePath(file);
}

bool SingleInstance::forward(const QStringList& files) const
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(kTimeoutMs))
        return false;
    QByteArray request(kOpen);
    for (const QString& file : files)
        request += QFileInfo(file).absoluteFilePath().toUtf8() + '\n';
    request += '\n'; // an empty line ends the request
    socket.write(request);
    if (!socket.waitForBytesWritten(kTimeoutMs))
        return false;
    while (!socket.canReadLine()) {
        if (!socket.waitForReadyRead(kTimeoutMs))
            return false;
    }
    return socket.readLine().trimmed() == "ok";
}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name)) {
        // Nobody answered forward(), so a socket file there is a crashed instance's.
        QLocalServer::removeServer(m_name);
        if (!m_server->listen(m_name))
            return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::readRequest);
    return true;
}

void SingleInstance::readRequest()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        QPointer<QLocalSocket> guard(socket);
        const auto handle = [this, guard] {
            if (!guard)
                return;
            // Wait for the whole request (it ends with an empty line).
            const QByteArray pending = guard->peek(guard->bytesAvailable());
            if (!pending.startsWith(kOpen) || !pending.endsWith("\n\n"))
                return;
            QStringList files;
            const QList<QByteArray> lines = guard->readAll().split('\n');
            for (qsizetype i = 1; i < lines.size(); ++i) {
                if (!lines[i].isEmpty())
                    files << QString::fromUtf8(lines[i]);
            }
            guard->write("ok\n");
            guard->flush();
            // Later, from the event loop: opening a file may run one, and the socket that is
            // emitting this may be deleted in it once the other side hangs up.
            QMetaObject::invokeMethod(
                this, [this, files] { emit activated(files); }, Qt::QueuedConnection);
        };
        connect(socket, &QLocalSocket::readyRead, this, handle);
        handle(); // the request may have arrived before the connection was made
    }
}

} // namespace interleave
