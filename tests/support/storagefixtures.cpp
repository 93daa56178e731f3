#include "storagefixtures.h"

#include "common/jsoncodec.h"

#include <QCryptographicHash>
#include <QTest>
#include <QTimeZone>

namespace betthat::test {

QDateTime storageT0()
{
    return QDateTime(QDate(2024, 1, 15), QTime(10, 30, 0, 125), QTimeZone::utc());
}

User storageUser(const QString &id, Role role)
{
    User user;
    user.id = id;
    user.displayName = id.toUpper();
    user.email = id + QStringLiteral("@example.com");
    user.role = role;
    return user;
}

QByteArray tokenHash(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

NewBet newBet(qint64 stake, const QString &market, const QString &eventName)
{
    NewBet request;
    request.eventName = eventName;
    request.market = market;
    request.selection = QStringLiteral("Ajax");
    request.odds = 25000;
    request.stake = stake;
    return request;
}

Transition commitPlace(server::BetStore &store, const BetRules &rules, const User &bettor, qint64 stake,
    const QDateTime &at, const QString &market)
{
    const auto transition = rules.place(bettor, newBet(stake, market), at);
    const auto committed = transition ? store.commit(*transition, {}) : transition;
    if (!committed) {
        QTest::qFail(qPrintable(QStringLiteral("place: ") + committed.error().message), __FILE__, __LINE__);
        return {};
    }
    return *committed;
}

Transition commitResolve(server::BetStore &store, const BetRules &rules, const User &resolver,
    const QString &betId, BetResult result, const QDateTime &at)
{
    const auto read = store.betById(betId);
    const auto transition = read && read->has_value()
        ? rules.resolve(**read, resolver, result, QStringLiteral("final score"), at)
        : Result<Transition>(makeError(ErrorCode::NotFound, QStringLiteral("no bet ") + betId));
    const auto committed = transition ? store.commit(*transition, {}) : transition;
    if (!committed) {
        QTest::qFail(qPrintable(QStringLiteral("resolve: ") + committed.error().message), __FILE__, __LINE__);
        return {};
    }
    return *committed;
}

server::IdempotencyKey idempotencyKey(const QString &key)
{
    return server::IdempotencyKey { QStringLiteral("alice"), key, QStringLiteral("hash-") + key, 201 };
}

Bet answeredBet(const server::StoredResponse &answer)
{
    const auto object = json::parseObject(answer.body);
    if (!object)
        return Bet {};
    const auto bet = json::decodeBet(*object);
    return bet ? *bet : Bet {};
}

} // namespace betthat::test
