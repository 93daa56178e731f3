// docs/openapi.yaml against the server: the document names exactly the routes ApiServer registers, is served at
// /api/v1/openapi.json, and real answers of a running server validate against its schemas.
#include "common/timeutil.h"
#include "server/auth/authenticator.h"
#include "server/core/betservice.h"
#include "server/http/apiserver.h"
#include "server/serverconfig.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/httpclient.h"
#include "tests/support/testsupport.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace betthat;
using namespace betthat::server;
using namespace betthat::test;

namespace {

// The subset of OpenAPI 3.0 schema objects the document uses: $ref, allOf, oneOf, nullable, type, enum,
// required, properties, additionalProperties, items. Returns what does not match, one line per problem.
class SchemaValidator
{
public:
    explicit SchemaValidator(QJsonObject document) : m_document(std::move(document)) {}

    QStringList validate(const QJsonValue &value, const QJsonObject &schema, const QString &where) const
    {
        QStringList problems;
        check(value, schema, where, problems, 0);
        return problems;
    }

    // Follows "#/a/b/c" inside the document.
    QJsonObject resolve(const QString &ref) const
    {
        if (!ref.startsWith(QLatin1String("#/")))
            return {};
        QJsonValue node = m_document;
        for (const QString &part : ref.mid(2).split(QLatin1Char('/')))
            node = node.toObject().value(part);
        return node.toObject();
    }

    // The JSON schema of the answer `status` of `method` on `path` (a document path such as
    // "/api/v1/bets/{id}"); empty when the document has none.
    QJsonObject responseSchema(const QString &path, const QString &method, int status) const
    {
        QJsonObject response = m_document.value(QStringLiteral("paths"))
                                   .toObject()
                                   .value(path)
                                   .toObject()
                                   .value(method.toLower())
                                   .toObject()
                                   .value(QStringLiteral("responses"))
                                   .toObject()
                                   .value(QString::number(status))
                                   .toObject();
        if (response.contains(QStringLiteral("$ref")))
            response = resolve(response.value(QStringLiteral("$ref")).toString());
        return response.value(QStringLiteral("content"))
            .toObject()
            .value(QStringLiteral("application/json"))
            .toObject()
            .value(QStringLiteral("schema"))
            .toObject();
    }

private:
    static bool hasType(const QJsonValue &value, const QString &type)
    {
        if (type == QLatin1String("object"))
            return value.isObject();
        if (type == QLatin1String("array"))
            return value.isArray();
        if (type == QLatin1String("string"))
            return value.isString();
        if (type == QLatin1String("boolean"))
            return value.isBool();
        if (type == QLatin1String("number"))
            return value.isDouble();
        if (type == QLatin1String("integer"))
            return value.isDouble() && value.toDouble() == std::floor(value.toDouble());
        return false;
    }

    void check(const QJsonValue &value, QJsonObject schema, const QString &where, QStringList &problems,
        int depth) const
    {
        if (depth > 64) {
            problems << where + QStringLiteral(": schema nesting too deep");
            return;
        }
        if (schema.contains(QStringLiteral("$ref"))) {
            const QString ref = schema.value(QStringLiteral("$ref")).toString();
            schema = resolve(ref);
            if (schema.isEmpty()) {
                problems << where + QStringLiteral(": unresolvable $ref ") + ref;
                return;
            }
        }
        if (value.isNull() && schema.value(QStringLiteral("nullable")).toBool())
            return;
        for (const QJsonValue &part : schema.value(QStringLiteral("allOf")).toArray())
            check(value, part.toObject(), where, problems, depth + 1);
        if (schema.contains(QStringLiteral("oneOf"))) {
            int matches = 0;
            for (const QJsonValue &part : schema.value(QStringLiteral("oneOf")).toArray()) {
                QStringList inner;
                check(value, part.toObject(), where, inner, depth + 1);
                matches += inner.isEmpty() ? 1 : 0;
            }
            if (matches != 1)
                problems << where + QStringLiteral(": matches %1 of oneOf, not exactly one").arg(matches);
        }
        if (schema.contains(QStringLiteral("type"))) {
            const QString type = schema.value(QStringLiteral("type")).toString();
            if (!hasType(value, type)) {
                problems << where
                        + QStringLiteral(": expected %1, got %2")
                              .arg(type, QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(
                                                               QJsonDocument::Compact))
                                             .left(80));
                return;
            }
        }
        if (schema.contains(QStringLiteral("enum"))
            && !schema.value(QStringLiteral("enum")).toArray().contains(value))
            problems << where + QStringLiteral(": %1 is not in the enum").arg(value.toVariant().toString());
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
            for (const QJsonValue &name : schema.value(QStringLiteral("required")).toArray())
                if (!object.contains(name.toString()))
                    problems << where + QStringLiteral(": required %1 is missing").arg(name.toString());
            const QJsonValue additional = schema.value(QStringLiteral("additionalProperties"));
            for (auto it = object.begin(); it != object.end(); ++it) {
                const QString at = where + QLatin1Char('.') + it.key();
                if (properties.contains(it.key()))
                    check(it.value(), properties.value(it.key()).toObject(), at, problems, depth + 1);
                else if (additional.isBool() && !additional.toBool())
                    problems << at + QStringLiteral(": not in the schema");
                else if (additional.isObject())
                    check(it.value(), additional.toObject(), at, problems, depth + 1);
            }
        }
        if (value.isArray() && schema.contains(QStringLiteral("items"))) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                check(array.at(i), schema.value(QStringLiteral("items")).toObject(),
                    QStringLiteral("%1[%2]").arg(where).arg(i), problems, depth + 1);
        }
    }

    QJsonObject m_document;
};

