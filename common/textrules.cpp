#include "textrules.h"

#include <QJsonArray>
#include <QJsonObject>

namespace betthat::text {

namespace {

// U+2028/U+2029 end a line in JavaScript, many mail readers and some terminals.
bool isLineSeparator(char16_t c)
{
    return c == 0x2028 || c == 0x2029;
}

bool isControl(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

bool allowedControl(char16_t c, Kind kind)
{
    return kind == Kind::MultiLine && (c == u'\n' || c == u'\t');
}

Status refuse(const QString &field, const QString &what, qsizetype index)
{
    return makeError(ErrorCode::BadRequest,
        QStringLiteral("%1 contains %2 at position %3").arg(field.left(64), what).arg(index));
}

} // namespace

Status check(const QString &field, const QString &value, Kind kind)
{
    const qsizetype size = value.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = value.at(i).unicode();
        if (QChar::isHighSurrogate(c)) {
            if (i + 1 < size && QChar::isLowSurrogate(value.at(i + 1).unicode())) {
                ++i;
                continue;
            }
            return refuse(field, QStringLiteral("a lone surrogate (invalid Unicode)"), i);
        }
        if (QChar::isLowSurrogate(c))
            return refuse(field, QStringLiteral("a lone surrogate (invalid Unicode)"), i);
        if (isControl(c) && !allowedControl(c, kind))
            return refuse(field,
                QStringLiteral("the control character U+%1")
                    .arg(QString::number(int(c), 16).toUpper().rightJustified(4, QLatin1Char('0'))),
                i);
        if (kind == Kind::SingleLine && isLineSeparator(c))
            return refuse(field, QStringLiteral("a line separator"), i);
    }
    return Ok {};
}

Status checkJson(const QString &field, const QJsonValue &value, Kind kind)
{
    if (value.isString())
        return check(field, value.toString(), kind);
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (auto checked = checkJson(QStringLiteral("%1[%2]").arg(field).arg(i), array.at(i), kind); !checked)
                return checked;
        }
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString path = field + QLatin1Char('.') + it.key();
            if (auto key = check(field + QStringLiteral(" key"), it.key(), Kind::SingleLine); !key)
                return key;
            if (auto checked = checkJson(path, it.value(), kind); !checked)
                return checked;
        }
    }
    return Ok {};
}

QString singleLine(const QString &value)
{
    QString out;
    out.reserve(value.size());
    const qsizetype size = value.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = value.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < size && QChar::isLowSurrogate(value.at(i + 1).unicode())) {
            out += value.at(i);
            out += value.at(++i);
        } else if (QChar::isSurrogate(c)) {
            out += QChar::ReplacementCharacter;
        } else if (isControl(c) || isLineSeparator(c)) {
            out += QLatin1Char(' ');
        } else {
            out += value.at(i);
        }
    }
    return out;
}

} // namespace betthat::text
