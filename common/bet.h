#pragma once

// A bet and its dispute record, as stored, sent on the wire and shown in the app.

#include <QDateTime>
#include <QString>
#include <QtGlobal>
#include <optional>

namespace betthat {

enum class BetStatus { Pending, Settled, Voided, Cancelled, Disputed };
enum class BetResult { None, Win, Loss, Push, Void };
enum class DisputeState { Open, Upheld, Rejected };
// How final a settlement is: a provisional one pays out but is not disputable until it is confirmed.
// None while the bet has no outcome (pending, cancelled).
enum class Certainty { None, Provisional, Confirmed };

QString statusName(BetStatus status);
std::optional<BetStatus> statusFromName(const QString &name);
QString resultName(BetResult result); // None -> empty string (null on the wire)
std::optional<BetResult> resultFromName(const QString &name);
QString disputeStateName(DisputeState state);
std::optional<DisputeState> disputeStateFromName(const QString &name);
QString certaintyName(Certainty certainty); // None -> empty string (null on the wire)
std::optional<Certainty> certaintyFromName(const QString &name);

struct Dispute
{
    QString reason;
    QDateTime raisedAt;
    DisputeState state = DisputeState::Open;
    QString decisionNotes;
    QString decidedBy;
    QDateTime decidedAt;

    bool operator==(const Dispute &other) const;
};

// The outcome part of a bet: what a cancel by time window saves so that its rollback can restore it exactly.
struct SettlementSnapshot
{
    BetStatus status = BetStatus::Pending;
    BetResult result = BetResult::None;
    qint64 payout = 0;
    std::optional<qint64> voidFactor;
    std::optional<qint64> deadHeatFactor;
    std::optional<int> deduction;
    Certainty certainty = Certainty::None;
    QString resolutionNotes;
    QString resolutionSource;
    QString resolvedBy;
    QDateTime resolvedAt;
    QDateTime disputeDeadline;

    bool operator==(const SettlementSnapshot &other) const;
};

struct Bet
{
    QString id;     // assigned by storage; a decimal string on the wire
    QString userId; // the bettor
    QString eventName;
    QString market;
    QString selection;
    qint64 odds = 0; // decimal odds x kOddsScale
    qint64 stake = 0;           // minor units
    qint64 potentialReturn = 0; // stake x odds, minor units
    QString currency = QStringLiteral("EUR");
    BetStatus status = BetStatus::Pending;
    BetResult result = BetResult::None;
    qint64 payout = 0; // what the ledger credited for the current result, minor units
    QString resolutionNotes;
    QString resolutionSource; // "operator", "dispute", "api", ...
    QString resolvedBy;
    QDateTime resolvedAt;
    QDateTime createdAt;
    QDateTime updatedAt;
    std::optional<Dispute> dispute;
    // Until when (inclusive) the bettor may dispute; invalid = not disputable now. Set by BetRules when the bet
    // is settled or voided, so every client shows the server's window instead of guessing its own.
    QDateTime disputeDeadline;
    // How the current result was settled (docs/API.md, "Payouts and rounding"). nullopt: not applied (null on
    // the wire). Factors in kFactorScale units; the Rule 4 deduction in pence per pound of winnings (0-90).
    std::optional<qint64> voidFactor;
    std::optional<qint64> deadHeatFactor;
    std::optional<int> deduction;
    Certainty certainty = Certainty::None;
    // Seq of the event that set the current outcome (0: none yet). Storage fills it in when it appends such an
    // event; a correction names it as supersedes_seq so clients can replace what that event told the bettor.
    qint64 outcomeSeq = 0;
    // Set while the bet stands voided by a cancel by time window: the outcome it had before, which the
    // cancel's rollback restores. Any other change of outcome clears it.
    std::optional<SettlementSnapshot> cancelledFrom;
    // Optimistic concurrency: storage refuses a write whose base version is stale (two operators racing).
    qint64 version = 0;

    bool operator==(const Bet &other) const;
};

} // namespace betthat
