#pragma once

// The one place an application close code (protocol::CloseCode, 4xxx included) becomes Qt's close-code enum.

#include <QWebSocketProtocol>

namespace betthat::server {

// QWebSocket::close() takes only QWebSocketProtocol::CloseCode, whose enumerators (1000-1015) give it the
// range 0-1023: 4008, 4401 and 4403 lie outside it, and C++17 calls such a cast undefined. There is no other
// way to send a close frame through QWebSocket, and Qt itself casts received codes the same way. GCC and
// Clang keep the value (the underlying type is unsigned int; -fstrict-enums is off by default, so nothing is
// optimised on the assumption). UBSan objects only when such a value is loaded from an enum-typed object in
// instrumented code, so codes stay plain ints everywhere in ours and are converted only here, at the call.
inline QWebSocketProtocol::CloseCode toQtCloseCode(int code)
{
    return static_cast<QWebSocketProtocol::CloseCode>(code);
}

} // namespace betthat::server
