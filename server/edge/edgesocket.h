#pragma once

// One accepted connection with its guard. QHttpServer and QWebSocket read this socket as they always do; the
// guard's slot runs first on every readyRead (even after Qt's upgrade code disconnected everything), checks
// only the bytes that just arrived with a StreamValidator, and on a violation takes the socket away from them,
// writes the answer itself and closes. A second slot, always the last one, notes what the readers left in the
// buffer and watches the unsent answers (pipelining, WebSocket slow consumers).

#include "server/edge/streamvalidator.h"

#include <QTcpSocket>

namespace betthat::server {

class EdgeListener;

class EdgeSocket : public QTcpSocket
{
    Q_OBJECT
public:
    enum class Wait { None, Head, Body, Idle, Handshake, Stalled, Linger };

    EdgeSocket(EdgeListener &listener, QObject *parent);
    ~EdgeSocket() override;

    // Admitted: starts guarding (the header deadline runs from now). Call before QHttpServer sees the socket.
    void admit();
    // Refused at the door: a short 503 and a lingering close; the HTTP server never sees this socket.
    void refuse(const QString &message);
    // Qt handed the upgraded socket to the realtime layer.
    void markWebSocketEstablished();

    bool isClosing() const { return m_closing; }
    bool isPaused() const { return m_paused; }
    bool countsAsHttp() const { return m_countedHttp; }
    Wait wait() const { return m_wait; }
    qint64 deadline() const { return m_deadline; }

    // The listener's sweep: the deadline has passed.
    void onDeadline(qint64 now);
    void detachFromListener() { m_listener = nullptr; }

protected:
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    friend class EdgeListener;
    void onArrival();
    void afterReaders();
    void onBytesWritten();
    void attachSlots();
    void setWait(Wait wait, qint64 timeoutMs);
    void pauseReading();
    void resumeReading();
    void violate(const StreamValidator::Violation &violation);
    void closeWithAnswer(const QByteArray &answer);
    void finishClose();
    QByteArray httpAnswer(int status, const QString &message, bool retryLater = false) const;
    QByteArray closeFrame(int code, const QString &reason) const;

    EdgeListener *m_listener;
    StreamValidator m_validator;
    QMetaObject::Connection m_head; // first slot on readyRead
    QMetaObject::Connection m_tail; // last slot on readyRead
    bool m_rearranging = false;
    qint64 m_known = 0; // bytes in the buffer the guard has checked and the readers left there
    bool m_countedHttp = false;
    bool m_established = false;
    bool m_paused = false;
    bool m_closing = false;
    bool m_shutDownWrite = false;
    qint64 m_drained = 0;
    Wait m_wait = Wait::None;
    qint64 m_deadline = 0;
    QHostAddress m_peer;
    quint16 m_peerPort = 0;
};

} // namespace betthat::server
