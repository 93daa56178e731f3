// libFuzzer target: the email composer (server/email/emailcomposer.h) fed an outbox row built from the input.
// Payload values are what bettors typed (names, notes, reasons), possibly stored before text was checked.
// Invariants: the subject and the display name are one line (no header injection), and no value reaches the
// HTML part unescaped.

#include "common/jsoncodec.h"
#include "server/email/emailcomposer.h"

#include <QByteArray>
#include <QJsonObject>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace betthat;
using namespace betthat::server;

namespace {

[[noreturn]] void fail(const char *what, const QString &text)
{
    std::fprintf(stderr, "invariant broken: %s\n%s\n", what, text.toUtf8().constData());
    std::abort();
}

bool isOneLine(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const EmailComposer composer(QStringLiteral(BETTHAT_EMAIL_TEMPLATES));
    static const QStringList kinds = EmailComposer::kinds();
    if (size < 1)
        return 0;
    // First byte: the kind; the rest: a JSON payload, or when it is not one, one string for every field.
    const QByteArray rest = QByteArray::fromRawData(
        reinterpret_cast<const char *>(data) + 1, static_cast<qsizetype>(size - 1));
    OutboxMessage message;
    message.id = 1;
    message.kind = kinds.at(data[0] % kinds.size());
    message.recipient = QStringLiteral("bettor@example.test");
    message.userId = QStringLiteral("u1");
    message.betId = QStringLiteral("b1");
    message.eventSeq = 1;
    if (const auto object = json::parseObject(rest)) {
        message.payload = *object;
    } else {
        const QString text = QString::fromUtf8(rest);
        for (const char *key : { "user_name", "event_name", "market", "selection", "notes", "reason",
                 "operator_name", "raised_by_name", "currency", "result", "previous_result", "decision",
                 "resolved_at", "raised_at", "decided_at" })
            message.payload.insert(QLatin1String(key), text);
    }

    const auto email = composer.compose(message);
    if (!email)
        return 0; // a template naming a value the payload lacks: refused, which the outbox marks failed
    if (!isOneLine(email->subject))
        fail("the subject is not a single line", email->subject);
    if (!isOneLine(email->toName))
        fail("the display name is not a single line", email->toName);
    if (email->to != message.recipient)
        fail("the recipient changed", email->to);
    // Every payload string went into the HTML escaped: no '<' from a value survives. The templates' own
    // markup is there, so look for a value's raw form only when it has markup in it.
    for (auto it = message.payload.constBegin(); it != message.payload.constEnd(); ++it) {
        const QString value = it.value().toString();
        if (value.contains(QLatin1Char('<')) && value.size() > 3 && email->html.contains(value))
            fail("a value reached the HTML unescaped", value);
    }
    return 0;
}
