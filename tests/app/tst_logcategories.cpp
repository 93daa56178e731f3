// The logging categories of the app and of the server library it hosts: one object per name, every name
// under betthat.*, INFO by default, and debug exactly when LOG_LEVEL=DEBUG's rules say so.
#include "app/logcategories.h"
#include "app/net/apiclient.h"
#include "common/logging.h"
#include "server/logcategories.h"
#include "tests/support/testsupport.h"
#include "tests/support/wsrecorder.h"

#include <QMultiHash>
#include <QSet>
#include <QTest>

using namespace betthat;
using namespace betthat::test;

namespace {

QMultiHash<QString, const QLoggingCategory *> *s_seen = nullptr;
QLoggingCategory::CategoryFilter s_previousFilter = nullptr;

void recordCategory(QLoggingCategory *category)
{
    if (s_seen)
        s_seen->insert(QString::fromLatin1(category->categoryName()), category);
    if (s_previousFilter)
        s_previousFilter(category);
}

// Every QLoggingCategory object that exists in this process, by name: Qt calls a newly installed filter once
// for each registered category. Two Q_LOGGING_CATEGORY with one name are two objects here, filtered apart.
QMultiHash<QString, const QLoggingCategory *> liveCategories()
{
    QMultiHash<QString, const QLoggingCategory *> seen;
    s_seen = &seen;
    s_previousFilter = QLoggingCategory::installFilter(recordCategory);
    QLoggingCategory::installFilter(s_previousFilter);
    s_seen = nullptr;
    return seen;
}

// betthat.* names held by more than one object, or by an object that is not in the declared lists.
QStringList strayOrDuplicated(const QMultiHash<QString, const QLoggingCategory *> &live,
    const QList<const QLoggingCategory *> &declared)
{
    QStringList bad;
    for (const QString &name : live.uniqueKeys()) {
        if (!name.startsWith(QLatin1String("betthat.")) && name != QLatin1String("betthat"))
            continue;
        const QList<const QLoggingCategory *> objects = live.values(name);
        if (objects.size() != 1 || !declared.contains(objects.constFirst()))
            bad << name;
    }
    return bad;
}

QList<const QLoggingCategory *> declaredCategories()
{
    return app::logCategories() + server::logCategories();
}

} // namespace

class TestLogCategories : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QLoggingCategory::setFilterRules(QString()); }

    void declared_eachNameOnce_underItsLayer()
    {
        QSet<QString> names;
        QSet<const QLoggingCategory *> objects;
        for (const QLoggingCategory *category : app::logCategories()) {
            QVERIFY2(QLatin1String(category->categoryName()).startsWith(QLatin1String("betthat.app")),
                category->categoryName());
            names.insert(QString::fromLatin1(category->categoryName()));
            objects.insert(category);
        }
        for (const QLoggingCategory *category : server::logCategories()) {
            QVERIFY2(QLatin1String(category->categoryName()).startsWith(QLatin1String("betthat.server")),
                category->categoryName());
            names.insert(QString::fromLatin1(category->categoryName()));
            objects.insert(category);
        }
        QCOMPARE(names.size(), declaredCategories().size());
        QCOMPARE(objects.size(), declaredCategories().size());
    }

    void declared_defaultToInfo()
    {
        // No rules at all: what a category does before (or without) installLogging.
        QLoggingCategory::setFilterRules(QString());
        for (const QLoggingCategory *category : declaredCategories()) {
            QVERIFY2(!category->isDebugEnabled(), category->categoryName());
            QVERIFY2(category->isInfoEnabled(), category->categoryName());
            QVERIFY2(category->isWarningEnabled(), category->categoryName());
            QVERIFY2(category->isCriticalEnabled(), category->categoryName());
        }
    }

    void logLevelRules_switchTheDeclaredCategories_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<bool>("debug");
        QTest::addColumn<bool>("info");
        QTest::addColumn<bool>("warning");
        QTest::newRow("DEBUG") << int(LogLevel::Debug) << true << true << true;
        QTest::newRow("INFO") << int(LogLevel::Info) << false << true << true;
        QTest::newRow("WARNING") << int(LogLevel::Warning) << false << false << true;
        QTest::newRow("ERROR") << int(LogLevel::Error) << false << false << false;
    }

    // A default level below DEBUG means the rules must turn debug on explicitly: LOG_LEVEL=DEBUG still does.
    void logLevelRules_switchTheDeclaredCategories()
    {
        QFETCH(int, level);
        QFETCH(bool, debug);
        QFETCH(bool, info);
        QFETCH(bool, warning);
        QLoggingCategory::setFilterRules(loggingRulesFor(LogLevel(level)));
        for (const QLoggingCategory *category : declaredCategories()) {
            QVERIFY2(category->isDebugEnabled() == debug, category->categoryName());
            QVERIFY2(category->isInfoEnabled() == info, category->categoryName());
            QVERIFY2(category->isWarningEnabled() == warning, category->categoryName());
            QVERIFY2(category->isCriticalEnabled(), category->categoryName());
        }
    }

    // The check below is not vacuous: a second object with a declared name is reported.
    void registryCheck_reportsASecondObjectWithADeclaredName()
    {
        const QLoggingCategory second("betthat.server.cli");
        QCOMPARE(strayOrDuplicated(liveCategories(), declaredCategories()),
            QStringList { QStringLiteral("betthat.server.cli") });
    }

    // After the server, the app's HTTP client and a WebSocket have done some work (so the categories their
    // code uses exist), every betthat.* category in the process is one declared object.
    void registry_afterRealWork_holdsOnlyTheDeclaredObjects()
    {
        // qCDebug(lcX) calls lcX() whether or not debug is on: quiet rules still create every category used.
        QLoggingCategory::setFilterRules(loggingRulesFor(LogLevel::Warning));
        TestServer server;
        QVERIFY(server.start());
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        WsRecorder ws;
        ws.open(WsRecorder::betUpdatesUrl(server.port(), alice.token));
        QVERIFY(ws.waitForType(QStringLiteral("connection_established")));
        const Bet bet = server.placeBet(alice);
        QVERIFY(ws.waitForEventSeq(1));
        app::ApiClient api(app::ServerEndpoint(QUrl(server.baseUrl()), alice.token));
        bool answered = false;
        api.bet(bet.id, this, [&](const Result<Bet> &) { answered = true; });
        QTRY_VERIFY(answered);

        const QList<const QLoggingCategory *> declared = declaredCategories();
        const auto live = liveCategories();
        QVERIFY(live.contains(QStringLiteral("betthat.server.http"))); // the work above did reach them
        QVERIFY(live.contains(QStringLiteral("betthat.app.net")));
        const QStringList bad = strayOrDuplicated(live, declared);
        QVERIFY2(bad.isEmpty(),
            qPrintable(QStringLiteral("defined twice or outside logcategories.cpp: ")
                + bad.join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TestLogCategories)
#include "tst_logcategories.moc"
