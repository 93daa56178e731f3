#pragma once

// Who should receive which event and who did: latencies per receipt, and the exact accounting of deliveries
// (lost, duplicated, out of order, sent to the wrong connection) that makes the benchmark's numbers
// trustworthy.

#include <QByteArrayView>
#include <QHash>
#include <QString>
#include <QtGlobal>
#include <vector>

namespace betthat::bench {

class DeliveryRecorder
{
public:
    // One batch of events whose numbers are reported together (the latency run, the burst).
    struct Phase
    {
        std::vector<qint64> sendToReceiptNs; // steady clock: just before the HTTP request -> receipt
        std::vector<qint64>
            timestampToReceiptUs; // the event's own timestamp (ms precision) -> receipt, wall clock
        qint64 events = 0;
        qint64 expected = 0;
        qint64 delivered = 0;
        qint64 firstSendNs = 0;
        qint64 lastReceiptNs = 0;
    };

    // `watchedUser` empty: the client is on the global feed and should get every event.
    void addClient(int index, const QString &watchedUser);
    void setClientLive(int index, bool live);

    int beginPhase();
    Phase &phase(int id) { return m_phases[std::size_t(id)]; }

    // Registers the resolve of `betId` (owned by `userId`) about to be sent at `sendNs`; expects one event on
    // every live connection watching that user or the global feed. Returns the number of expected receipts.
    qint64 expect(const QString &betId, const QString &userId, qint64 sendNs);
    bool isComplete(const QString &betId) const;
    qint64 missing(const QString &betId) const;

    // Every text message after connection_established goes through here.
    void onMessage(int client, QByteArrayView payload, qint64 monoNs, qint64 wallUs);

    qint64 expectedTotal() const { return m_expectedTotal; }
    qint64 deliveredTotal() const { return m_deliveredTotal; }
    qint64 duplicates() const { return m_duplicates; }
    qint64 outOfOrder() const { return m_outOfOrder; }
    qint64 misdirected() const { return m_misdirected; }
    qint64 unknown() const { return m_unknown; }
    // Events still short of receipts (lost, as far as the benchmark can tell).
    qint64 lostTotal() const;

private:
    struct Client
    {
        QString watched;
        bool live = false;
        qint64 lastSeq = 0;
    };
    struct Event
    {
        QString betId;
        QString userId;
        int phase = 0;
        qint64 sendNs = 0;
        qint64 timestampUs = 0; // from the first receipt's payload
        qint64 expected = 0;
        qint64 delivered = 0;
    };

    std::vector<Client> m_clients;
    std::vector<Phase> m_phases;
    std::vector<Event> m_events;
    QHash<QString, int> m_eventByBet;
    QHash<qint64, int> m_eventBySeq;
    QHash<QString, qint64> m_liveWatchers; // user id -> live connections watching it
    qint64 m_liveGlobal = 0;
    qint64 m_expectedTotal = 0;
    qint64 m_deliveredTotal = 0;
    qint64 m_duplicates = 0;
    qint64 m_outOfOrder = 0;
    qint64 m_misdirected = 0;
    qint64 m_unknown = 0;
};

} // namespace betthat::bench
