#include "storagebackend.h"

#include "server/storage/databaselocation.h"
#include "server/storage/postgresrepository.h"
#include "server/storage/sqliterepository.h"

#include <QCoreApplication>
#include <QDebug>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <atomic>
#include <functional>

namespace betthat::test {

namespace {

// A handle that opened, or nullptr with the reason logged: a test then fails on QVERIFY(repo), and the log
// says why instead of a later read failing for no visible reason.
std::unique_ptr<server::Repository> opened(std::unique_ptr<server::Repository> repo, const QString &backend)
{
    const auto status = repo->open();
    if (!status) {
        qWarning().noquote() << backend << "backend: open failed:" << status.error().message;
        return nullptr;
    }
    return repo;
}

// SQLite: a file in a temporary directory that goes with the instance; every handle is its own connection.
class SqliteBackend final : public StorageBackend
{
public:
    QString name() const override { return QStringLiteral("sqlite"); }

    std::unique_ptr<server::Repository> create() override
    {
        if (!m_dir.isValid()) {
            qWarning().noquote() << "sqlite backend: no temporary directory:" << m_dir.errorString();
            return nullptr;
        }
        return reopen(); // opening a missing file creates and migrates it
    }

    std::unique_ptr<server::Repository> reopen() override
    {
        return opened(std::make_unique<server::SqliteRepository>(path(), connectionName()), name());
    }

private:
    QString path() const { return m_dir.filePath(QStringLiteral("contract.sqlite")); }

    // Qt Sql connection names are process-wide, and reopen() may run on a worker thread.
    static QString connectionName()
    {
        static std::atomic<int> counter { 0 };
        return QStringLiteral("storage-contract-%1").arg(++counter);
    }

    QTemporaryDir m_dir;
};

// PostgreSQL: the server BETTHAT_TEST_PG names (scripts/test starts a throwaway one). Each instance gets a
// schema of its own, created empty and dropped with the instance, so tests never see each other's rows and
// need no CREATE DATABASE (slow) per test; the repository reaches it through ?schema= (search_path).
class PostgresBackend final : public StorageBackend
{
public:
    QString name() const override { return QStringLiteral("postgres"); }

    ~PostgresBackend() override
    {
        if (m_schema.isEmpty())
            return;
        {
            QSqlDatabase admin = QSqlDatabase::database(adminConnection(), false);
            QSqlQuery q(admin);
            if (!q.exec(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(m_schema)))
                qWarning().noquote() << "postgres backend: cannot drop schema" << m_schema << ":" << q.lastError().text();
        }
        QSqlDatabase::removeDatabase(adminConnection());
    }

    std::unique_ptr<server::Repository> create() override
    {
        const QString url = qEnvironmentVariable("BETTHAT_TEST_PG");
        if (url.isEmpty()) {
            // Listed without a server only under CI=true: the suite must fail there, not pass on SQLite alone.
            qWarning().noquote() << "postgres backend: CI=true but BETTHAT_TEST_PG is not set;"
                                    " scripts/test starts a PostgreSQL for the tests";
            return nullptr;
        }
        const auto parsed = server::DatabaseLocation::parse(url);
        if (!parsed || !parsed->isPostgres()) {
            qWarning().noquote() << "postgres backend: BETTHAT_TEST_PG is not a postgres:// URL:" << url;
            return nullptr;
        }
        static std::atomic<int> counter { 0 };
        m_location = *parsed;
        m_schema = QStringLiteral("contract_%1_%2").arg(QCoreApplication::applicationPid()).arg(++counter);
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), adminConnection());
        admin.setHostName(m_location.host);
        if (m_location.port > 0)
            admin.setPort(m_location.port);
        admin.setUserName(m_location.user);
        admin.setPassword(m_location.password);
        admin.setDatabaseName(m_location.database);
        if (!admin.open()) {
            qWarning().noquote() << "postgres backend: cannot connect to" << m_location.displayName() << ":"
                                 << admin.lastError().text();
            return nullptr;
        }
        QSqlQuery q(admin);
        q.exec(QStringLiteral("SET client_min_messages = warning")); // no NOTICE per dropped table
        if (!q.exec(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(m_schema))
            || !q.exec(QStringLiteral("CREATE SCHEMA %1").arg(m_schema))) {
            qWarning().noquote() << "postgres backend: cannot create schema" << m_schema << ":" << q.lastError().text();
            return nullptr;
        }
        m_location.schema = m_schema;
        return reopen();
    }

    std::unique_ptr<server::Repository> reopen() override
    {
        if (m_schema.isEmpty())
            return nullptr;
        return opened(server::makeRepository(m_location, QStringLiteral("contract-pg")), name());
    }

private:
    QString adminConnection() const { return QStringLiteral("storage-contract-admin-") + m_schema; }

    server::DatabaseLocation m_location;
    QString m_schema;
};

bool postgresListed()
{
    if (qEnvironmentVariableIsSet("BETTHAT_TEST_PG"))
        return true;
    if (qEnvironmentVariable("CI") == QLatin1String("true"))
        return true; // and fails in create(): CI must run both backends
    static const bool told = [] {
        qInfo("postgres backend: left out, BETTHAT_TEST_PG is not set (scripts/test starts a PostgreSQL and sets it)");
        return true;
    }();
    Q_UNUSED(told);
    return false;
}

struct BackendKind
{
    QString name;
    std::function<bool()> available;
    std::function<std::unique_ptr<StorageBackend>()> make;
};

// The one place a backend is registered.
const QList<BackendKind> &backendKinds()
{
    static const QList<BackendKind> kinds {
        { QStringLiteral("sqlite"), [] { return true; }, [] { return std::make_unique<SqliteBackend>(); } },
        { QStringLiteral("postgres"), postgresListed, [] { return std::make_unique<PostgresBackend>(); } },
    };
    return kinds;
}

} // namespace

QStringList storageBackendNames()
{
    QStringList names;
    for (const BackendKind &kind : backendKinds())
        if (kind.available())
            names << kind.name;
    return names;
}

std::unique_ptr<StorageBackend> makeStorageBackend(const QString &name)
{
    for (const BackendKind &kind : backendKinds())
        if (kind.name == name && kind.available())
            return kind.make();
    return nullptr;
}

} // namespace betthat::test
