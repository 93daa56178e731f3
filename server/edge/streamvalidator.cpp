#include "streamvalidator.h"

#include <QList>

namespace betthat::server {

namespace {

constexpr int kMaxChunkSizeLineBytes = 1024; // hex size plus extensions; ours are ignored anyway
constexpr int kMaxDecimalDigits = 18;        // every 18-digit number fits in qint64
constexpr int kMaxHexDigits = 15;            // likewise for chunk sizes

StreamValidator::Violation httpError(int status, const QString &message)
{
    return { status, 0, message };
}

StreamValidator::Violation wsError(int code, const QString &message)
{
    return { 0, code, message };
}

// RFC 9110 token characters (method and field names).
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '.':
    case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (char c : text)
        if (!isTokenChar(c))
            return false;
    return true;
}

// Only a plain run of decimal digits is a size: no sign, no spaces inside, no list ("5, 5"), and short enough
// that it cannot wrap (Qt's own parser reads 18446744073709551615 as -1, "no body").
std::optional<qint64> decimalSize(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > kMaxDecimalDigits)
        return std::nullopt;
    qint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<qint64> hexSize(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > kMaxHexDigits)
        return std::nullopt;
    qint64 value = 0;
    for (char c : text) {
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0)
            return std::nullopt;
        value = value * 16 + digit;
    }
    return value;
}

} // namespace

StreamValidator::StreamValidator(const Limits &limits) : m_limits(limits) {}

bool StreamValidator::inRequest() const
{
    switch (m_phase) {
    case Phase::RequestLine:
        return m_lineBytes > 0;
    case Phase::WebSocket:
        return false;
    default:
        return true;
    }
}

std::optional<StreamValidator::Violation> StreamValidator::feed(const char *data, qsizetype size, Events &events)
{
    if (m_failed)
        return httpError(400, QStringLiteral("the connection is closing"));
    qsizetype i = 0;
    while (i < size) {
        if (m_phase == Phase::WebSocket) {
            auto violation = feedWebSocket(data + i, size - i, events);
            m_failed = violation.has_value();
            return violation;
        }
        if (m_phase == Phase::Body || m_phase == Phase::ChunkData) {
            // Body bytes are only counted, in bulk.
            const qint64 take = qMin<qint64>(m_bodyRemaining, size - i);
            m_bodyRemaining -= take;
            i += take;
            if (m_bodyRemaining == 0) {
                if (m_phase == Phase::Body) {
                    requestComplete(events);
                } else {
                    m_phase = Phase::ChunkDataEnd;
                    m_chunkEndBytes = 0;
                }
            }
            continue;
        }
        if (m_phase == Phase::ChunkDataEnd || m_phase == Phase::LastChunkEnd) {
            // Exactly CRLF after a chunk's data, and after the last chunk (no trailers: Qt 6.4 cannot read them
            // and would take them for the next request).
            const char expected = m_chunkEndBytes == 0 ? '\r' : '\n';
            if (data[i] != expected) {
                m_failed = true;
                return httpError(400,
                    m_phase == Phase::LastChunkEnd
                        ? QStringLiteral("chunked body: trailers are not supported, expected CRLF after the last chunk")
                        : QStringLiteral("chunked body: expected CRLF after the chunk data"));
            }
            ++i;
            if (++m_chunkEndBytes == 2) {
                if (m_phase == Phase::LastChunkEnd) {
                    requestComplete(events);
                } else {
                    m_phase = Phase::ChunkSize;
                    m_line.clear();
                    m_lineBytes = 0;
                    m_sawCr = false;
                }
            }
            continue;
        }
        auto violation = httpByte(data[i], events);
        ++i;
        if (violation) {
            m_failed = true;
            return violation;
        }
    }
    return std::nullopt;
}

std::optional<StreamValidator::Violation> StreamValidator::httpByte(char c, Events &events)
{
    if (m_sawCr) {
        if (c != '\n')
            return httpError(400, QStringLiteral("bare CR in the request head"));
        m_sawCr = false;
        return lineComplete(events);
    }
    if (c == '\r') {
        m_sawCr = true;
        return std::nullopt;
    }
    if (c == '\n')
        return httpError(400, QStringLiteral("bare LF line ending: lines must end with CRLF"));

    if (m_phase == Phase::RequestLine && m_lineBytes == 0)
        ++events.requestsStarted;
    ++m_lineBytes;
    switch (m_phase) {
    case Phase::RequestLine:
        if (m_lineBytes > m_limits.maxRequestLineBytes)
            return httpError(414,
                QStringLiteral("request line longer than %1 bytes").arg(m_limits.maxRequestLineBytes));
        break;
    case Phase::Headers:
        if (m_headerBytes + m_lineBytes > m_limits.maxHeaderBytes)
            return httpError(431, QStringLiteral("request headers larger than %1 bytes").arg(m_limits.maxHeaderBytes));
        break;
    case Phase::ChunkSize:
        if (m_lineBytes > kMaxChunkSizeLineBytes)
            return httpError(400, QStringLiteral("chunked body: chunk-size line too long"));
        break;
    default:
        break;
    }
    m_line.append(c);
    return std::nullopt;
}