QString methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(static_cast<int>(method));
    return QString::fromLatin1(key).toUpper();
}

// "/api/v1/bets/<arg>" (QHttpServer) and "/api/v1/bets/{id}" (OpenAPI) as one comparable form.
QString normalisedPath(QString path)
{
    path.replace(QStringLiteral("<arg>"), QStringLiteral("{}"));
    path.replace(QRegularExpression(QStringLiteral("\\{[^}]*\\}")), QStringLiteral("{}"));
    return path;
}

QJsonObject loadDocument()
{
    const QJsonDocument document = QJsonDocument::fromJson(ApiServer::openApiDocument());
    return document.object();
}

} // namespace

class TestOpenApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void document_isOpenApi3();
    void everyRegisteredRoute_isDocumented_andEveryDocumentedRouteRegistered();
    void servedDocument_isTheCompiledDocument();
    void realAnswers_validateAgainstTheSchemas_data();
    void realAnswers_validateAgainstTheSchemas();
    void validator_refusesWhatTheSchemaForbids_data();
    void validator_refusesWhatTheSchemaForbids();
};

void TestOpenApi::document_isOpenApi3()
{
    const QJsonObject document = loadDocument();
    QVERIFY2(!document.isEmpty(), "the compiled-in document is missing or not JSON");
    QVERIFY(document.value(QStringLiteral("openapi")).toString().startsWith(QLatin1String("3.0")));
    QVERIFY(!document.value(QStringLiteral("paths")).toObject().isEmpty());
    // Every $ref points somewhere: a typo would otherwise validate anything.
    const SchemaValidator validator(document);
    const QString text = QString::fromUtf8(ApiServer::openApiDocument());
    QRegularExpression refPattern(QStringLiteral("\"\\$ref\":\"([^\"]+)\""));
    int refs = 0;
    for (auto it = refPattern.globalMatch(text); it.hasNext(); ++refs) {
        const QString ref = it.next().captured(1);
        QVERIFY2(!validator.resolve(ref).isEmpty(), qPrintable(ref));
    }
    QVERIFY(refs > 50);
}

void TestOpenApi::everyRegisteredRoute_isDocumented_andEveryDocumentedRouteRegistered()
{
    // A real ApiServer over a real database: the table it builds its routes (and 405 answers) from.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SqliteRepository repository(dir.filePath(QStringLiteral("routes.sqlite")),
        SqliteRepository::uniqueConnectionName(QStringLiteral("openapi")));
    QVERIFY(repository.open());
    Authenticator authenticator(repository);
    BetService service(repository, repository, BetRules(), systemClock());
    QHttpServer http;
    const ServerConfig config;
    const ApiServer api(http,
        ApiServer::Parts { service, authenticator, repository, repository, repository, repository, repository, {} },
        config);

    QSet<QString> registered;
    for (const ApiServer::Route &route : api.routes())
        registered.insert(methodName(route.method) + QLatin1Char(' ') + normalisedPath(route.path));
    QVERIFY(registered.size() > 20);

    QSet<QString> documented;
    const QJsonObject paths = loadDocument().value(QStringLiteral("paths")).toObject();
    const QStringList methods { QStringLiteral("get"), QStringLiteral("post"), QStringLiteral("put"),
        QStringLiteral("patch"), QStringLiteral("delete") };
    for (auto it = paths.begin(); it != paths.end(); ++it)
        for (const QString &method : methods)
            if (it.value().toObject().contains(method))
                documented.insert(method.toUpper() + QLatin1Char(' ') + normalisedPath(it.key()));

    const QSet<QString> undocumented = registered - documented;
    const QSet<QString> unregistered = documented - registered;
    QVERIFY2(undocumented.isEmpty(),
        qPrintable(QStringLiteral("registered but not in docs/openapi.yaml: ")
            + QStringList(undocumented.begin(), undocumented.end()).join(QStringLiteral(", "))));
    QVERIFY2(unregistered.isEmpty(),
        qPrintable(QStringLiteral("in docs/openapi.yaml but not registered: ")
            + QStringList(unregistered.begin(), unregistered.end()).join(QStringLiteral(", "))));
    repository.close();
}

