#include "jsoncodec.h"

#include "money.h"
#include "timeutil.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <cmath>

namespace betthat::json {

namespace {

Error bad(const QString &message)
{
    return makeError(ErrorCode::BadRequest, message);
}

QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

QJsonValue nullableTime(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(toIsoUtc(t)) : QJsonValue();
}

// Optional text: absent or null mean empty; any other type is refused rather than silently dropped.
Result<QString> optionalText(const QJsonObject &o, const QString &key, const QString &label)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return QString();
    if (!v.isString())
        return bad(QStringLiteral("%1 must be a string or null").arg(label));
    return v.toString();
}

Result<QDateTime> optionalTime(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isNull() || v.isUndefined())
        return QDateTime();
    const QDateTime t = parseIsoUtc(v.toString());
    if (!t.isValid())
        return bad(QStringLiteral("%1 must be an ISO 8601 UTC timestamp").arg(key));
    return t;
}

Result<QDateTime> requireTime(const QJsonObject &o, const QString &key)
{
    auto t = optionalTime(o, key);
    if (t && !t->isValid())
        return bad(QStringLiteral("%1 is required").arg(key));
    return t;
}

QJsonValue factorValue(const std::optional<qint64> &factor)
{
    return factor ? QJsonValue(formatFactor(*factor)) : QJsonValue();
}

// A factor as stored and sent: null or a decimal string ("0.5").
Result<std::optional<qint64>> optionalFactor(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return std::optional<qint64>();
    if (!v.isString())
        return bad(QStringLiteral("%1 must be null or a decimal string like \"0.5\"").arg(key));
    const auto parsed = parseFactor(v.toString());
    if (!parsed)
        return bad(QStringLiteral("%1: %2").arg(key, parsed.error().message));
    return std::optional<qint64>(*parsed);
}

Result<std::optional<int>> optionalDeduction(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return std::optional<int>();
    const double d = v.toDouble(-1);
    if (!v.isDouble() || std::floor(d) != d || d < 0 || d > 100)
        return bad(QStringLiteral("%1 must be null or an integer from 0 to 100").arg(key));
    return std::optional<int>(static_cast<int>(d));
}

QJsonObject encodeSnapshot(const SettlementSnapshot &s)
{
    QJsonObject o{
        {QStringLiteral("status"), statusName(s.status)},
        {QStringLiteral("result"), nullable(resultName(s.result))},
        {QStringLiteral("payout"), s.payout},
        {QStringLiteral("resolution_notes"), nullable(s.resolutionNotes)},
        {QStringLiteral("resolution_source"), nullable(s.resolutionSource)},
        {QStringLiteral("resolved_by"), nullable(s.resolvedBy)},
        {QStringLiteral("resolved_at"), nullableTime(s.resolvedAt)},
        {QStringLiteral("dispute_deadline"), nullableTime(s.disputeDeadline)},
    };
    insertSettlementKeys(o, {s.voidFactor, s.deadHeatFactor, s.deduction, s.certainty});
    return o;
}

} // namespace

void insertSettlementKeys(QJsonObject &o, const SettlementKeys &keys)
{
    o.insert(QStringLiteral("void_factor"), factorValue(keys.voidFactor));
    o.insert(QStringLiteral("dead_heat_factor"), factorValue(keys.deadHeatFactor));
    o.insert(QStringLiteral("deduction"), keys.deduction ? QJsonValue(*keys.deduction) : QJsonValue());
    o.insert(QStringLiteral("certainty"), nullable(certaintyName(keys.certainty)));
}

