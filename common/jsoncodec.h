#pragma once

// The one JSON codec for bets, events and users, used by server and client; decoding rejects with a reason.

#include "bet.h"
#include "betevent.h"
#include "error.h"
#include "user.h"

#include <QByteArray>
#include <QJsonObject>

namespace betthat::json {

// Parses a JSON document that must be an object; the error names the parse failure and its offset.
Result<QJsonObject> parseObject(const QByteArray &bytes);

QJsonObject encode(const Bet &bet);
Result<Bet> decodeBet(const QJsonObject &object);

// The outcome a cancel by time window saved (the bet's cancelled_from; also what storage keeps).
QJsonObject encode(const SettlementSnapshot &snapshot);
Result<SettlementSnapshot> decodeSettlementSnapshot(const QJsonObject &object);

// How a result was settled, as a bet, its cancelled_from snapshot and an event's data all carry it:
// void_factor and dead_heat_factor (decimal strings or null), deduction (integer or null), certainty.
struct SettlementKeys
{
    std::optional<qint64> voidFactor;
    std::optional<qint64> deadHeatFactor;
    std::optional<int> deduction;
    Certainty certainty = Certainty::None;
};
void insertSettlementKeys(QJsonObject &object, const SettlementKeys &keys);
// Absent keys read as null (objects written before settlement terms existed). `where` prefixes the name of
// the object in a certainty error ("cancelled_from."; empty at the top level).
Result<SettlementKeys> readSettlementKeys(const QJsonObject &object, const QString &where = QString());

// {"type","seq","bet_id","user_id","data","timestamp"}: identical on the WebSocket and in polling.
QJsonObject encode(const BetEvent &event);
Result<BetEvent> decodeEvent(const QJsonObject &object);
// Compact UTF-8 bytes of encode(event): what the hub sends and the log stores.
QByteArray toBytes(const QJsonObject &object);

QJsonObject encode(const User &user);
Result<User> decodeUser(const QJsonObject &object);

// Field readers that say what is wrong with the field ("stake_minor must be an integer").
Result<QString> requireString(const QJsonObject &object, const QString &key, bool allowEmpty = false);
Result<qint64> requireInteger(const QJsonObject &object, const QString &key);
QString optionalString(const QJsonObject &object, const QString &key);

} // namespace betthat::json