void TestOpenApi::servedDocument_isTheCompiledDocument()
{
    TestServer server;
    QVERIFY(server.start());
    HttpClient http(server.baseUrl());
    // No token: tools read the description before they hold one.
    const HttpReply reply = http.get(QStringLiteral("/api/v1/openapi.json"));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    QCOMPARE(reply.json, loadDocument());
}

void TestOpenApi::realAnswers_validateAgainstTheSchemas_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");         // what is requested ("{bet}": the resolved bet's id)
    QTest::addColumn<QString>("documentPath"); // where the document describes it
    QTest::addColumn<QString>("caller");       // "", "alice" or "operator"
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");

    QTest::newRow("healthz") << "GET" << "/healthz" << "/healthz" << "" << QByteArray() << 200;
    QTest::newRow("bets") << "GET" << "/api/v1/bets" << "/api/v1/bets" << "alice" << QByteArray() << 200;
    QTest::newRow("bets, operator") << "GET" << "/api/v1/bets?limit=1" << "/api/v1/bets" << "operator"
                                    << QByteArray() << 200;
    QTest::newRow("bet") << "GET" << "/api/v1/bets/{bet}" << "/api/v1/bets/{id}" << "alice" << QByteArray()
                         << 200;
    QTest::newRow("bet events") << "GET" << "/api/v1/bets/{bet}/events" << "/api/v1/bets/{id}/events"
                                << "alice" << QByteArray() << 200;
    QTest::newRow("me") << "GET" << "/api/v1/me" << "/api/v1/me" << "alice" << QByteArray() << 200;
    QTest::newRow("me notifications") << "GET" << "/api/v1/me/notifications" << "/api/v1/me/notifications"
                                      << "alice" << QByteArray() << 200;
    QTest::newRow("users") << "GET" << "/api/v1/users" << "/api/v1/users" << "operator" << QByteArray() << 200;
    QTest::newRow("updates") << "GET" << "/api/v1/bets/updates?since_seq=0" << "/api/v1/bets/updates"
                             << "alice" << QByteArray() << 200;
    QTest::newRow("selections") << "GET" << "/api/v1/markets/selections?event_name=Arsenal+v+Chelsea&market=Match+winner"
                                << "/api/v1/markets/selections" << "operator" << QByteArray() << 200;
    QTest::newRow("place") << "POST" << "/api/v1/bets" << "/api/v1/bets" << "alice"
                           << QByteArray(R"({"event_name":"E","market":"M","selection":"S","odds":"2.00","stake":100})")
                           << 201;
    QTest::newRow("bulk resolve") << "POST" << "/api/v1/bets/resolve" << "/api/v1/bets/resolve" << "operator"
                                  << QByteArray(R"({"bet_ids":["{bet}"],"result":"win"})") << 200;
    QTest::newRow("webhook create") << "POST" << "/api/v1/webhooks" << "/api/v1/webhooks" << "operator"
                                    << QByteArray(R"({"url":"https://hooks.example.com/x","event_types":["bet_resolved"]})")
                                    << 201;
    QTest::newRow("webhooks") << "GET" << "/api/v1/webhooks" << "/api/v1/webhooks" << "operator" << QByteArray()
                              << 200;
    QTest::newRow("error: no token") << "GET" << "/api/v1/me" << "/api/v1/me" << "" << QByteArray() << 401;
    QTest::newRow("error: no bet") << "GET" << "/api/v1/bets/999999" << "/api/v1/bets/{id}" << "alice"
                                   << QByteArray() << 404;
    QTest::newRow("error: bad filter") << "GET" << "/api/v1/bets?status=won" << "/api/v1/bets" << "alice"
                                       << QByteArray() << 400;
    QTest::newRow("error: bettor on operators' route") << "GET" << "/api/v1/users" << "/api/v1/users" << "alice"
                                                       << QByteArray() << 403;
}