Result<SettlementKeys> readSettlementKeys(const QJsonObject &o, const QString &where)
{
    SettlementKeys keys;
    for (auto [key, target] : {std::pair{QStringLiteral("void_factor"), &keys.voidFactor},
                               {QStringLiteral("dead_heat_factor"), &keys.deadHeatFactor}}) {
        const auto f = optionalFactor(o, key);
        if (!f)
            return f.error();
        *target = *f;
    }
    const auto deduction = optionalDeduction(o, QStringLiteral("deduction"));
    if (!deduction)
        return deduction.error();
    keys.deduction = *deduction;
    const QString certaintyKey = where + QStringLiteral("certainty");
    const auto certainty = optionalText(o, QStringLiteral("certainty"), certaintyKey);
    if (!certainty)
        return certainty.error();
    if (!certainty->isEmpty()) {
        const auto parsed = certaintyFromName(*certainty);
        if (!parsed)
            return bad(QStringLiteral("%1 must be null, provisional or confirmed").arg(certaintyKey));
        keys.certainty = *parsed;
    }
    return keys;
}

QJsonObject encode(const SettlementSnapshot &s)
{
    return encodeSnapshot(s);
}

Result<SettlementSnapshot> decodeSettlementSnapshot(const QJsonObject &o)
{
    SettlementSnapshot s;
    const auto status = statusFromName(o.value(QStringLiteral("status")).toString());
    if (!status)
        return bad(QStringLiteral("cancelled_from.status must be a bet status"));
    s.status = *status;
    const QJsonValue resultValue = o.value(QStringLiteral("result"));
    if (!resultValue.isNull() && !resultValue.isUndefined()) {
        const auto result = resultFromName(resultValue.toString());
        if (!result)
            return bad(QStringLiteral("cancelled_from.result must be null or one of win, loss, push, void"));
        s.result = *result;
    }
    const auto payout = requireInteger(o, QStringLiteral("payout"));
    if (!payout)
        return payout.error();
    s.payout = *payout;
    const auto keys = readSettlementKeys(o, QStringLiteral("cancelled_from."));
    if (!keys)
        return keys.error();
    s.voidFactor = keys->voidFactor;
    s.deadHeatFactor = keys->deadHeatFactor;
    s.deduction = keys->deduction;
    s.certainty = keys->certainty;
    for (auto [key, target] : {std::pair{QStringLiteral("resolution_notes"), &s.resolutionNotes},
                               {QStringLiteral("resolution_source"), &s.resolutionSource},
                               {QStringLiteral("resolved_by"), &s.resolvedBy}}) {
        const auto text = optionalText(o, key, key);
        if (!text)
            return text.error();
        *target = *text;
    }
    for (auto [key, target] : {std::pair{QStringLiteral("resolved_at"), &s.resolvedAt},
                               {QStringLiteral("dispute_deadline"), &s.disputeDeadline}}) {
        const auto t = optionalTime(o, key);
        if (!t)
            return t.error();
        *target = *t;
    }
    return s;
}

