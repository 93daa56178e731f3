#pragma once

// One signed movement of a user's money; the balance is the sum of a user's entries.

#include <QDateTime>
#include <QString>
#include <QtGlobal>

namespace betthat {

enum class LedgerKind { Deposit, Stake, Payout, Refund, Correction };

QString ledgerKindName(LedgerKind kind);

struct LedgerEntry
{
    QString userId;
    QString betId; // empty for deposits
    qint64 amount = 0; // minor units, signed: a stake is negative
    QString currency = QStringLiteral("EUR");
    LedgerKind kind = LedgerKind::Deposit;
    QDateTime createdAt;
};

} // namespace betthat
