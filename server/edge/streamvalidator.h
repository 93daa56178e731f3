#pragma once

// An incremental validator of what a client sends on one connection: HTTP/1.1 request framing (request line,
// header block, Content-Length or chunked body) and, after a WebSocket upgrade, the client's frame headers.
// It only reads the bytes it is fed, keeps none of them beyond the current line, and stops at the first
// violation with the answer the edge gives: an HTTP status or a WebSocket close code.

#include <QByteArray>
#include <QString>
#include <QtGlobal>
#include <optional>

namespace betthat::server {

class StreamValidator
{
public:
    struct Limits
    {
        int maxRequestLineBytes = 8 * 1024;
        int maxHeaderBytes = 32 * 1024;
        int maxHeaderFields = 100;
        qint64 maxBodyBytes = 64 * 1024;
        qint64 maxFrameBytes = 4096; // payload of one client WebSocket frame
    };

    struct Violation
    {
        int httpStatus = 0; // HTTP phase: the status to answer with (then close)
        int closeCode = 0;  // WebSocket phase: the close code to send (then close)
        QString message;
    };

    // What one feed() call went through, in order of the byte stream; the edge sets its deadlines from it.
    struct Events
    {
        int requestsStarted = 0;   // first byte of a request line seen
        int headsCompleted = 0;    // empty line ending a header block seen
        int requestsCompleted = 0; // a request (head and body) is complete
        bool upgraded = false;     // a WebSocket upgrade request completed: the rest are frames
        int pings = 0;             // client ping frames seen
    };

    enum class Phase { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, LastChunkEnd, WebSocket };

    explicit StreamValidator(const Limits &limits);

    // Checks `size` more bytes of the stream. Returns the first violation; after one the validator refuses
    // everything (the connection is being closed).
    std::optional<Violation> feed(const char *data, qsizetype size, Events &events);

    Phase phase() const { return m_phase; }
    // Between the first byte of a request and its end (a head or body in progress).
    bool inRequest() const;
    bool inHead() const { return m_phase == Phase::RequestLine ? m_lineBytes > 0 : m_phase == Phase::Headers; }
    bool isWebSocket() const { return m_phase == Phase::WebSocket; }

private:
    std::optional<Violation> httpByte(char c, Events &events);
    std::optional<Violation> lineComplete(Events &events);
    std::optional<Violation> requestLine();
    std::optional<Violation> headerLine();
    std::optional<Violation> headComplete(Events &events);
    std::optional<Violation> chunkSizeLine();
    void requestComplete(Events &events);
    std::optional<Violation> feedWebSocket(const char *data, qsizetype size, Events &events);
    void resetRequest();

    Limits m_limits;
    Phase m_phase = Phase::RequestLine;
    bool m_failed = false;

    // The current line (request line, header line or chunk-size line), without its CRLF.
    QByteArray m_line;
    qint64 m_lineBytes = 0;
    bool m_sawCr = false;

    // The request in progress.
    QByteArray m_method;
    qint64 m_headerBytes = 0;
    int m_headerFields = 0;
    std::optional<qint64> m_contentLength;
    bool m_chunked = false;
    bool m_hasTransferEncoding = false;
    bool m_upgradeWebSocket = false;
    bool m_connectionUpgrade = false;
    qint64 m_bodyRemaining = 0; // Body / ChunkData: bytes still to come
    qint64 m_bodyTotal = 0;     // chunked: the sum of chunk sizes so far
    qint64 m_chunkOverhead = 0; // chunked: size lines and CRLFs so far
    int m_chunkEndBytes = 0;    // ChunkDataEnd / LastChunkEnd: how much of the CRLF has arrived

    // WebSocket frame header state.
    enum class Ws { Byte0, Byte1, ExtendedLength, Mask, Payload };
    Ws m_ws = Ws::Byte0;
    int m_wsOpcode = 0;
    int m_wsNeeded = 0;     // bytes of the extended length or mask still to come
    quint64 m_wsLength = 0; // payload length being assembled / remaining
};

} // namespace betthat::server
