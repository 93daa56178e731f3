// PostgresRepository: opening a PostgreSQL connection (timeouts, schema, migrations) and getting it back after
// the server went away. The ports themselves are SqlRepository's, shared with SQLite.

#include "postgresrepository.h"

#include "server/logcategories.h"
#include "server/storage/postgresmigrations.h"

#include <QSqlError>
#include <QSqlQuery>

namespace betthat::server {

PostgresRepository::PostgresRepository(DatabaseLocation location, QString connectionName)
    : SqlRepository(std::move(connectionName))
    , m_location(std::move(location))
{ }

PostgresRepository::~PostgresRepository()
{
    close();
}

QString PostgresRepository::connectOptions(const DatabaseLocation &location, int statementTimeoutMs)
{
    // Qt joins these with spaces into libpq's connection string. DatabaseLocation::parse only lets through
    // values without spaces, quotes or ';', so none can start another parameter.
    QStringList options;
    bool connectTimeout = false;
    for (const auto &[key, value] : location.options) {
        options << key + QLatin1Char('=') + value;
        connectTimeout = connectTimeout || key == QLatin1String("connect_timeout");
    }
    if (!connectTimeout)
        options << QStringLiteral("connect_timeout=%1").arg(kConnectTimeoutS);
    QString server = QStringLiteral("-c statement_timeout=%1").arg(statementTimeoutMs);
    if (!location.schema.isEmpty())
        server += QStringLiteral(" -c search_path=") + location.schema;
    options << QStringLiteral("options='%1'").arg(server);
    return options.join(QLatin1Char(';'));
}

Status PostgresRepository::open()
{
    if (QSqlDatabase::contains(connectionName())) {
        if (QSqlDatabase::database(connectionName(), false).isOpen())
            return Ok{};
        close(); // the remains of a failed open
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return makeError(ErrorCode::Unavailable,
            QStringLiteral("the Qt PostgreSQL driver (QPSQL, Debian package libqt6sql6-psql) is not installed"));

    const Status status = [this]() -> Status {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName());
        // Empty parts stay unset: libpq then takes them from PG* variables and the password file.
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
        db.setConnectOptions(connectOptions(m_location));
        if (!db.open())
            return makeError(ErrorCode::Unavailable,
                QStringLiteral("cannot connect to %1: %2").arg(m_location.displayName(), db.lastError().text()));
        {
            // CREATE TABLE IF NOT EXISTS and friends report NOTICEs that would only clutter the log.
            QSqlQuery q(db);
            q.exec(QStringLiteral("SET client_min_messages = warning"));
        }
        return PostgresMigrations::migrate(db);
    }();
    if (!status) {
        qCWarning(lcStorage).noquote() << status.error().message;
        close();
        return status;
    }
    m_opened = true;
    qCDebug(lcStorage).noquote() << "opened" << m_location.displayName() << "as" << connectionName();
    return Ok{};
}

Status PostgresRepository::probeWritable()
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return sql::notOpen();
    reconnectIfLost(db);
    // A standby, or a database set read-only, accepts reads but refuses every commit. Asking is enough: a
    // real write would take the event counter's lock from the committing requests.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT pg_is_in_recovery(), current_setting('transaction_read_only')")) || !q.next())
        return sql::readError(QStringLiteral("writability probe"), q.lastError());
    if (q.value(0).toBool())
        return makeError(ErrorCode::Unavailable, QStringLiteral("database not writable: the server is a standby"));
    if (q.value(1).toString() == QLatin1String("on"))
        return makeError(ErrorCode::Unavailable, QStringLiteral("database not writable: transactions are read-only"));
    return Ok {};
}

Status PostgresRepository::backupTo(const QString &)
{
    return makeError(ErrorCode::BadRequest,
        QStringLiteral("back up PostgreSQL with pg_dump (docs/OPERATIONS.md), not with betthat-server backup"));
}

void PostgresRepository::reconnectIfLost(QSqlDatabase &db) const
{
    // libpq reports the connection bad once a statement found it gone (server restart, network, a terminated
    // backend); QPSQL never reconnects on its own. Until a new connection works, every call answers
    // Unavailable, which the HTTP layer turns into 503 and the feed into a later retry.
    if (!m_opened || (m_lastReconnect.isValid() && m_lastReconnect.elapsed() < kReconnectIntervalMs))
        return;
    m_lastReconnect.start();
    db.close(); // frees the broken libpq connection; open() would otherwise leak it
    if (db.open()) {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SET client_min_messages = warning"));
        qCInfo(lcStorage).noquote() << "reconnected to" << m_location.displayName();
    } else {
        qCWarning(lcStorage).noquote() << "cannot reconnect to" << m_location.displayName() << ":"
                                       << db.lastError().text();
    }
}

} // namespace betthat::server
