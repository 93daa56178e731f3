#pragma once

// One composed email, ready for the SMTP sender: envelope recipient, headers and both bodies.

#include <QDateTime>
#include <QString>

namespace betthat::server {

struct EmailMessage
{
    QString to; // a validated address
    QString toName; // display name, may be empty
    QString subject; // plain text; the sender encodes it (RFC 2047) and strips control characters
    QString text; // the text/plain part, always present
    QString html; // the text/html part; every user-supplied value in it is already escaped
    QString messageId; // without angle brackets; stable per outbox row so a re-send can be recognised
    QDateTime date;
};

} // namespace betthat::server