void TestOpenApi::realAnswers_validateAgainstTheSchemas()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QString, documentPath);
    QFETCH(QString, caller);
    QFETCH(QByteArray, body);
    QFETCH(int, status);

    TestServer server;
    QVERIFY(server.start());
    HttpClient http(server.baseUrl());
    const TestUser op = server.addUser(QStringLiteral("operator"), Role::Operator);
    const TestUser alice = server.addUser(QStringLiteral("alice"));
    // A settled, disputed bet (nested dispute object, non-null settlement fields) and a pending one.
    const Bet settled = server.placeBet(alice);
    server.placeBet(alice, 500, QStringLiteral("3.40"));
    QCOMPARE(http.post(QStringLiteral("/api/v1/bets/%1/resolve").arg(settled.id),
                     QJsonObject { { QStringLiteral("result"), QStringLiteral("loss") },
                         { QStringLiteral("notes"), QStringLiteral("2-1") } },
                     op.token)
                 .status,
        200);
    QCOMPARE(http.post(QStringLiteral("/api/v1/bets/%1/dispute").arg(settled.id),
                     QJsonObject { { QStringLiteral("reason"), QStringLiteral("it was 1-2") } }, alice.token)
                 .status,
        200);
    const Bet pending = server.placeBet(alice, 700);

    // "{bet}": the settled bet for reads, the pending one for the bulk resolve.
    const QString betId = method == QLatin1String("POST") ? pending.id : settled.id;
    path.replace(QStringLiteral("{bet}"), betId);
    body.replace("{bet}", betId.toUtf8());
    const QString token = caller == QLatin1String("alice") ? alice.token
        : caller == QLatin1String("operator")              ? op.token
                                                           : QString();
    const HttpReply reply = http.send(method.toUtf8(), path, body, token);
    QCOMPARE(reply.status, status);

    const SchemaValidator validator(loadDocument());
    const QJsonObject schema = validator.responseSchema(documentPath, method, status);
    QVERIFY2(!schema.isEmpty(),
        qPrintable(QStringLiteral("no schema for %1 %2 %3").arg(method, documentPath).arg(status)));
    const QJsonDocument answer = QJsonDocument::fromJson(reply.body);
    QVERIFY2(answer.isObject(), reply.body.constData());
    const QStringList problems = validator.validate(answer.object(), schema, QStringLiteral("$"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n')) + QLatin1Char('\n') + reply.body));
}

void TestOpenApi::validator_refusesWhatTheSchemaForbids_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problem");
    const QByteArray user = R"({"id":"a","display_name":"A","email":null,"role":"bettor","email_notifications":true,"currency":"EUR"})";
    QTest::newRow("valid") << QByteArray(R"({"user":)" + user + R"(,"balance":5,"currency":"EUR"})") << QString();
    QTest::newRow("missing required") << QByteArray(R"({"user":)" + user + R"(,"currency":"EUR"})")
                                      << "$: required balance is missing";
    QTest::newRow("wrong type") << QByteArray(R"({"user":)" + user + R"(,"balance":"5","currency":"EUR"})")
                                << "$.balance: expected integer";
    QTest::newRow("fraction for integer") << QByteArray(R"({"user":)" + user + R"(,"balance":5.5,"currency":"EUR"})")
                                          << "$.balance: expected integer";
    QTest::newRow("unknown field") << QByteArray(R"({"user":)" + user + R"(,"balance":5,"currency":"EUR","x":1})")
                                   << "$.x: not in the schema";
    QTest::newRow("null where not nullable")
        << QByteArray(R"({"user":)" + user + R"(,"balance":null,"currency":"EUR"})") << "$.balance: expected integer";
    QByteArray badRole = user;
    badRole.replace("bettor", "admin");
    QTest::newRow("outside the enum") << QByteArray(R"({"user":)" + badRole + R"(,"balance":5,"currency":"EUR"})")
                                      << "$.user.role: admin is not in the enum";
}

void TestOpenApi::validator_refusesWhatTheSchemaForbids()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, problem);
    const SchemaValidator validator(loadDocument());
    const QJsonObject schema = validator.responseSchema(QStringLiteral("/api/v1/me"), QStringLiteral("GET"), 200);
    QVERIFY(!schema.isEmpty());
    const QStringList problems
        = validator.validate(QJsonDocument::fromJson(body).object(), schema, QStringLiteral("$"));
    if (problem.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        return;
    }
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.constFirst().startsWith(problem), qPrintable(problems.constFirst()));
}

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
