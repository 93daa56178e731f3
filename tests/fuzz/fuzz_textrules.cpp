// libFuzzer target: the text rules (common/textrules.h) that keep control characters, line separators and
// lone surrogates out of names, headers and logs.
// Invariants: an accepted single-line text has none of them; an accepted multi-line text only newline and
// tab; singleLine() always produces text the single-line check accepts, and leaves accepted text alone.

#include "common/textrules.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace betthat;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
}

// Independent of textrules.cpp on purpose: a second reading of the rule, not a copy of it.
bool hasForbidden(const QString &value, bool multiLine)
{
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char16_t c = value.at(i).unicode();
        if (c >= 0xD800 && c <= 0xDBFF) {
            if (i + 1 < value.size() && value.at(i + 1).unicode() >= 0xDC00 && value.at(i + 1).unicode() <= 0xDFFF) {
                ++i;
                continue;
            }
            return true;
        }
        if (c >= 0xDC00 && c <= 0xDFFF)
            return true;
        if (multiLine && (c == u'\n' || c == u'\t'))
            continue;
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
            return true;
        if (!multiLine && (c == 0x2028 || c == 0x2029))
            return true;
    }
    return false;
}

void checkText(const QString &value)
{
    const QString field = QStringLiteral("name");
    const bool single = text::check(field, value, text::Kind::SingleLine).ok();
    const bool multi = text::check(field, value, text::Kind::MultiLine).ok();
    if (single == hasForbidden(value, false))
        fail(single ? "the single-line check accepted a forbidden character" : "the single-line check refused clean text");
    if (multi == hasForbidden(value, true))
        fail(multi ? "the multi-line check accepted a forbidden character" : "the multi-line check refused clean text");
    if (single && !multi)
        fail("text accepted on one line but refused on several");
    const QString cleaned = text::singleLine(value);
    if (cleaned.size() != value.size())
        fail("singleLine() changed the length");
    if (!text::check(field, cleaned, text::Kind::SingleLine).ok())
        fail("singleLine() produced text the single-line check refuses");
    if (single && cleaned != value)
        fail("singleLine() changed text that was already clean");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The bytes as UTF-16 code units (reaches lone surrogates directly) and as UTF-8 (what the wire carries).
    QString utf16(static_cast<qsizetype>(size / 2), Qt::Uninitialized);
    std::memcpy(utf16.data(), data, (size / 2) * 2);
    checkText(utf16);
    const QByteArray bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    checkText(QString::fromUtf8(bytes));
    // And as JSON: checkJson must refuse a document exactly when one of its strings (or keys) is refused.
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isNull()) {
        const QJsonValue value = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
        (void)text::checkJson(QStringLiteral("body"), value, text::Kind::MultiLine);
    }
    return 0;
}
