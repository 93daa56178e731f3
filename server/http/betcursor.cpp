#include "betcursor.h"

#include <QRegularExpression>

namespace betthat::server {

namespace {
constexpr auto kBase64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}

QString BetCursor::encode() const
{
    const QByteArray plain = QByteArray::number(updatedAt.toMSecsSinceEpoch()) + ':' + id.toUtf8();
    return QString::fromLatin1(plain.toBase64(kBase64));
}

Result<BetCursor> BetCursor::decode(const QString &text)
{
    const Error invalid = makeError(
        ErrorCode::BadRequest, QStringLiteral("cursor is not valid: pass next_cursor back unchanged"));
    if (text.isEmpty() || text.size() > 128)
        return invalid;
    const auto decoded
        = QByteArray::fromBase64Encoding(text.toLatin1(), kBase64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return invalid;
    static const QRegularExpression shape(QStringLiteral("^(\\d{1,15}):([1-9]\\d{0,18})$"));
    const auto match = shape.match(QString::fromLatin1(*decoded));
    if (!match.hasMatch())
        return invalid;
    BetCursor cursor;
    cursor.updatedAt = QDateTime::fromMSecsSinceEpoch(match.captured(1).toLongLong(), Qt::UTC);
    cursor.id = match.captured(2);
    return cursor;
}

} // namespace betthat::server
