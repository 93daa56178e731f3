// PostgresListener: LISTEN on a connection of its own, turn notifications into wake-ups, and come back after
// the connection is lost.

#include "postgreslistener.h"

#include "server/logcategories.h"
#include "server/storage/postgresrepository.h"
#include "server/storage/sqlrepository.h"
#include "server/storage/sqlsupport.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace betthat::server {

PostgresListener::PostgresListener(DatabaseLocation location, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
    , m_connectionName(SqlRepository::uniqueConnectionName(QStringLiteral("listener")))
{
    m_probe.setInterval(kProbeIntervalMs);
    connect(&m_probe, &QTimer::timeout, this, &PostgresListener::probe);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, [this] {
        if (!m_running || m_listening)
            return;
        if (!connectAndListen()) {
            m_backoffMs = qMin(m_backoffMs * 2, kMaxBackoffMs);
            m_reconnect.start(m_backoffMs);
        }
    });
}

PostgresListener::~PostgresListener()
{
    stop();
}

Status PostgresListener::start()
{
    if (m_running)
        return state();
    m_running = true;
    m_probe.start();
    if (!connectAndListen())
        m_reconnect.start(m_backoffMs);
    return state();
}

void PostgresListener::stop()
{
    m_running = false;
    m_probe.stop();
    m_reconnect.stop();
    closeConnection();
}

Status PostgresListener::state() const
{
    if (m_listening)
        return Ok {};
    return makeError(ErrorCode::Unavailable,
        QStringLiteral("not listening for other nodes' commits%1")
            .arg(m_lastError.isEmpty() ? QString() : QStringLiteral(": ") + m_lastError));
}

bool PostgresListener::connectAndListen()
{
    closeConnection();
    // A function of its own: its handles on the connection are gone before closeConnection() removes it.
    if (!openAndSubscribe()) {
        closeConnection();
        return false;
    }
    m_listening = true;
    m_lastError.clear();
    m_backoffMs = kMinBackoffMs;
    qCInfo(lcStorage).noquote() << "listening for commits on" << m_location.displayName() << "(backend pid"
                                << m_backendPid << ")";
    // Whatever was committed while nobody listened: the readers look after their cursors.
    Q_EMIT eventCommitted(0);
    return true;
}

bool PostgresListener::openAndSubscribe()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    if (!m_location.host.isEmpty())
        db.setHostName(m_location.host);
    if (m_location.port > 0)
        db.setPort(m_location.port);
    if (!m_location.user.isEmpty())
        db.setUserName(m_location.user);
    if (!m_location.password.isEmpty())
        db.setPassword(m_location.password);
    if (!m_location.database.isEmpty())
        db.setDatabaseName(m_location.database);
    db.setConnectOptions(PostgresRepository::connectOptions(m_location));
    if (!db.open()) {
        m_lastError = db.lastError().text();
        qCWarning(lcStorage).noquote() << "listener: cannot connect to" << m_location.displayName() << ":"
                                       << m_lastError << "- retrying in" << m_backoffMs << "ms";
        return false;
    }
    QSqlQuery pid(db);
    if (!pid.exec(QStringLiteral("SELECT pg_backend_pid()")) || !pid.next()
        || !db.driver()->subscribeToNotification(QLatin1String(sql::kEventChannel))) {
        m_lastError = pid.lastError().isValid() ? pid.lastError().text() : db.driver()->lastError().text();
        qCWarning(lcStorage).noquote() << "listener: cannot LISTEN on" << m_location.displayName() << ":"
                                       << m_lastError;
        return false;
    }
    m_backendPid = pid.value(0).toLongLong();
    connect(db.driver(), &QSqlDriver::notification, this, &PostgresListener::onNotification, Qt::UniqueConnection);
    return true;
}

void PostgresListener::probe()
{
    if (!m_listening)
        return;
    // An idle libpq connection does not notice its server went away; a trivial statement does.
    QString failure;
    const bool alive = [this, &failure] {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        QSqlQuery q(db);
        if (db.isOpen() && q.exec(QStringLiteral("SELECT 1")))
            return true;
        failure = q.lastError().text();
        return false;
    }();
    if (!alive)
        connectionLost(failure);
}

void PostgresListener::connectionLost(const QString &why)
{
    m_listening = false;
    m_lastError = why.trimmed().isEmpty() ? QStringLiteral("connection lost") : why.trimmed();
    qCWarning(lcStorage).noquote() << "listener: lost the connection to" << m_location.displayName() << ":"
                                   << m_lastError << "- reconnecting";
    closeConnection();
    if (m_running)
        m_reconnect.start(m_backoffMs);
}

void PostgresListener::onNotification(
    const QString &name, QSqlDriver::NotificationSource, const QVariant &payload)
{
    if (name != QLatin1String(sql::kEventChannel))
        return;
    bool ok = false;
    const qint64 seq = payload.toString().toLongLong(&ok);
    Q_EMIT eventCommitted(ok && seq > 0 ? seq : 0);
}

void PostgresListener::closeConnection()
{
    m_listening = false;
    m_backendPid = 0;
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

} // namespace betthat::server
