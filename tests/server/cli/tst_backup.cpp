// `betthat-server backup --to FILE` against a live server: while 200 resolutions commit, the copy opens,
// passes PRAGMA integrity_check and holds a consistent prefix of the event log (seqs 1..n with no gap, each
// bet's state as its last event in the copy says, and nothing of a later commit).
#include "server/core/betservice.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/testsupport.h"

#include <QFileInfo>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

using namespace betthat;
using namespace betthat::test;

class TestBackup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backup_duringResolutions_copyIsAConsistentPrefix();
    void backup_refusals_data();
    void backup_refusals();

private:
    static QProcessEnvironment environment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        return env;
    }
};

void TestBackup::backup_duringResolutions_copyIsAConsistentPrefix()
{
    TestServer server;
    QVERIFY(server.start());
    const TestUser op = server.addUser(QStringLiteral("olivia"), Role::Operator);
    const TestUser alice = server.addUser(QStringLiteral("alice"), Role::Bettor, 100000000);
    constexpr int kResolutions = 200;
    constexpr int kSpare = 400; // more resolutions if the backup is still running after the 200th
    QList<Bet> bets;
    for (int i = 0; i < kResolutions + kSpare; ++i)
        bets.append(server.placeBet(alice, 100));

    const QString copyPath = QFileInfo(server.dbPath()).absolutePath() + QStringLiteral("/copy.sqlite");
    QProcess backup;
    backup.setProcessEnvironment(environment());
    int resolved = 0;
    int resolvedWhenStarted = -1;
    int resolvedWhenFinished = -1;
    const auto resolveNext = [&] {
        const auto done = server.server().service().resolve(op.user, bets.at(resolved).id, BetResult::Win, QString());
        QVERIFY2(done.ok(), done.ok() ? "" : qPrintable(done.error().message));
        ++resolved;
    };
    // Commits before, during and after the copy: the copy's snapshot falls somewhere in the middle.
    while (resolved < kResolutions || (resolvedWhenFinished < 0 && resolved < kResolutions + kSpare)) {
        if (resolved == 50) {
            backup.start(QStringLiteral(BETTHAT_SERVER_EXE),
                { QStringLiteral("backup"), QStringLiteral("--to"), copyPath, QStringLiteral("--db"), server.dbPath() });
            QVERIFY(backup.waitForStarted());
            resolvedWhenStarted = resolved;
        }
        resolveNext();
        QCoreApplication::processEvents(); // QProcess learns of the child's exit in the event loop
        if (resolvedWhenStarted >= 0 && resolvedWhenFinished < 0 && backup.state() == QProcess::NotRunning)
            resolvedWhenFinished = resolved;
    }
    if (backup.state() != QProcess::NotRunning)
        QVERIFY(backup.waitForFinished(30000));
    QCOMPARE(backup.exitStatus(), QProcess::NormalExit);
    QVERIFY2(backup.exitCode() == 0, backup.readAllStandardError().constData());
    QVERIFY2(resolvedWhenFinished > resolvedWhenStarted, "the backup did not overlap any commit");
    QVERIFY(resolved >= kResolutions);

    // The copy, opened on its own.
    server::SqliteRepository copy(copyPath, QStringLiteral("backup-copy"));
    QVERIFY(copy.open().ok());
    {
        QSqlQuery check(copy.database());
        QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
        QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
    }
    const auto copyLast = copy.lastSeq();
    const auto liveLast = server.server().repository().lastSeq();
    QVERIFY(copyLast.ok() && liveLast.ok());
    QVERIFY2(*copyLast <= *liveLast, "the copy is ahead of the database it copies");

    // Seqs 1..n without a gap, each the live log's event of that seq.
    QList<BetEvent> copied;
    for (qint64 after = 0;;) {
        server::EventQuery query;
        query.afterSeq = after;
        query.limit = 500;
        const auto page = copy.events(query);
        QVERIFY(page.ok());
        if (page->isEmpty())
            break;
        copied += *page;
        after = page->constLast().seq;
    }
    QCOMPARE(qint64(copied.size()), *copyLast);
    server::EventQuery liveQuery;
    liveQuery.limit = 5000;
    const auto live = server.server().repository().events(liveQuery);
    QVERIFY(live.ok());
    for (int i = 0; i < copied.size(); ++i) {
        QCOMPARE(copied.at(i).seq, qint64(i + 1));
        QCOMPARE(copied.at(i).type, live->at(i).type);
        QCOMPARE(copied.at(i).betId, live->at(i).betId);
    }

    // Each bet in the copy is in the state its last event in the copy says: a resolution is in the copy
    // exactly when its event is.
    QHash<QString, QString> lastStatus;
    for (const BetEvent &event : copied)
        lastStatus.insert(event.betId, event.data.value(QStringLiteral("status")).toString());
    int resolvedInCopy = 0;
    for (const Bet &bet : bets) {
        const auto inCopy = copy.betById(bet.id);
        QVERIFY(inCopy.ok() && inCopy->has_value());
        QCOMPARE(statusName((*inCopy)->status), lastStatus.value(bet.id));
        resolvedInCopy += (*inCopy)->status == BetStatus::Settled ? 1 : 0;
    }
    // The snapshot fell while resolutions ran: some are in it, some are not.
    QVERIFY2(resolvedInCopy >= resolvedWhenStarted && resolvedInCopy <= resolvedWhenFinished,
        qPrintable(QStringLiteral("%1 resolved in the copy, backup ran from %2 to %3")
                       .arg(resolvedInCopy)
                       .arg(resolvedWhenStarted)
                       .arg(resolvedWhenFinished)));
    qInfo("backup ran while resolutions %d..%d committed; the copy holds %d of them (seq 1..%lld)",
        resolvedWhenStarted, resolvedWhenFinished, resolvedInCopy, *copyLast);
    copy.close();
}

void TestBackup::backup_refusals_data()
{
    QTest::addColumn<QString>("case_");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no --to") << QStringLiteral("noTo") << 2 << QStringLiteral("'backup' needs --to FILE");
    QTest::newRow("target exists") << QStringLiteral("exists") << 1 << QStringLiteral("already exists");
    QTest::newRow("no database") << QStringLiteral("noDb") << 1 << QStringLiteral("no database at");
}

void TestBackup::backup_refusals()
{
    QFETCH(QString, case_);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    TestServer server;
    QVERIFY(server.start());
    const QString dir = QFileInfo(server.dbPath()).absolutePath();
    const QString existing = dir + QStringLiteral("/exists.sqlite");
    QFile touch(existing);
    QVERIFY(touch.open(QIODevice::WriteOnly));
    touch.close();
    QStringList arguments { QStringLiteral("backup") };
    if (case_ == QLatin1String("exists"))
        arguments << QStringLiteral("--to") << existing << QStringLiteral("--db") << server.dbPath();
    else if (case_ == QLatin1String("noDb"))
        arguments << QStringLiteral("--to") << dir + QStringLiteral("/new.sqlite") << QStringLiteral("--db")
                  << dir + QStringLiteral("/missing.sqlite");
    else
        arguments << QStringLiteral("--db") << server.dbPath();
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(BETTHAT_SERVER_EXE), arguments);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), exitCode);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
    QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/missing.sqlite")));
    QCOMPARE(QFileInfo(existing).size(), 0); // never overwritten
}

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
