// RequestKey: one Idempotency-Key per user action, kept across retries of the same request.
#include "app/admin/requestkey.h"

#include <QTest>

using namespace betthat::app;

class TestRequestKey : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameRequest_keepsKey();
    void changedRequest_getsNewKey();
    void forget_nextActionGetsNewKey();
    void isFor_onlyTheHeldRequest();
};

void TestRequestKey::sameRequest_keepsKey()
{
    RequestKey key;
    QVERIFY(key.isEmpty());
    const QString first = key.keyFor("resolve 1 win");
    QVERIFY(!first.isEmpty());
    QCOMPARE(key.keyFor("resolve 1 win"), first);
    QCOMPARE(key.current(), first);
}

void TestRequestKey::changedRequest_getsNewKey()
{
    RequestKey key;
    const QString first = key.keyFor("resolve 1 win");
    const QString second = key.keyFor("resolve 1 loss");
    QVERIFY(second != first);
    // Going back to the first request is a new attempt too: the server remembered the old key for it.
    QVERIFY(key.keyFor("resolve 1 win") != second);
}

void TestRequestKey::forget_nextActionGetsNewKey()
{
    RequestKey key;
    const QString first = key.keyFor("resolve 1 win");
    key.forget();
    QVERIFY(key.isEmpty());
    QVERIFY(key.keyFor("resolve 1 win") != first);
}

void TestRequestKey::isFor_onlyTheHeldRequest()
{
    RequestKey key;
    QVERIFY(!key.isFor("a"));
    key.keyFor("a");
    QVERIFY(key.isFor("a"));
    QVERIFY(!key.isFor("b"));
    key.forget();
    QVERIFY(!key.isFor("a"));
}

QTEST_GUILESS_MAIN(TestRequestKey)
#include "tst_requestkey.moc"
