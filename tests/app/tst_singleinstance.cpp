// app/singleinstance: the first instance holds the lock and receives a later launch's arguments; a later one is
// told "already running"; hostile or silent peers are dropped without taking the primary down.
#include "app/singleinstance.h"

#include <QCoreApplication>
#include <QLocalSocket>
#include <QLockFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>
#include <QtEndian>

using betthat::app::SingleInstance;

namespace {

QString uniqueName()
{
    return QStringLiteral("betthat-test-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

QByteArray lengthPrefix(quint32 length)
{
    QByteArray out(4, '\0');
    qToBigEndian<quint32>(length, out.data());
    return out;
}

} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void secondStart_isAlreadyRunning_andTheFirstReceivesItsArguments();
    void afterTheFirstQuits_theNextStartIsPrimary();
    void lockHeldButNobodyListening_failsInsteadOfHanging();
    void hostilePeer_isDropped_andTheNextLaunchStillGetsThrough_data();
    void hostilePeer_isDropped_andTheNextLaunchStillGetsThrough();
    void silentPeer_isDroppedAfterTheReadTimeout();
    void nameFor_keysByDataDirectory();
};

void TestSingleInstance::secondStart_isAlreadyRunning_andTheFirstReceivesItsArguments()
{
    const QString name = uniqueName();
    SingleInstance first(name);
    QCOMPARE(first.start(), SingleInstance::Start::Primary);
    SingleInstance second(name);
    QCOMPARE(second.start(), SingleInstance::Start::AlreadyRunning);

    QSignalSpy received(&first, &SingleInstance::argumentsReceived);
    QSignalSpy delivered(&second, &SingleInstance::delivered);
    QSignalSpy failed(&second, &SingleInstance::failed);
    const QStringList arguments { QStringLiteral("betthat"), QStringLiteral("--lang"), QStringLiteral("de"),
        QStringLiteral("--server"), QStringLiteral("https://bets.example.com/ä ö") };
    second.sendArguments(arguments);
    QVERIFY(delivered.wait(5000));
    if (received.isEmpty())
        QVERIFY(received.wait(5000));
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.first().first().toStringList(), arguments);
    QCOMPARE(failed.size(), 0);

    // A third launch is told the same and gets through too.
    SingleInstance third(name);
    QCOMPARE(third.start(), SingleInstance::Start::AlreadyRunning);
    QSignalSpy thirdDelivered(&third, &SingleInstance::delivered);
    third.sendArguments({ QStringLiteral("betthat") });
    QVERIFY(thirdDelivered.wait(5000));
    QTRY_COMPARE(received.size(), 2);
}

void TestSingleInstance::afterTheFirstQuits_theNextStartIsPrimary()
{
    const QString name = uniqueName();
    {
        SingleInstance first(name);
        QCOMPARE(first.start(), SingleInstance::Start::Primary);
    }
    SingleInstance next(name);
    QCOMPARE(next.start(), SingleInstance::Start::Primary);
    SingleInstance later(name);
    QCOMPARE(later.start(), SingleInstance::Start::AlreadyRunning);
}

void TestSingleInstance::lockHeldButNobodyListening_failsInsteadOfHanging()
{
    const QString name = uniqueName();
    SingleInstance probe(name);
    // The lock sits next to the socket; hold it without listening, like a first launch still starting up.
    QString lockPath = probe.serverName();
    lockPath.replace(QStringLiteral(".socket"), QStringLiteral(".lock"));
    QLockFile held(lockPath);
    QVERIFY(held.tryLock(0));

    SingleInstance second(name);
    QCOMPARE(second.start(), SingleInstance::Start::AlreadyRunning);
    QSignalSpy delivered(&second, &SingleInstance::delivered);
    QSignalSpy failed(&second, &SingleInstance::failed);
    second.sendArguments({ QStringLiteral("betthat") }, 500);
    QVERIFY(failed.wait(5000));
    QVERIFY2(failed.first().first().toString().contains(QLatin1String("running instance")),
        qPrintable(failed.first().first().toString()));
    QCOMPARE(delivered.size(), 0);
    QCOMPARE(failed.size(), 1);
}

void TestSingleInstance::hostilePeer_isDropped_andTheNextLaunchStillGetsThrough_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("length over the limit") << lengthPrefix(SingleInstance::kMaxMessageBytes + 1) + "[]";
    QTest::newRow("length 4 GiB") << lengthPrefix(0xffffffffu);
    const QByteArray notJson = "not json";
    QTest::newRow("not JSON") << lengthPrefix(notJson.size()) + notJson;
    const QByteArray object = R"({"a":1})";
    QTest::newRow("an object, not a list") << lengthPrefix(object.size()) + object;
    const QByteArray numbers = "[1,2]";
    QTest::newRow("a list of numbers") << lengthPrefix(numbers.size()) + numbers;
}

void TestSingleInstance::hostilePeer_isDropped_andTheNextLaunchStillGetsThrough()
{
    QFETCH(QByteArray, bytes);
    const QString name = uniqueName();
    SingleInstance first(name);
    QCOMPARE(first.start(), SingleInstance::Start::Primary);
    QSignalSpy received(&first, &SingleInstance::argumentsReceived);
    // The primary says why it dropped the peer.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^single instance: a launch sent ")));

    QLocalSocket peer;
    QSignalSpy peerDisconnected(&peer, &QLocalSocket::disconnected);
    peer.connectToServer(first.serverName());
    QVERIFY(peer.waitForConnected(5000));
    peer.write(bytes);
    QVERIFY(peerDisconnected.wait(5000));
    QVERIFY(!peer.bytesAvailable()); // no acknowledgement

    // The barrier: a real launch afterwards is answered, and it is the only thing the primary received.
    SingleInstance second(name);
    QCOMPARE(second.start(), SingleInstance::Start::AlreadyRunning);
    QSignalSpy delivered(&second, &SingleInstance::delivered);
    second.sendArguments({ QStringLiteral("betthat"), QStringLiteral("--local") });
    QVERIFY(delivered.wait(5000));
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.first().first().toStringList(), QStringList({ QStringLiteral("betthat"), QStringLiteral("--local") }));
}

void TestSingleInstance::silentPeer_isDroppedAfterTheReadTimeout()
{
    const QString name = uniqueName();
    SingleInstance first(name);
    first.setReadTimeout(200);
    QCOMPARE(first.start(), SingleInstance::Start::Primary);
    QTest::ignoreMessage(QtWarningMsg, "single instance: a launch did not send its arguments in time; dropped");
    QLocalSocket peer;
    QSignalSpy peerDisconnected(&peer, &QLocalSocket::disconnected);
    peer.connectToServer(first.serverName());
    QVERIFY(peer.waitForConnected(5000));
    peer.write(lengthPrefix(10) + "[\"a"); // half a frame, then nothing
    QVERIFY(peerDisconnected.wait(5000));
}

void TestSingleInstance::nameFor_keysByDataDirectory()
{
    const QString a = SingleInstance::nameFor(QStringLiteral("/tmp/betthat-a"));
    QCOMPARE(SingleInstance::nameFor(QStringLiteral("/tmp/betthat-a")), a);
    QVERIFY(SingleInstance::nameFor(QStringLiteral("/tmp/betthat-b")) != a);
    QVERIFY(SingleInstance::nameFor(QString()) != a);
    QVERIFY(a.startsWith(QLatin1String("betthat-")));
    QVERIFY(a.size() < 40); // the socket path must fit sun_path
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
