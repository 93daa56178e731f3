// CursorStore: the last applied seq per server and feed survives a restart of the client.
#include "app/net/cursorstore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace betthat::app;

class TestCursorStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void load_unknownKey_isMinusOne();
    void save_zero_isACursor();
    void save_thenNewStore_loadsIt();
    void keys_areScopedByServerAndFeed();
    void remove_forgetsCursor();
    void load_garbageValue_isMinusOne();

private:
    QTemporaryDir m_dir;
};

void TestCursorStore::load_unknownKey_isMinusOne()
{
    CursorStore store(m_dir.filePath(QStringLiteral("a.ini")));
    QCOMPARE(store.load(QStringLiteral("nothing")), -1);
}

void TestCursorStore::save_zero_isACursor()
{
    // "Seen nothing of an empty log" must resume from 0, unlike "never connected".
    CursorStore store(m_dir.filePath(QStringLiteral("zero.ini")));
    store.save(QStringLiteral("k"), 0);
    QCOMPARE(store.load(QStringLiteral("k")), 0);
}

void TestCursorStore::save_thenNewStore_loadsIt()
{
    const QString file = m_dir.filePath(QStringLiteral("b.ini"));
    const QString key = CursorStore::keyFor(QStringLiteral("http://127.0.0.1:8000"), QStringLiteral("alice"));
    {
        CursorStore store(file);
        store.save(key, 42);
    }
    CursorStore reopened(file);
    QCOMPARE(reopened.load(key), 42);
}

void TestCursorStore::keys_areScopedByServerAndFeed()
{
    CursorStore store(m_dir.filePath(QStringLiteral("c.ini")));
    const QString server1 = QStringLiteral("http://127.0.0.1:8000");
    const QString server2 = QStringLiteral("http://127.0.0.1:8001");
    store.save(CursorStore::keyFor(server1, QStringLiteral("alice")), 10);
    store.save(CursorStore::keyFor(server1, QStringLiteral("bob")), 20);
    store.save(CursorStore::keyFor(server2, QStringLiteral("alice")), 30);
    store.save(CursorStore::keyFor(server1, QString()), 40);
    QCOMPARE(store.load(CursorStore::keyFor(server1, QStringLiteral("alice"))), 10);
    QCOMPARE(store.load(CursorStore::keyFor(server1, QStringLiteral("bob"))), 20);
    QCOMPARE(store.load(CursorStore::keyFor(server2, QStringLiteral("alice"))), 30);
    QCOMPARE(store.load(CursorStore::keyFor(server1, QString())), 40);
}

void TestCursorStore::remove_forgetsCursor()
{
    CursorStore store(m_dir.filePath(QStringLiteral("d.ini")));
    store.save(QStringLiteral("k"), 5);
    store.remove(QStringLiteral("k"));
    QCOMPARE(store.load(QStringLiteral("k")), -1);
}

void TestCursorStore::load_garbageValue_isMinusOne()
{
    const QString file = m_dir.filePath(QStringLiteral("e.ini"));
    {
        CursorStore store(file);
        store.save(QStringLiteral("k"), 5);
    }
    // Corrupt the stored value by hand: a broken settings file must not produce a bogus cursor.
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray content = f.readAll();
    f.close();
    content.replace("=5", "=banana");
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(content);
    f.close();
    CursorStore reopened(file);
    QCOMPARE(reopened.load(QStringLiteral("k")), -1);
}

QTEST_GUILESS_MAIN(TestCursorStore)
#include "tst_cursorstore.moc"