std::optional<StreamValidator::Violation> StreamValidator::lineComplete(Events &events)
{
    std::optional<Violation> violation;
    switch (m_phase) {
    case Phase::RequestLine:
        if (m_lineBytes == 0)
            return std::nullopt; // an empty line between requests (after a body) is tolerated, as Qt does
        violation = requestLine();
        if (!violation)
            m_phase = Phase::Headers;
        break;
    case Phase::Headers:
        if (m_lineBytes == 0)
            return headComplete(events);
        violation = headerLine();
        break;
    case Phase::ChunkSize:
        violation = chunkSizeLine();
        break;
    default:
        break;
    }
    m_line.clear();
    m_lineBytes = 0;
    return violation;
}

std::optional<StreamValidator::Violation> StreamValidator::requestLine()
{
    const QList<QByteArray> parts = m_line.split(' ');
    if (parts.size() != 3 || parts.at(1).isEmpty() || !isToken(parts.at(0)))
        return httpError(400, QStringLiteral("malformed request line"));
    const QByteArray &version = parts.at(2);
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return httpError(400, QStringLiteral("unsupported HTTP version"));
    m_method = parts.at(0);
    return std::nullopt;
}

std::optional<StreamValidator::Violation> StreamValidator::headerLine()
{
    m_headerBytes += m_lineBytes + 2;
    if (++m_headerFields > m_limits.maxHeaderFields)
        return httpError(431, QStringLiteral("more than %1 header fields").arg(m_limits.maxHeaderFields));
    if (m_line.startsWith(' ') || m_line.startsWith('\t'))
        return httpError(400, QStringLiteral("folded header lines are not accepted"));
    const int colon = int(m_line.indexOf(':'));
    if (colon <= 0 || !isToken(m_line.left(colon)))
        return httpError(400, QStringLiteral("malformed header line"));
    const QByteArray name = m_line.left(colon).toLower();
    const QByteArray value = m_line.mid(colon + 1).trimmed();
    if (name == "content-length") {
        if (m_contentLength)
            return httpError(400, QStringLiteral("duplicate Content-Length"));
        m_contentLength = decimalSize(value);
        if (!m_contentLength)
            return httpError(400, QStringLiteral("Content-Length is not a decimal size"));
    } else if (name == "transfer-encoding") {
        if (m_hasTransferEncoding)
            return httpError(400, QStringLiteral("duplicate Transfer-Encoding"));
        m_hasTransferEncoding = true;
        if (value.compare("chunked", Qt::CaseInsensitive) != 0)
            return httpError(501, QStringLiteral("only Transfer-Encoding: chunked is supported"));
        m_chunked = true;
    } else if (name == "upgrade") {
        // Qt 6.4 hands a request over to its WebSocket server when Upgrade is "websocket" and Connection
        // contains "upgrade"; the same test here tells where the HTTP stream ends.
        m_upgradeWebSocket = value.compare("websocket", Qt::CaseInsensitive) == 0;
    } else if (name == "connection") {
        m_connectionUpgrade = m_connectionUpgrade || value.toLower().contains("upgrade");
    }
    return std::nullopt;
}

std::optional<StreamValidator::Violation> StreamValidator::headComplete(Events &events)
{
    ++events.headsCompleted;
    if (m_contentLength && m_chunked)
        return httpError(400, QStringLiteral("both Content-Length and Transfer-Encoding"));
    if (m_upgradeWebSocket && m_connectionUpgrade) {
        if (m_chunked || m_contentLength.value_or(0) > 0)
            return httpError(400, QStringLiteral("an upgrade request has no body"));
        events.upgraded = true;
        m_phase = Phase::WebSocket;
        m_ws = Ws::Byte0;
        return std::nullopt;
    }
    if (m_chunked) {
        m_phase = Phase::ChunkSize;
        m_bodyTotal = 0;
        m_chunkOverhead = 0;
        return std::nullopt;
    }
    const qint64 length = m_contentLength.value_or(0);
    if (length > m_limits.maxBodyBytes)
        return httpError(413, QStringLiteral("request body larger than %1 bytes").arg(m_limits.maxBodyBytes));
    if (length == 0) {
        requestComplete(events);
        return std::nullopt;
    }
    m_phase = Phase::Body;
    m_bodyRemaining = length;
    return std::nullopt;
}

