#pragma once

// Plain request and response shapes of the HTTP API (docs/API.md) as the app sees them.

#include "common/bet.h"
#include "common/account.h"
#include "common/betevent.h"
#include "common/error.h"
#include "common/updatespage.h"
#include "common/user.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace betthat::app {

// A user with their balance: GET /api/v1/me, and each entry of GET /api/v1/users (common/account.h).
using UserAccount = Account;

// GET /api/v1/bets filters; empty/unset fields are not sent.
struct BetFilter
{
    std::optional<BetStatus> status;
    std::optional<BetResult> result;
    QString userId; // operators: one bettor; bettors: must be themselves or empty
    QString market;
    QString eventName;
    int limit = 0; // 0: the server's default
    QString cursor; // BetPage::nextCursor of the previous page
};

struct BetPage
{
    QList<Bet> bets;
    QString nextCursor; // empty: this was the last page
};

// POST /api/v1/bets/resolve: either betIds or a market (optionally narrowed to one event).
struct BulkResolveRequest
{
    QStringList betIds;
    QString market;
    QString eventName;
    BetResult result = BetResult::None;
    QString notes;
};

// One bet's outcome inside a bulk resolve: the resolved bet, or why not (e.g. Conflict).
struct BulkResolveItem
{
    QString betId;
    Result<Bet> outcome = Error {};
};

// What the ApiClient observed about one finished request (diagnostics, tests; never holds the token).
struct ApiCallInfo
{
    QString method;
    QString path; // "/api/v1/bets/12/resolve"
    int httpStatus = 0; // 0: no HTTP answer (network error, timeout)
    QString idempotencyKey; // empty for reads
    bool ok = false;
};

} // namespace betthat::app
