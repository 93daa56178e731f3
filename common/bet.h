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

QString statusName(BetStatus status);
std::optional<BetStatus> statusFromName(const QString &name);
QString resultName(BetResult result); // None -> empty string (null on the wire)
std::optional<BetResult> resultFromName(const QString &name);
QString disputeStateName(DisputeState state);
std::optional<DisputeState> disputeStateFromName(const QString &name);

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
    // Optimistic concurrency: storage refuses a write whose base version is stale (two operators racing).
    qint64 version = 0;

    bool operator==(const Bet &other) const;
};

} // namespace betthat