Result<QJsonObject> parseObject(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return bad(QStringLiteral("malformed JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
    if (!doc.isObject())
        return bad(QStringLiteral("expected a JSON object"));
    return doc.object();
}

QByteArray toBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<QString> requireString(const QJsonObject &o, const QString &key, bool allowEmpty)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return bad(QStringLiteral("%1 is required").arg(key));
    if (!v.isString())
        return bad(QStringLiteral("%1 must be a string").arg(key));
    if (!allowEmpty && v.toString().trimmed().isEmpty())
        return bad(QStringLiteral("%1 must not be empty").arg(key));
    return v.toString();
}

Result<qint64> requireInteger(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return bad(QStringLiteral("%1 is required").arg(key));
    if (!v.isDouble())
        return bad(QStringLiteral("%1 must be an integer").arg(key));
    const double d = v.toDouble();
    // JSON numbers are doubles: refuse fractions and anything beyond 2^53 where integers stop being exact.
    if (std::floor(d) != d || std::fabs(d) > 9007199254740992.0)
        return bad(QStringLiteral("%1 must be an integer").arg(key));
    return static_cast<qint64>(d);
}

QString optionalString(const QJsonObject &o, const QString &key)
{
    return o.value(key).toString();
}

QJsonObject encode(const Bet &bet)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), bet.id);
    o.insert(QStringLiteral("user_id"), bet.userId);
    o.insert(QStringLiteral("event_name"), bet.eventName);
    o.insert(QStringLiteral("market"), bet.market);
    o.insert(QStringLiteral("selection"), bet.selection);
    o.insert(QStringLiteral("odds"), formatOdds(bet.odds));
    o.insert(QStringLiteral("stake"), bet.stake);
    o.insert(QStringLiteral("potential_return"), bet.potentialReturn);
    o.insert(QStringLiteral("currency"), bet.currency);
    o.insert(QStringLiteral("status"), statusName(bet.status));
    o.insert(QStringLiteral("result"), nullable(resultName(bet.result)));
    o.insert(QStringLiteral("payout"), bet.payout);
    o.insert(QStringLiteral("resolution_notes"), nullable(bet.resolutionNotes));
    o.insert(QStringLiteral("resolution_source"), nullable(bet.resolutionSource));
    o.insert(QStringLiteral("resolved_by"), nullable(bet.resolvedBy));
    o.insert(QStringLiteral("resolved_at"), nullableTime(bet.resolvedAt));
    o.insert(QStringLiteral("created_at"), nullableTime(bet.createdAt));
    o.insert(QStringLiteral("updated_at"), nullableTime(bet.updatedAt));
    o.insert(QStringLiteral("version"), bet.version);
    o.insert(QStringLiteral("dispute_deadline"), nullableTime(bet.disputeDeadline));
    insertSettlementKeys(o, {bet.voidFactor, bet.deadHeatFactor, bet.deduction, bet.certainty});
    o.insert(QStringLiteral("outcome_seq"), bet.outcomeSeq > 0 ? QJsonValue(bet.outcomeSeq) : QJsonValue());
    o.insert(QStringLiteral("cancelled_from"),
             bet.cancelledFrom ? QJsonValue(encodeSnapshot(*bet.cancelledFrom)) : QJsonValue());
    if (bet.dispute) {
        const Dispute &d = *bet.dispute;
        QJsonObject dj;
        dj.insert(QStringLiteral("reason"), d.reason);
        dj.insert(QStringLiteral("raised_at"), nullableTime(d.raisedAt));
        dj.insert(QStringLiteral("state"), disputeStateName(d.state));
        dj.insert(QStringLiteral("decision_notes"), nullable(d.decisionNotes));
        dj.insert(QStringLiteral("decided_by"), nullable(d.decidedBy));
        dj.insert(QStringLiteral("decided_at"), nullableTime(d.decidedAt));
        o.insert(QStringLiteral("dispute"), dj);
    } else {
        o.insert(QStringLiteral("dispute"), QJsonValue());
    }
    return o;
}

