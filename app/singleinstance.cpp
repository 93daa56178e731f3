#include "singleinstance.h"

#include "app/logcategories.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QTimer>
#include <QtEndian>

namespace betthat::app {

namespace {

// A frame: 4-byte big-endian length, then a JSON array of strings. The answer is one byte.
constexpr char kAck = '\x06';

QString runtimeDirectory()
{
    // XDG_RUNTIME_DIR is per user and private; without it (containers, some CI) the temporary directory does,
    // with the user's name in the key and the socket restricted to the user.
    const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!xdg.isEmpty() && QDir(xdg).exists())
        return xdg;
    return QDir::tempPath();
}

QByteArray frame(const QStringList &arguments)
{
    const QByteArray json = QJsonDocument(QJsonArray::fromStringList(arguments)).toJson(QJsonDocument::Compact);
    QByteArray out(4, '\0');
    qToBigEndian<quint32>(static_cast<quint32>(json.size()), out.data());
    return out + json;
}

} // namespace

SingleInstance::SingleInstance(const QString &name, QObject *parent)
    : QObject(parent)
{
    const QString base = QDir(runtimeDirectory()).filePath(name);
    m_serverName = base + QStringLiteral(".socket");
    m_lock = std::make_unique<QLockFile>(base + QStringLiteral(".lock"));
    // Only a dead owner makes the lock stale (QLockFile checks its PID), never its age: a window may run for
    // weeks.
    m_lock->setStaleLockTime(0);
}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close();
    m_lock->unlock();
}

QString SingleInstance::nameFor(const QString &dataDir)
{
    const QString directory = dataDir.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        : QDir(dataDir).absolutePath();
    // The user in the name keeps users apart in a shared temporary directory; the hash keeps the socket path
    // short (sun_path holds 108 bytes).
    const QByteArray hash = QCryptographicHash::hash(
        (qEnvironmentVariable("USER") + QLatin1Char('\n') + directory).toUtf8(), QCryptographicHash::Sha256);
    return QStringLiteral("betthat-%1").arg(QString::fromLatin1(hash.toHex().left(16)));
}

SingleInstance::Start SingleInstance::start()
{
    if (!m_lock->tryLock(0)) {
        if (m_lock->error() == QLockFile::LockFailedError)
            return Start::AlreadyRunning;
        m_error = QStringLiteral("cannot create the lock file %1").arg(m_lock->fileName());
        return Start::Failed;
    }
    // We hold the lock, so a socket file left there belongs to a process that died: remove it, or listen fails.
    QLocalServer::removeServer(m_serverName);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_serverName)) {
        m_error = QStringLiteral("cannot listen on %1: %2").arg(m_serverName, m_server->errorString());
        delete m_server;
        m_server = nullptr;
        m_lock->unlock();
        return Start::Failed;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::acceptConnections);
    return Start::Primary;
}

void SingleInstance::acceptConnections()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        // A peer that connects and sends nothing (or too little) must not stay forever.
        auto *timeout = new QTimer(socket);
        timeout->setSingleShot(true);
        connect(timeout, &QTimer::timeout, socket, [socket] {
            qCWarning(lcApp) << "single instance: a launch did not send its arguments in time; dropped";
            socket->abort();
            socket->deleteLater();
        });
        timeout->start(m_readTimeoutMs);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        readFrom(socket);
    }
}

void SingleInstance::readFrom(QLocalSocket *socket)
{
    if (socket->bytesAvailable() < 4)
        return;
    QByteArray header = socket->peek(4);
    const quint32 length = qFromBigEndian<quint32>(header.constData());
    if (length > kMaxMessageBytes) {
        qCWarning(lcApp) << "single instance: a launch sent" << length << "bytes; the limit is"
                         << kMaxMessageBytes;
        socket->abort();
        socket->deleteLater();
        return;
    }
    if (socket->bytesAvailable() < 4 + qint64(length))
        return;
    socket->read(4);
    const QByteArray body = socket->read(length);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    QStringList arguments;
    bool valid = parseError.error == QJsonParseError::NoError && document.isArray();
    for (const QJsonValue &value : document.array()) {
        valid = valid && value.isString();
        arguments.append(value.toString());
    }
    if (!valid) {
        qCWarning(lcApp) << "single instance: a launch sent something that is not a list of arguments";
        socket->abort();
        socket->deleteLater();
        return;
    }
    socket->write(&kAck, 1);
    socket->flush();
    socket->disconnectFromServer();
    emit argumentsReceived(arguments);
}

void SingleInstance::sendArguments(const QStringList &arguments, int timeoutMs)
{
    auto *socket = new QLocalSocket(this);
    auto *timeout = new QTimer(socket);
    timeout->setSingleShot(true);
    // Exactly one outcome per call, whichever comes first.
    auto finished = std::make_shared<bool>(false);
    const auto finish = [this, socket, finished](const QString &failure) {
        if (*finished)
            return;
        *finished = true;
        socket->abort();
        socket->deleteLater();
        if (failure.isEmpty())
            emit delivered();
        else
            emit failed(failure);
    };
    connect(timeout, &QTimer::timeout, this, [finish, timeoutMs] {
        finish(QStringLiteral("the running instance did not answer within %1 ms").arg(timeoutMs));
    });
    connect(socket, &QLocalSocket::connected, this, [socket, arguments] { socket->write(frame(arguments)); });
    connect(socket, &QLocalSocket::readyRead, this, [socket, finish] {
        if (socket->read(1) == QByteArray(1, kAck))
            finish({});
        else
            finish(QStringLiteral("the running instance answered something unexpected"));
    });
    connect(socket, &QLocalSocket::errorOccurred, this, [socket, finish](QLocalSocket::LocalSocketError error) {
        // The primary closes right after its acknowledgement; that close is no failure once the byte arrived.
        if (error == QLocalSocket::PeerClosedError && socket->bytesAvailable() > 0)
            return;
        finish(QStringLiteral("cannot reach the running instance: %1").arg(socket->errorString()));
    });
    timeout->start(timeoutMs);
    // From the event loop: a refused connect reports at once, and the caller must get the outcome only after
    // sendArguments() has returned (with its signals connected and a loop to run).
    QMetaObject::invokeMethod(
        socket, [socket, name = m_serverName] { socket->connectToServer(name); }, Qt::QueuedConnection);
}

} // namespace betthat::app
