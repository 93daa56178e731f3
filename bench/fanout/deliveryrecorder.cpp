#include "deliveryrecorder.h"

#include "common/timeutil.h"

#include <QDateTime>

namespace betthat::bench {

namespace {

// The frames are compact JSON with sorted keys; the benchmark reads the few fields it needs without a full
// parse, so the client process spends its CPU on sockets, not on JSON (it shares the machine with the
// server).
QByteArrayView stringField(QByteArrayView payload, QByteArrayView key)
{
    const qsizetype at = payload.indexOf(key);
    if (at < 0)
        return {};
    const qsizetype start = at + key.size();
    const qsizetype end = payload.indexOf('"', start);
    if (end < 0)
        return {};
    return payload.sliced(start, end - start);
}

qint64 seqOf(QByteArrayView payload)
{
    static constexpr QByteArrayView key("\"seq\":");
    const qsizetype at = payload.indexOf(key);
    if (at < 0)
        return -1;
    qint64 value = 0;
    qsizetype i = at + key.size();
    if (i >= payload.size() || payload.at(i) < '0' || payload.at(i) > '9')
        return -1;
    for (; i < payload.size() && payload.at(i) >= '0' && payload.at(i) <= '9'; ++i)
        value = value * 10 + (payload.at(i) - '0');
    return value;
}

} // namespace

void DeliveryRecorder::addClient(int index, const QString &watchedUser)
{
    if (std::size_t(index) >= m_clients.size())
        m_clients.resize(std::size_t(index) + 1);
    m_clients[std::size_t(index)].watched = watchedUser;
}

void DeliveryRecorder::setClientLive(int index, bool live)
{
    Client &client = m_clients[std::size_t(index)];
    if (client.live == live)
        return;
    client.live = live;
    const qint64 delta = live ? 1 : -1;
    if (client.watched.isEmpty())
        m_liveGlobal += delta;
    else
        m_liveWatchers[client.watched] += delta;
}

int DeliveryRecorder::beginPhase()
{
    m_phases.emplace_back();
    return int(m_phases.size()) - 1;
}

qint64 DeliveryRecorder::expect(const QString &betId, const QString &userId, qint64 sendNs)
{
    Event event;
    event.betId = betId;
    event.userId = userId;
    event.phase = int(m_phases.size()) - 1;
    event.sendNs = sendNs;
    event.expected = m_liveWatchers.value(userId) + m_liveGlobal;
    m_eventByBet.insert(betId, int(m_events.size()));
    m_events.push_back(event);
    Phase &current = m_phases.back();
    if (current.events == 0)
        current.firstSendNs = sendNs;
    ++current.events;
    current.expected += event.expected;
    m_expectedTotal += event.expected;
    return event.expected;
}

bool DeliveryRecorder::isComplete(const QString &betId) const
{
    return missing(betId) == 0;
}

qint64 DeliveryRecorder::missing(const QString &betId) const
{
    const auto it = m_eventByBet.constFind(betId);
    if (it == m_eventByBet.cend())
        return 0;
    const Event &event = m_events[std::size_t(*it)];
    return qMax<qint64>(0, event.expected - event.delivered);
}

qint64 DeliveryRecorder::lostTotal() const
{
    qint64 lost = 0;
    for (const Event &event : m_events)
        lost += qMax<qint64>(0, event.expected - event.delivered);
    return lost;
}

void DeliveryRecorder::onMessage(int clientIndex, QByteArrayView payload, qint64 monoNs, qint64 wallUs)
{
    const qint64 seq = seqOf(payload);
    if (seq < 0) { // pong, error, resync_required...: nothing the benchmark asked for
        ++m_unknown;
        return;
    }
    Client &client = m_clients[std::size_t(clientIndex)];
    if (seq == client.lastSeq) {
        ++m_duplicates;
        return;
    }
    if (seq < client.lastSeq) {
        ++m_outOfOrder;
        return;
    }
    client.lastSeq = seq;

    auto bySeq = m_eventBySeq.constFind(seq);
    if (bySeq == m_eventBySeq.cend()) {
        const QString betId = QString::fromLatin1(stringField(payload, "\"bet_id\":\""));
        const auto byBet = m_eventByBet.constFind(betId);
        if (byBet == m_eventByBet.cend()) {
            ++m_unknown;
            return;
        }
        Event &event = m_events[std::size_t(*byBet)];
        const QDateTime timestamp
            = parseIsoUtc(QString::fromLatin1(stringField(payload, "\"timestamp\":\"")));
        event.timestampUs = timestamp.isValid() ? timestamp.toMSecsSinceEpoch() * 1000 : 0;
        bySeq = m_eventBySeq.insert(seq, *byBet);
    }
    Event &event = m_events[std::size_t(*bySeq)];
    if (!client.watched.isEmpty() && client.watched != event.userId) {
        ++m_misdirected;
        return;
    }
    if (event.delivered >= event.expected) { // more receipts than live watchers: a copy went somewhere extra
        ++m_duplicates;
        return;
    }
    ++event.delivered;
    ++m_deliveredTotal;
    Phase &phase = m_phases[std::size_t(event.phase)];
    ++phase.delivered;
    phase.lastReceiptNs = qMax(phase.lastReceiptNs, monoNs);
    phase.sendToReceiptNs.push_back(monoNs - event.sendNs);
    if (event.timestampUs > 0)
        phase.timestampToReceiptUs.push_back(wallUs - event.timestampUs);
}

} // namespace betthat::bench
