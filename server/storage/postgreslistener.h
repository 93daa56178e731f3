#pragma once

// One node's ear on the shared PostgreSQL: a dedicated connection (never a pooled one: LISTEN belongs to a
// session) LISTENs on the channel every event commit NOTIFYs (sql::kEventChannel), and each notification
// becomes a wake-up for the realtime feed and the email and webhook workers. Only a wake-up: they read the
// log after their own cursors, and their periodic re-reads stay the catch-up, so a notification lost while
// the connection was down loses nothing. A lost connection is found by a periodic probe and re-opened with
// backoff; after every (re)connect the listener wakes everyone once for what it may have missed.

#include "common/error.h"
#include "server/storage/databaselocation.h"

#include <QObject>
#include <QSqlDriver>
#include <QTimer>

namespace betthat::server {

class PostgresListener : public QObject
{
    Q_OBJECT
public:
    // The probe that notices a dead connection (libpq does not report it while the connection is idle).
    static constexpr int kProbeIntervalMs = 1000;
    static constexpr int kMinBackoffMs = 250;
    static constexpr int kMaxBackoffMs = 10000;

    explicit PostgresListener(DatabaseLocation location, QObject *parent = nullptr);
    ~PostgresListener() override;

    // Connects and LISTENs; on failure retries with backoff. The Status says whether it listens right now.
    Status start();
    void stop();

    // Ok while the connection is up and subscribed; Unavailable with the reason otherwise (/readyz).
    Status state() const;
    // The backend pid of the listening connection, 0 when down (tests terminate it).
    qint64 backendPid() const { return m_backendPid; }

Q_SIGNALS:
    // A commit on some node (this one included) appended event `seq`; 0 after a (re)connect: "read, something
    // may have been missed".
    void eventCommitted(qint64 seq);

private:
    bool connectAndListen();
    bool openAndSubscribe();
    void probe();
    void connectionLost(const QString &why);
    void onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);
    void closeConnection();

    DatabaseLocation m_location;
    QString m_connectionName;
    QTimer m_probe;
    QTimer m_reconnect;
    int m_backoffMs = kMinBackoffMs;
    bool m_listening = false;
    bool m_running = false;
    qint64 m_backendPid = 0;
    QString m_lastError;
};

} // namespace betthat::server