Result<Bet> decodeBet(const QJsonObject &o)
{
    Bet bet;
    for (auto [key, target] : {std::pair{QStringLiteral("id"), &bet.id}, {QStringLiteral("user_id"), &bet.userId},
                               {QStringLiteral("event_name"), &bet.eventName},
                               {QStringLiteral("market"), &bet.market},
                               {QStringLiteral("selection"), &bet.selection},
                               {QStringLiteral("currency"), &bet.currency}}) {
        const auto s = requireString(o, key);
        if (!s)
            return s.error();
        *target = *s;
    }
    const QJsonValue oddsValue = o.value(QStringLiteral("odds"));
    if (oddsValue.isUndefined() || oddsValue.isNull())
        return bad(QStringLiteral("odds is required"));
    if (!oddsValue.isString())
        return bad(QStringLiteral("odds must be a decimal string such as \"2.50\""));
    const auto odds = parseOdds(oddsValue.toString());
    if (!odds)
        return odds.error();
    bet.odds = *odds;
    for (auto [key, target] : {std::pair{QStringLiteral("stake"), &bet.stake},
                               {QStringLiteral("potential_return"), &bet.potentialReturn},
                               {QStringLiteral("payout"), &bet.payout}, {QStringLiteral("version"), &bet.version}}) {
        const auto n = requireInteger(o, key);
        if (!n)
            return n.error();
        *target = *n;
    }
    if (!isValidCurrency(bet.currency))
        return bad(QStringLiteral("currency must be an ISO 4217 code"));
    const auto status = statusFromName(o.value(QStringLiteral("status")).toString());
    if (!status)
        return bad(QStringLiteral("status must be one of pending, settled, voided, cancelled, disputed"));
    bet.status = *status;
    const QJsonValue resultValue = o.value(QStringLiteral("result"));
    if (!resultValue.isNull() && !resultValue.isUndefined()) {
        const auto result = resultFromName(resultValue.toString());
        if (!result)
            return bad(QStringLiteral("result must be null or one of win, loss, push, void"));
        bet.result = *result;
    }
    for (auto [key, target] : {std::pair{QStringLiteral("resolution_notes"), &bet.resolutionNotes},
                               {QStringLiteral("resolution_source"), &bet.resolutionSource},
                               {QStringLiteral("resolved_by"), &bet.resolvedBy}}) {
        const auto text = optionalText(o, key, key);
        if (!text)
            return text.error();
        *target = *text;
    }
    for (auto [key, target] : {std::pair{QStringLiteral("resolved_at"), &bet.resolvedAt},
                               {QStringLiteral("created_at"), &bet.createdAt},
                               {QStringLiteral("updated_at"), &bet.updatedAt},
                               {QStringLiteral("dispute_deadline"), &bet.disputeDeadline}}) {
        const auto t = optionalTime(o, key);
        if (!t)
            return t.error();
        *target = *t;
    }
    // Settlement terms (schema 3); absent in answers stored before, which read as null.
    const auto keys = readSettlementKeys(o);
    if (!keys)
        return keys.error();
    bet.voidFactor = keys->voidFactor;
    bet.deadHeatFactor = keys->deadHeatFactor;
    bet.deduction = keys->deduction;
    bet.certainty = keys->certainty;
    const QJsonValue outcomeSeq = o.value(QStringLiteral("outcome_seq"));
    if (!outcomeSeq.isUndefined() && !outcomeSeq.isNull()) {
        const auto seq = requireInteger(o, QStringLiteral("outcome_seq"));
        if (!seq)
            return seq.error();
        bet.outcomeSeq = *seq;
    }
    const QJsonValue cancelledFrom = o.value(QStringLiteral("cancelled_from"));
    if (cancelledFrom.isObject()) {
        const auto snapshot = decodeSettlementSnapshot(cancelledFrom.toObject());
        if (!snapshot)
            return snapshot.error();
        bet.cancelledFrom = *snapshot;
    } else if (!cancelledFrom.isUndefined() && !cancelledFrom.isNull()) {
        return bad(QStringLiteral("cancelled_from must be an object or null"));
    }
    const QJsonValue disputeValue = o.value(QStringLiteral("dispute"));
    if (disputeValue.isObject()) {
        const QJsonObject dj = disputeValue.toObject();
        Dispute d;
        const auto reason = requireString(dj, QStringLiteral("reason"));
        if (!reason)
            return reason.error();
        d.reason = *reason;
        const auto state = disputeStateFromName(dj.value(QStringLiteral("state")).toString());
        if (!state)
            return bad(QStringLiteral("dispute.state must be one of open, upheld, rejected"));
        d.state = *state;
        const auto decisionNotes =
            optionalText(dj, QStringLiteral("decision_notes"), QStringLiteral("dispute.decision_notes"));
        if (!decisionNotes)
            return decisionNotes.error();
        d.decisionNotes = *decisionNotes;
        const auto decidedBy = optionalText(dj, QStringLiteral("decided_by"), QStringLiteral("dispute.decided_by"));
        if (!decidedBy)
            return decidedBy.error();
        d.decidedBy = *decidedBy;
        const auto raised = requireTime(dj, QStringLiteral("raised_at"));
        if (!raised)
            return raised.error();
        d.raisedAt = *raised;
        const auto decided = optionalTime(dj, QStringLiteral("decided_at"));
        if (!decided)
            return decided.error();
        d.decidedAt = *decided;
        bet.dispute = d;
    } else if (!disputeValue.isNull() && !disputeValue.isUndefined()) {
        return bad(QStringLiteral("dispute must be an object or null"));
    }
    return bet;
}

