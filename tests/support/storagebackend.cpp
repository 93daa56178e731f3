#include "storagebackend.h"

#include "server/storage/sqliterepository.h"

#include <QDebug>
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
