#include "emailcomposer.h"

#include "common/textrules.h"

#include "common/bet.h"
#include "common/money.h"
#include "common/timeutil.h"

#include <QFile>
#include <QJsonValue>
#include <QRegularExpression>

namespace betthat::server {

namespace {

QString resultText(const QString &result)
{
    const auto parsed = resultFromName(result);
    switch (parsed.value_or(BetResult::None)) {
    case BetResult::Win:
        return QStringLiteral("Won");
    case BetResult::Loss:
        return QStringLiteral("Lost");
    case BetResult::Push:
        return QStringLiteral("Push (stake returned)");
    case BetResult::Void:
        return QStringLiteral("Void (stake returned)");
    case BetResult::None:
        break;
    }
    return QStringLiteral("(none)");
}

QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return QString::number(value.toInteger());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    default:
        return {};
    }
}

// Everything a template may name: the payload as stored plus the human forms of money, odds, results, times.
QHash<QString, QString> valuesFor(const OutboxMessage &message)
{
    const QJsonObject &p = message.payload;
    QHash<QString, QString> values;
    for (auto it = p.begin(); it != p.end(); ++it)
        values.insert(it.key(), valueText(it.value()));
    if (!values.contains(QStringLiteral("bet_id")))
        values.insert(QStringLiteral("bet_id"), message.betId);

    const QString currency = p.value(QStringLiteral("currency")).toString();
    const auto money
        = [&](const char *key) { return formatMoney(p.value(QLatin1String(key)).toInteger(), currency); };
    values.insert(QStringLiteral("stake_text"), money("stake"));
    values.insert(QStringLiteral("payout_text"), money("payout"));
    values.insert(QStringLiteral("previous_payout_text"), money("previous_payout"));
    values.insert(QStringLiteral("odds_text"), formatOdds(p.value(QStringLiteral("odds")).toInteger()));
    values.insert(QStringLiteral("result_text"), resultText(p.value(QStringLiteral("result")).toString()));
    values.insert(QStringLiteral("previous_result_text"),
        resultText(p.value(QStringLiteral("previous_result")).toString()));
    const QString notes = p.value(QStringLiteral("notes")).toString().trimmed();
    values.insert(QStringLiteral("notes_text"), notes.isEmpty() ? QStringLiteral("(none)") : notes);
    for (const char *key : { "resolved_at", "raised_at", "decided_at" }) {
        const QDateTime time = parseIsoUtc(p.value(QLatin1String(key)).toString());
        if (time.isValid())
            values.insert(
                QLatin1String(key), time.toUTC().toString(QStringLiteral("yyyy-MM-dd hh:mm 'UTC'")));
    }
    const QString decision = p.value(QStringLiteral("decision")).toString();
    if (decision == QLatin1String("upheld"))
        values.insert(QStringLiteral("decision_detail"),
            QStringLiteral("The result is now %1 (it was %2); the payout is %3.")
                .arg(values.value(QStringLiteral("result_text")),
                    values.value(QStringLiteral("previous_result_text")),
                    values.value(QStringLiteral("payout_text"))));
    else
        values.insert(QStringLiteral("decision_detail"), QStringLiteral("The original result stands."));
    return values;
}

} // namespace

EmailComposer::EmailComposer(QString templateDir)
    : m_dir(std::move(templateDir))
{ }

QStringList EmailComposer::kinds()
{
    return { QStringLiteral("bet_resolved"), QStringLiteral("dispute_raised"),
        QStringLiteral("dispute_raised_operator"), QStringLiteral("dispute_decided") };
}

Result<QString> EmailComposer::loadTemplate(const QString &fileName) const
{
    if (const auto cached = m_cache.constFind(fileName); cached != m_cache.constEnd())
        return *cached;
    QFile file(m_dir + QLatin1Char('/') + fileName);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Internal,
            QStringLiteral("email template %1 missing: %2").arg(file.fileName(), file.errorString()));
    const QString text = QString::fromUtf8(file.readAll());
    m_cache.insert(fileName, text);
    return text;
}

Result<QString> EmailComposer::render(
    const QString &templateText, const QHash<QString, QString> &values, bool html)
{
    // One pass over the template: a value that itself contains "{{x}}" is never expanded again.
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{([a-z_]+)\\}\\}"));
    QString out;
    out.reserve(templateText.size() * 2);
    qsizetype last = 0;
    auto it = placeholder.globalMatch(templateText);
    while (it.hasNext()) {
        const auto match = it.next();
        const QString key = match.captured(1);
        const auto value = values.constFind(key);
        if (value == values.constEnd())
            return makeError(
                ErrorCode::Internal, QStringLiteral("email template names unknown value {{%1}}").arg(key));
        out += QStringView(templateText).mid(last, match.capturedStart() - last);
        out += html ? value->toHtmlEscaped() : *value;
        last = match.capturedEnd();
    }
    out += QStringView(templateText).mid(last);
    return out;
}

Result<EmailMessage> EmailComposer::compose(const OutboxMessage &message) const
{
    if (!kinds().contains(message.kind))
        return makeError(
            ErrorCode::Internal, QStringLiteral("no email template for kind '%1'").arg(message.kind));
    const auto textTemplate = loadTemplate(message.kind + QStringLiteral(".txt"));
    if (!textTemplate)
        return textTemplate.error();
    const auto htmlTemplate = loadTemplate(message.kind + QStringLiteral(".html"));
    if (!htmlTemplate)
        return htmlTemplate.error();

    const auto values = valuesFor(message);
    // The text template starts with "Subject: ...", then a blank line: wording stays in one file per kind.
    // The subject is cut from the template before values go in, and rendered from single-line values, so a
    // name holding a newline (stored before names were checked) cannot end the header or start the body.
    static const QLatin1String subjectPrefix("Subject: ");
    QString subjectTemplate;
    QString bodyTemplate = *textTemplate;
    if (bodyTemplate.startsWith(subjectPrefix)) {
        const qsizetype end = bodyTemplate.indexOf(QLatin1Char('\n'));
        subjectTemplate = bodyTemplate.mid(subjectPrefix.size(), end < 0 ? -1 : end - subjectPrefix.size());
        bodyTemplate = end < 0 ? QString() : bodyTemplate.mid(end + 1);
        while (bodyTemplate.startsWith(QLatin1Char('\n')))
            bodyTemplate.remove(0, 1);
    }
    QHash<QString, QString> headerValues;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it)
        headerValues.insert(it.key(), text::singleLine(it.value()));
    const auto subject = render(subjectTemplate, headerValues, false);
    if (!subject)
        return subject.error();
    const auto body = render(bodyTemplate, values, false);
    if (!body)
        return body.error();
    const auto html = render(*htmlTemplate, values, true);
    if (!html)
        return html.error();

    EmailMessage email;
    email.subject = subject->trimmed();
    email.to = message.recipient;
    email.toName = text::singleLine(message.payload.value(QStringLiteral("user_name")).toString());
    email.text = *body;
    email.html = *html;
    return email;
}

} // namespace betthat::server
