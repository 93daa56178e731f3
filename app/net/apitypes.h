#pragma once

// Plain request and response shapes of the HTTP API (docs/API.md) as the app sees them.

#include "common/bet.h"
#include "common/account.h"
#include "common/betevent.h"
#include "common/betrules.h"
#include "common/error.h"
#include "common/updatespage.h"
#include "common/user.h"

#include <QDateTime>
#include <QList>
#include <QMap>
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

// One selection's outcome in a market settlement; terms.deduction is ignored (Rule 4 is per market).
struct SelectionOutcome
{
    QString selection;
    SettlementTerms terms;
};

// POST /api/v1/markets/settle.
struct MarketSettleRequest
{
    QString eventName;
    QString market;
    QList<SelectionOutcome> outcomes;
    std::optional<int> deduction; // Rule 4 for every winning selection
    Certainty certainty = Certainty::Confirmed;
    bool othersLose = false; // selections not listed lose
    QString notes;
};

// What a market settlement did to one bet: action "settled", "confirmed", "resettled" or "unchanged".
struct MarketSettleItem
{
    QString betId;
    QString selection;
    QString action;
    Result<Bet> outcome = Error {};
};

struct MarketSettleReport
{
    QString eventName;
    QString market;
    QList<MarketSettleItem> results; // placement order
    int settled = 0;
    int confirmed = 0;
    int resettled = 0;
    int unchanged = 0;
    int failed = 0;
};

// GET /api/v1/markets/selections: one selection of a market with what is still to settle.
struct MarketSelection
{
    QString selection;
    int pendingBets = 0;
    QMap<QString, qint64> pendingStake; // per currency, minor units
    int provisionalBets = 0;
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
