#include "bet.h"

namespace betthat {

QString statusName(BetStatus status)
{
    switch (status) {
    case BetStatus::Pending: return QStringLiteral("pending");
    case BetStatus::Settled: return QStringLiteral("settled");
    case BetStatus::Voided: return QStringLiteral("voided");
    case BetStatus::Cancelled: return QStringLiteral("cancelled");
    case BetStatus::Disputed: return QStringLiteral("disputed");
    }
    return QString();
}

std::optional<BetStatus> statusFromName(const QString &name)
{
    for (auto s : {BetStatus::Pending, BetStatus::Settled, BetStatus::Voided, BetStatus::Cancelled,
                   BetStatus::Disputed})
        if (statusName(s) == name)
            return s;
    return std::nullopt;
}

QString resultName(BetResult result)
{
    switch (result) {
    case BetResult::None: return QString();
    case BetResult::Win: return QStringLiteral("win");
    case BetResult::Loss: return QStringLiteral("loss");
    case BetResult::Push: return QStringLiteral("push");
    case BetResult::Void: return QStringLiteral("void");
    }
    return QString();
}

std::optional<BetResult> resultFromName(const QString &name)
{
    for (auto r : {BetResult::Win, BetResult::Loss, BetResult::Push, BetResult::Void})
        if (resultName(r) == name)
            return r;
    return std::nullopt;
}

QString disputeStateName(DisputeState state)
{
    switch (state) {
    case DisputeState::Open: return QStringLiteral("open");
    case DisputeState::Upheld: return QStringLiteral("upheld");
    case DisputeState::Rejected: return QStringLiteral("rejected");
    }
    return QString();
}

std::optional<DisputeState> disputeStateFromName(const QString &name)
{
    for (auto s : {DisputeState::Open, DisputeState::Upheld, DisputeState::Rejected})
        if (disputeStateName(s) == name)
            return s;
    return std::nullopt;
}

QString certaintyName(Certainty certainty)
{
    switch (certainty) {
    case Certainty::None: return QString();
    case Certainty::Provisional: return QStringLiteral("provisional");
    case Certainty::Confirmed: return QStringLiteral("confirmed");
    }
    return QString();
}

std::optional<Certainty> certaintyFromName(const QString &name)
{
    for (auto c : {Certainty::Provisional, Certainty::Confirmed})
        if (certaintyName(c) == name)
            return c;
    return std::nullopt;
}

bool SettlementSnapshot::operator==(const SettlementSnapshot &o) const
{
    return status == o.status && result == o.result && payout == o.payout && voidFactor == o.voidFactor
        && deadHeatFactor == o.deadHeatFactor && deduction == o.deduction && certainty == o.certainty
        && resolutionNotes == o.resolutionNotes && resolutionSource == o.resolutionSource
        && resolvedBy == o.resolvedBy && resolvedAt == o.resolvedAt && disputeDeadline == o.disputeDeadline;
}

bool Dispute::operator==(const Dispute &o) const
{
    return reason == o.reason && raisedAt == o.raisedAt && state == o.state && decisionNotes == o.decisionNotes
        && decidedBy == o.decidedBy && decidedAt == o.decidedAt;
}

bool Bet::operator==(const Bet &o) const
{
    return id == o.id && userId == o.userId && eventName == o.eventName && market == o.market
        && selection == o.selection && odds == o.odds && stake == o.stake && potentialReturn == o.potentialReturn
        && currency == o.currency && status == o.status && result == o.result && payout == o.payout
        && resolutionNotes == o.resolutionNotes && resolutionSource == o.resolutionSource
        && resolvedBy == o.resolvedBy && resolvedAt == o.resolvedAt && createdAt == o.createdAt
        && updatedAt == o.updatedAt && dispute == o.dispute && disputeDeadline == o.disputeDeadline
        && voidFactor == o.voidFactor && deadHeatFactor == o.deadHeatFactor && deduction == o.deduction
        && certainty == o.certainty && outcomeSeq == o.outcomeSeq && cancelledFrom == o.cancelledFrom
        && version == o.version;
}

} // namespace betthat
