// docs/INTEGRATIONS.md cannot rot: its Python and openssl verification snippets are extracted and run on a
// delivery captured from a real server, and must accept it and refuse a tampered body.

#include "server/betthatserver.h"
#include "tests/support/httpclient.h"
#include "tests/support/testsupport.h"
#include "webhookreceiver.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace betthat;
using namespace betthat::test;

class TestIntegrationsDoc : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pythonSnippet_verifiesTheCapturedDelivery();
    void shellSnippet_verifiesTheCapturedDelivery();

private:
    QString snippet(const QString &name);
    // Runs program with the captured delivery (body possibly tampered) in WEBHOOK_* and body.json.
    int run(const QString &program, const QStringList &args, const QByteArray &body, QByteArray *output);

    QTemporaryDir m_dir;
    QByteArray m_body;
    QByteArray m_id;
    QByteArray m_timestamp;
    QByteArray m_signature;
    QString m_secret;
};

QString TestIntegrationsDoc::snippet(const QString &name)
{
    QFile doc(qEnvironmentVariable("BETTHAT_SOURCE_DIR") + QStringLiteral("/docs/INTEGRATIONS.md"));
    if (!doc.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(doc.readAll());
    const QRegularExpression block(QStringLiteral("<!-- snippet:%1 -->\\s*```\\w*\\n(.*?)```\\s*<!-- /snippet:%1 -->")
                                       .arg(name),
        QRegularExpression::DotMatchesEverythingOption);
    return block.match(text).captured(1);
}

void TestIntegrationsDoc::initTestCase()
{
    WebhookReceiver receiver;
    QVERIFY2(receiver.start(), qPrintable(receiver.error()));
    server::ServerConfig config;
    config.webhooks.allowPrivate = true;
    config.webhooks.pollIntervalMs = 20;
    TestServer server(config);
    QVERIFY(server.start());
    HttpClient http(server.baseUrl());
    const TestUser op = server.addUser(QStringLiteral("olga"), Role::Operator);
    const TestUser alice = server.addUser(QStringLiteral("alice"));
    const HttpReply created = http.post(QStringLiteral("/api/v1/webhooks"),
        { { QStringLiteral("url"), receiver.url() },
            { QStringLiteral("event_types"), QJsonArray { QStringLiteral("bet_updated") } } },
        op.token);
    QCOMPARE(created.status, 201);
    m_secret = created.json.value(QStringLiteral("secret")).toString();
    server.placeBet(alice);
    QVERIFY(receiver.waitForAccepted(1));
    const ReceivedRequest r = receiver.accepted().first();
    m_body = r.body;
    m_id = r.header("webhook-id");
    m_timestamp = r.header("webhook-timestamp");
    m_signature = r.header("webhook-signature");
}

int TestIntegrationsDoc::run(const QString &program, const QStringList &args, const QByteArray &body, QByteArray *output)
{
    QFile file(m_dir.filePath(QStringLiteral("body.json")));
    if (!file.open(QIODevice::WriteOnly))
        return -1;
    file.write(body);
    file.close();
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("WEBHOOK_SECRET"), m_secret);
    env.insert(QStringLiteral("WEBHOOK_ID"), QString::fromLatin1(m_id));
    env.insert(QStringLiteral("WEBHOOK_TIMESTAMP"), QString::fromLatin1(m_timestamp));
    env.insert(QStringLiteral("WEBHOOK_SIGNATURE"), QString::fromLatin1(m_signature));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    if (!process.waitForFinished(30000))
        return -1;
    *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void TestIntegrationsDoc::pythonSnippet_verifiesTheCapturedDelivery()
{
    const QString code = snippet(QStringLiteral("python"));
    QVERIFY2(code.contains(QStringLiteral("def verify")), "no <!-- snippet:python --> block in INTEGRATIONS.md");
    // The doc's function, called the way a receiver would call it.
    const QString script = code
        + QStringLiteral("\nimport os, sys\n"
                         "ok = verify(os.environ['WEBHOOK_SECRET'], os.environ['WEBHOOK_ID'],\n"
                         "            os.environ['WEBHOOK_TIMESTAMP'], open('body.json', 'rb').read(),\n"
                         "            os.environ['WEBHOOK_SIGNATURE'])\n"
                         "print('valid' if ok else 'invalid')\nsys.exit(0 if ok else 1)\n");
    QFile file(m_dir.filePath(QStringLiteral("verify.py")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(script.toUtf8());
    file.close();
    QByteArray out;
    QCOMPARE(run(QStringLiteral(BETTHAT_PYTHON), { file.fileName() }, m_body, &out), 0);
    QVERIFY2(out.contains("valid"), out.constData());
    QByteArray tampered = m_body;
    tampered.replace("\"seq\":", "\"seq\": ");
    QCOMPARE(run(QStringLiteral(BETTHAT_PYTHON), { file.fileName() }, tampered, &out), 1);
}

void TestIntegrationsDoc::shellSnippet_verifiesTheCapturedDelivery()
{
    const QString code = snippet(QStringLiteral("shell"));
    QVERIFY2(code.contains(QStringLiteral("openssl")), "no <!-- snippet:shell --> block in INTEGRATIONS.md");
    QFile file(m_dir.filePath(QStringLiteral("verify.sh")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(code.toUtf8());
    file.close();
    QByteArray out;
    QCOMPARE(run(QStringLiteral("/bin/sh"), { file.fileName() }, m_body, &out), 0);
    QVERIFY2(out.trimmed() == "valid", out.constData());
    QByteArray tampered = m_body;
    tampered.replace("\"seq\":", "\"seq\": ");
    QCOMPARE(run(QStringLiteral("/bin/sh"), { file.fileName() }, tampered, &out), 1);
    QCOMPARE(out.trimmed(), QByteArray("invalid"));
}

QTEST_GUILESS_MAIN(TestIntegrationsDoc)
#include "tst_integrationsdoc.moc"
