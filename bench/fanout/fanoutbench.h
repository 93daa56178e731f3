#pragma once

// The fan-out benchmark: seeds a database, starts betthat-server on it, connects the clients, resolves bets
// over HTTP and reports latency, completeness, throughput and server memory per connection.

#include "bench/fanout/fanoutoptions.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTextStream;

namespace betthat::bench {

class BenchWsClient;
class DeliveryRecorder;
class ServerProcess;

class FanoutBench : public QObject
{
    Q_OBJECT
public:
    FanoutBench(FanoutOptions options, QTextStream &out, QObject *parent = nullptr);
    ~FanoutBench() override;

    // Runs the selected modes; 0 when every expected delivery arrived exactly once, 1 otherwise.
    int run();

private:
    struct ClientSpec
    {
        QString token;
        QString watched; // the bettor whose feed this is; empty: the global feed
    };
    struct PlannedBet
    {
        QString betId;
        QString userId;
    };
    struct Plan
    {
        QString description;
        QList<ClientSpec> clients;
        QList<PlannedBet> latencyBets;
        QList<PlannedBet> burstBets;
    };

    bool runMode(FanoutOptions::Mode mode);
    bool seed(FanoutOptions::Mode mode, const QString &dbPath, Plan *plan);
    bool connectClients(const Plan &plan, quint16 port);
    void launchClients();
    void onEstablished(BenchWsClient *client);
    void onEnded(BenchWsClient *client);
    void runLatency(const Plan &plan);
    void runBurst(const Plan &plan);
    void reportStatus();

    QNetworkReply *postResolve(const QString &betId);
    QJsonObject getJson(const QString &path);
    bool replyOk(QNetworkReply *reply);
    // Runs the event loop until done() or the timeout; false on timeout.
    bool waitUntil(const std::function<bool()> &done, int timeoutMs);
    void settle(int ms);

    FanoutOptions m_options;
    QTextStream &m_out;
    QNetworkAccessManager *m_http = nullptr;
    QString m_baseUrl;
    QByteArray m_resolverAuth;

    // Per mode.
    std::unique_ptr<DeliveryRecorder> m_recorder;
    std::unique_ptr<QObject> m_clientOwner;
    const Plan *m_plan = nullptr;
    quint16 m_port = 0;
    int m_nextClient = 0;
    int m_inFlight = 0;
    int m_established = 0;
    int m_refused = 0;
    int m_dropped = 0;
    QString m_firstRefusal;
    int m_httpErrors = 0;
    QString m_firstHttpError;
};

} // namespace betthat::bench
