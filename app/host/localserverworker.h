#pragma once

// Lives on the server thread: creates, owns and destroys the BetThatServer there, so its sockets never touch
// the GUI thread.

#include "common/error.h"
#include "localserverconfig.h"

#include <QObject>
#include <memory>

namespace betthat::server {
class BetThatServer;
class Accounts;
} // namespace betthat::server

namespace betthat::app {

class LocalServerWorker : public QObject
{
    Q_OBJECT
public:
    explicit LocalServerWorker(QObject *parent = nullptr);
    ~LocalServerWorker() override;

    // Both run on the worker's thread (the host posts them there).
    Result<LocalServerInfo> start(const LocalServerConfig &config);
    void stop();

    // The file the local operator's token is kept in.
    static QString tokenFilePath(const QString &dataDir);

private:
    Result<LocalServerInfo> prepareAccounts(server::Accounts &accounts, const QString &dataDir);

    std::unique_ptr<server::BetThatServer> m_server;
};

} // namespace betthat::app
