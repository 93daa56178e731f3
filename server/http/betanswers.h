#pragma once

// What every controller that changes bets shares: how a bet id is read, and how a bet (or one bet's outcome in
// a request about many) is answered.

#include "common/bet.h"
#include "common/error.h"

#include <QHttpServerResponse>
#include <QJsonObject>
#include <QString>

namespace betthat::server {

Error badRequest(const QString &message);
// Bet ids are positive decimal integers; anything else cannot name a bet, so it is simply not found.
bool isBetId(const QString &id);
Error betNotFound(const QString &id);
// The bet as JSON with `status`, or the error in the one error shape.
QHttpServerResponse betResponse(const Result<Bet> &bet, int status = 200);
// One entry of a report about many bets: {"bet_id","ok","bet"} or {"bet_id","ok","error"}.
QJsonObject betOutcomeJson(const QString &betId, const Result<Bet> &outcome);

} // namespace betthat::server
