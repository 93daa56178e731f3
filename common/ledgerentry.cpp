#include "ledgerentry.h"

namespace betthat {

QString ledgerKindName(LedgerKind kind)
{
    switch (kind) {
    case LedgerKind::Deposit: return QStringLiteral("deposit");
    case LedgerKind::Stake: return QStringLiteral("stake");
    case LedgerKind::Payout: return QStringLiteral("payout");
    case LedgerKind::Refund: return QStringLiteral("refund");
    case LedgerKind::Correction: return QStringLiteral("correction");
    }
    return QString();
}

} // namespace betthat
