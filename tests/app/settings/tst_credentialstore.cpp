// CredentialStore (file backend): tokens per server, a file only the owner can read, removal.
#include "app/settings/credentialstore.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace betthat::app;

class TestCredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void token_roundTripsPerServer()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("nested/credentials.ini"));
        CredentialStore store(file, CredentialStore::Backend::File);
        QCOMPARE(store.readToken(QStringLiteral("https://a.example.com")), QString());
        QVERIFY(store.writeToken(QStringLiteral("https://a.example.com"), QStringLiteral("token-a")));
        QVERIFY(store.writeToken(QStringLiteral("http://127.0.0.1:8000/prefix"), QStringLiteral("token-b")));
        QCOMPARE(store.lastBackendUsed(), QStringLiteral("file"));

        CredentialStore again(file, CredentialStore::Backend::File);
        QCOMPARE(again.readToken(QStringLiteral("https://a.example.com")), QStringLiteral("token-a"));
        QCOMPARE(again.readToken(QStringLiteral("http://127.0.0.1:8000/prefix")), QStringLiteral("token-b"));
        QCOMPARE(again.readToken(QStringLiteral("https://b.example.com")), QString());
    }

    void file_isReadableByTheOwnerOnly()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("credentials.ini"));
        CredentialStore store(file, CredentialStore::Backend::File);
        QVERIFY(store.writeToken(QStringLiteral("https://a.example.com"), QStringLiteral("secret")));
        QVERIFY(store.writeToken(QStringLiteral("https://a.example.com"), QStringLiteral("secret2")));
        const QFile::Permissions permissions = QFileInfo(file).permissions();
        QVERIFY(permissions & QFile::ReadOwner);
        QVERIFY(permissions & QFile::WriteOwner);
        QCOMPARE(permissions & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
            QFile::Permissions());
    }

    void remove_forgetsThatServerOnly()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("credentials.ini"));
        CredentialStore store(file, CredentialStore::Backend::File);
        QVERIFY(store.writeToken(QStringLiteral("https://a.example.com"), QStringLiteral("a")));
        QVERIFY(store.writeToken(QStringLiteral("https://b.example.com"), QStringLiteral("b")));
        store.removeToken(QStringLiteral("https://a.example.com"));
        QCOMPARE(store.readToken(QStringLiteral("https://a.example.com")), QString());
        QCOMPARE(store.readToken(QStringLiteral("https://b.example.com")), QStringLiteral("b"));
    }

    void unwritablePlace_failsWithAReason()
    {
        CredentialStore store(
            QStringLiteral("/proc/betthat/credentials.ini"), CredentialStore::Backend::File);
        QVERIFY(!store.writeToken(QStringLiteral("https://a.example.com"), QStringLiteral("a")));
        QVERIFY(store.lastError().contains(QStringLiteral("/proc/betthat/credentials.ini")));
    }
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