QJsonObject encode(const BetEvent &event)
{
    QJsonObject o;
    o.insert(QStringLiteral("type"), eventTypeName(event.type));
    o.insert(QStringLiteral("seq"), event.seq);
    o.insert(QStringLiteral("bet_id"), event.betId);
    o.insert(QStringLiteral("user_id"), event.userId);
    o.insert(QStringLiteral("data"), event.data);
    o.insert(QStringLiteral("timestamp"), toIsoUtc(event.timestamp));
    return o;
}

Result<BetEvent> decodeEvent(const QJsonObject &o)
{
    BetEvent event;
    const auto type = eventTypeFromName(o.value(QStringLiteral("type")).toString());
    if (!type)
        return bad(QStringLiteral("type must be one of bet_resolved, bet_disputed, bet_updated"));
    event.type = *type;
    const auto seq = requireInteger(o, QStringLiteral("seq"));
    if (!seq)
        return seq.error();
    if (*seq <= 0)
        return bad(QStringLiteral("seq must be positive"));
    event.seq = *seq;
    const auto betId = requireString(o, QStringLiteral("bet_id"));
    if (!betId)
        return betId.error();
    event.betId = *betId;
    const auto userId = requireString(o, QStringLiteral("user_id"));
    if (!userId)
        return userId.error();
    event.userId = *userId;
    const QJsonValue data = o.value(QStringLiteral("data"));
    if (!data.isObject())
        return bad(QStringLiteral("data must be an object"));
    event.data = data.toObject();
    const auto timestamp = requireTime(o, QStringLiteral("timestamp"));
    if (!timestamp)
        return timestamp.error();
    event.timestamp = *timestamp;
    return event;
}

QJsonObject encode(const User &user)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), user.id);
    o.insert(QStringLiteral("display_name"), user.displayName);
    o.insert(QStringLiteral("email"), nullable(user.email));
    o.insert(QStringLiteral("role"), roleName(user.role));
    o.insert(QStringLiteral("email_notifications"), user.emailNotifications);
    o.insert(QStringLiteral("currency"), user.currency);
    return o;
}

Result<User> decodeUser(const QJsonObject &o)
{
    User user;
    const auto id = requireString(o, QStringLiteral("id"));
    if (!id)
        return id.error();
    if (!isValidUserId(*id))
        return bad(QStringLiteral("id must be lowercase letters, digits, '_', '.', '-' (at most 64)"));
    user.id = *id;
    const auto displayName = optionalText(o, QStringLiteral("display_name"), QStringLiteral("display_name"));
    if (!displayName)
        return displayName.error();
    user.displayName = *displayName;
    const auto email = optionalText(o, QStringLiteral("email"), QStringLiteral("email"));
    if (!email)
        return email.error();
    user.email = *email;
    if (!user.email.isEmpty() && !isValidEmail(user.email))
        return bad(QStringLiteral("email is not a valid address"));
    const auto role = roleFromName(o.value(QStringLiteral("role")).toString());
    if (!role)
        return bad(QStringLiteral("role must be bettor or operator"));
    user.role = *role;
    const QJsonValue notifications = o.value(QStringLiteral("email_notifications"));
    if (!notifications.isUndefined() && !notifications.isNull() && !notifications.isBool())
        return bad(QStringLiteral("email_notifications must be true or false"));
    user.emailNotifications = notifications.toBool(true);
    const QJsonValue currencyValue = o.value(QStringLiteral("currency"));
    if (!currencyValue.isUndefined() && !currencyValue.isNull() && !currencyValue.isString())
        return bad(QStringLiteral("currency must be an ISO 4217 code"));
    const QString currency = currencyValue.toString(QStringLiteral("EUR"));
    if (!isValidCurrency(currency))
        return bad(QStringLiteral("currency must be an ISO 4217 code"));
    user.currency = currency;
    return user;
}

} // namespace betthat::json
