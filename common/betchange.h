#pragma once

// What one event says about its bet (the event's `data`), typed: read by toasts, timelines and admin views.

#include "bet.h"
#include "error.h"

#include <QDateTime>
#include <QJsonObject>
#include <optional>

namespace betthat {

struct BetChange
{
    QString betId;
    BetStatus status = BetStatus::Pending;
    std::optional<BetStatus> previousStatus; // nullopt: the bet was just placed
    BetResult result = BetResult::None;
    BetResult previousResult = BetResult::None;
    qint64 payout = 0;
    QString currency;
    QString resolutionNotes;
    QString resolutionSource;
    std::optional<DisputeState> disputeState; // nullopt: never disputed
    QString disputeReason;
    QString decisionNotes;
    // The bet's dispute_deadline after the change; invalid = not disputable. Events written before the field
    // existed do not carry it: hasDisputeDeadline tells "not disputable" from "not said".
    QDateTime disputeDeadline;
    bool hasDisputeDeadline = false;
    // How the result was settled (nullopt: not applied); factors in kFactorScale units, deduction in pence per
    // pound. Absent in events written before settlement terms existed, which read as nullopt.
    std::optional<qint64> voidFactor;
    std::optional<qint64> deadHeatFactor;
    std::optional<int> deduction;
    Certainty certainty = Certainty::None;
    // A correction (re-settlement, rollback, event cancellation or its rollback, upheld dispute): the seq of
    // the event whose outcome this one replaces. 0: supersedes nothing.
    qint64 supersedesSeq = 0;
    QString actorId;
    QDateTime updatedAt;
    // What the bet is on, so a feed can be filtered by market or event (common/eventfilter.h). Events written
    // before these fields existed do not carry them (empty here); they never match such a filter.
    QString market;
    QString eventName;
    QString selection;

    bool isPlacement() const { return !previousStatus.has_value(); }
    bool statusChanged() const { return previousStatus && *previousStatus != status; }
    bool resultChanged() const { return previousResult != result; }

    // The change from `before` to `after` made by actorId (a new bet: `before` default-constructed).
    static BetChange between(const Bet &before, const Bet &after, const QString &actorId);

    bool operator==(const BetChange &other) const;
};

namespace json {

QJsonObject encode(const BetChange &change);
// Absent optional keys (older events) read as null; a present key of the wrong type or name is refused.
Result<BetChange> decodeBetChange(const QJsonObject &data);

} // namespace json

} // namespace betthat
