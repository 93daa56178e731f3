#include "localserverworker.h"

#include "app/logcategories.h"
#include "server/betthatserver.h"
#include "server/core/demoseed.h"
#include "server/core/accounts.h"

#include <QDir>
#include <QFile>

namespace betthat::app {

namespace {

constexpr char kOperatorId[] = "local";

QString readTokenFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

Status writePrivateFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return makeError(
            ErrorCode::Internal, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    // Owner-only before the secret is written: never readable by others, not even for a moment.
    if (!file.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return makeError(
            ErrorCode::Internal, QStringLiteral("cannot restrict the permissions of %1").arg(path));
    if (file.write(content) != content.size() || !file.flush())
        return makeError(
            ErrorCode::Internal, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Ok {};
}

} // namespace

LocalServerWorker::LocalServerWorker(QObject *parent)
    : QObject(parent)
{ }

LocalServerWorker::~LocalServerWorker()
{
    stop();
}

QString LocalServerWorker::tokenFilePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("local-operator.token"));
}

Result<LocalServerInfo> LocalServerWorker::start(const LocalServerConfig &config)
{
    stop();
    if (!QDir().mkpath(config.dataDir))
        return makeError(
            ErrorCode::Internal, QStringLiteral("cannot create the data directory %1").arg(config.dataDir));

    server::ServerConfig serverConfig;
    serverConfig.bind = QHostAddress::LocalHost; // the bundled server never listens beyond this machine
    serverConfig.port = config.port;
    serverConfig.dbPath = QDir(config.dataDir).filePath(QStringLiteral("betthat.sqlite"));
    serverConfig.demo = config.demo;
    serverConfig.disputeWindowMs = config.disputeWindowMs;

    auto server = std::make_unique<server::BetThatServer>(serverConfig);
    if (const auto started = server->start(); !started)
        return started.error();

    auto info = prepareAccounts(server->accounts(), config.dataDir);
    if (!info) {
        server->stop();
        return info.error();
    }
    info.value().port = server->port();
    info.value().baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(server->port());
    info.value().dbPath = serverConfig.dbPath;
    m_server = std::move(server);
    qCInfo(lcAppHost).noquote() << "local server on" << info->baseUrl << "database" << info->dbPath;
    return info;
}

void LocalServerWorker::stop()
{
    if (!m_server)
        return;
    m_server->stop();
    m_server.reset();
    qCInfo(lcAppHost) << "local server stopped";
}

Result<LocalServerInfo> LocalServerWorker::prepareAccounts(server::Accounts &accounts, const QString &dataDir)
{
    LocalServerInfo info;
    // The app's operator account has its own random token, kept next to the database: the public demo
    // tokens stay as the docs print them, and a database without demo data still gets an operator.
    const QString tokenFile = tokenFilePath(dataDir);
    const QString kept = readTokenFile(tokenFile);
    const auto op = accounts.ensureOperator(
        QString::fromLatin1(kOperatorId), QStringLiteral("Local operator"), kept);
    if (!op)
        return op.error();
    if (op->token != kept) {
        if (const auto written = writePrivateFile(tokenFile, op->token.toUtf8()); !written)
            return written.error();
        qCInfo(lcAppHost) << "created a new token for the local operator";
    }
    info.operatorId = op->user.id;
    info.operatorToken = op->token;

    for (const server::DemoUser &demo : server::DemoSeed::users()) {
        const auto owner = accounts.userForToken(demo.token);
        if (!owner)
            return owner.error();
        if (owner->has_value() && (*owner)->id == demo.user.id)
            info.userTokens.insert(demo.user.id, demo.token);
    }
    info.userTokens.insert(info.operatorId, info.operatorToken);
    return info;
}

} // namespace betthat::app