std::optional<StreamValidator::Violation> StreamValidator::chunkSizeLine()
{
    const int semicolon = int(m_line.indexOf(';'));
    const auto size = hexSize(semicolon < 0 ? m_line : m_line.left(semicolon));
    if (!size)
        return httpError(400, QStringLiteral("chunked body: malformed chunk size"));
    m_bodyTotal += *size;
    // The chunk framing stays in Qt's buffer with the data until the request is complete: bound it too.
    m_chunkOverhead += m_lineBytes + 4;
    if (m_bodyTotal > m_limits.maxBodyBytes || m_chunkOverhead > m_limits.maxBodyBytes)
        return httpError(413, QStringLiteral("request body larger than %1 bytes").arg(m_limits.maxBodyBytes));
    if (*size == 0) {
        m_phase = Phase::LastChunkEnd;
        m_chunkEndBytes = 0;
    } else {
        m_phase = Phase::ChunkData;
        m_bodyRemaining = *size;
    }
    return std::nullopt;
}

void StreamValidator::requestComplete(Events &events)
{
    ++events.requestsCompleted;
    resetRequest();
}

void StreamValidator::resetRequest()
{
    m_phase = Phase::RequestLine;
    m_line.clear();
    m_lineBytes = 0;
    m_sawCr = false;
    m_method.clear();
    m_headerBytes = 0;
    m_headerFields = 0;
    m_contentLength.reset();
    m_chunked = false;
    m_hasTransferEncoding = false;
    m_upgradeWebSocket = false;
    m_connectionUpgrade = false;
    m_bodyRemaining = 0;
    m_bodyTotal = 0;
    m_chunkOverhead = 0;
}

std::optional<StreamValidator::Violation> StreamValidator::feedWebSocket(
    const char *data, qsizetype size, Events &events)
{
    qsizetype i = 0;
    while (i < size) {
        const auto byte = static_cast<unsigned char>(data[i]);
        switch (m_ws) {
        case Ws::Byte0: {
            ++i;
            if (byte & 0x70)
                return wsError(1002, QStringLiteral("reserved bits set without an extension"));
            m_wsOpcode = byte & 0x0F;
            const bool control = m_wsOpcode >= 8;
            if (m_wsOpcode > 2 && m_wsOpcode != 8 && m_wsOpcode != 9 && m_wsOpcode != 10)
                return wsError(1002, QStringLiteral("unknown opcode %1").arg(m_wsOpcode));
            if (control && !(byte & 0x80))
                return wsError(1002, QStringLiteral("fragmented control frame"));
            if (m_wsOpcode == 9)
                ++events.pings;
            m_ws = Ws::Byte1;
            break;
        }
        case Ws::Byte1: {
            ++i;
            // RFC 6455 5.1: a server must close the connection on an unmasked client frame.
            if (!(byte & 0x80))
                return wsError(1002, QStringLiteral("client frames must be masked"));
            const int length = byte & 0x7F;
            if (m_wsOpcode >= 8 && length > 125)
                return wsError(1002, QStringLiteral("control frame longer than 125 bytes"));
            m_wsLength = 0;
            if (length == 126 || length == 127) {
                m_wsNeeded = length == 126 ? 2 : 8;
                m_ws = Ws::ExtendedLength;
            } else {
                m_wsLength = quint64(length);
                m_wsNeeded = 4;
                m_ws = Ws::Mask;
            }
            break;
        }
        case Ws::ExtendedLength:
            ++i;
            if (m_wsLength > (quint64(1) << 55))
                return wsError(1009, QStringLiteral("frame too large"));
            m_wsLength = (m_wsLength << 8) | byte;
            if (--m_wsNeeded == 0) {
                m_wsNeeded = 4;
                m_ws = Ws::Mask;
            }
            break;
        case Ws::Mask:
            ++i;
            if (m_wsNeeded == 4 && m_wsLength > quint64(m_limits.maxFrameBytes))
                return wsError(1009, QStringLiteral("frame larger than %1 bytes").arg(m_limits.maxFrameBytes));
            if (--m_wsNeeded == 0)
                m_ws = m_wsLength > 0 ? Ws::Payload : Ws::Byte0;
            break;
        case Ws::Payload: {
            const quint64 take = qMin<quint64>(m_wsLength, quint64(size - i));
            m_wsLength -= take;
            i += qsizetype(take);
            if (m_wsLength == 0)
                m_ws = Ws::Byte0;
            break;
        }
        }
    }
    return std::nullopt;
}

} // namespace betthat::server
