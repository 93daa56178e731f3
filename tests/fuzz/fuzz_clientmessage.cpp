// libFuzzer target: the WebSocket client-message parser the server runs on every text frame
// (protocol::parseClientMessage, called from server/realtime/wssession.cpp).
// A subscribe's filter, once accepted, must survive the server echoing it back ("subscribed").

#include "common/eventfilter.h"
#include "common/protocol.h"

#include <QByteArray>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace betthat;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The server refuses larger frames before parsing (MessageTooBig); fuzz what reaches the parser.
    if (size > static_cast<size_t>(protocol::kMaxClientMessageBytes))
        return 0;
    const QByteArray frame
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto message = protocol::parseClientMessage(frame);
    if (!message) {
        if (message.error().message.isEmpty()) {
            std::fprintf(stderr, "invariant broken: a refused frame without a reason\n");
            std::abort();
        }
        return 0;
    }
    if (message->type == protocol::ClientMessageType::Resume && message->sinceSeq < 0) {
        std::fprintf(stderr, "invariant broken: resume accepted with a negative since_seq\n");
        std::abort();
    }
    if (message->type == protocol::ClientMessageType::Subscribe) {
        const QJsonObject echoed = json::encode(message->filter);
        const auto again = json::decodeEventFilter(echoed.isEmpty() ? QJsonValue() : QJsonValue(echoed));
        if (!again || !(*again == message->filter)) {
            std::fprintf(stderr, "invariant broken: an accepted filter does not survive its echo\n");
            std::abort();
        }
        const auto subscribed = protocol::subscribed(message->userId, 0, message->filter);
        if (protocol::messageType(subscribed) != QLatin1String("subscribed")) {
            std::fprintf(stderr, "invariant broken: the subscribed answer has another type\n");
            std::abort();
        }
    }
    return 0;
}
