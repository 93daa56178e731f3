#include "idempotencyguard.h"

#include "server/logcategories.h"

#include <QCryptographicHash>

namespace betthat::server {

IdempotencyGuard::IdempotencyGuard(
    IdempotencyStore &store, const QString &userId, const QHttpServerRequest &request)
    : m_store(store)
    , m_userId(userId)
    , m_key(QString::fromUtf8(request.value(QByteArrayLiteral("Idempotency-Key")).trimmed()))
    , m_hash(requestHash(request))
{ }

QString IdempotencyGuard::requestHash(const QHttpServerRequest &request)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArray::number(static_cast<int>(request.method())));
    hash.addData(QByteArrayView("\n"));
    hash.addData(request.url().path(QUrl::FullyEncoded).toUtf8());
    hash.addData(QByteArrayView("?"));
    hash.addData(request.url().query(QUrl::FullyEncoded).toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(request.body());
    return QString::fromLatin1(hash.result().toHex());
}

Result<std::optional<StoredResponse>> IdempotencyGuard::check()
{
    if (m_key.isEmpty())
        return std::optional<StoredResponse>();
    if (m_key.size() > kMaxKeyLength) {
        const QString message
            = QStringLiteral("Idempotency-Key must be at most %1 characters").arg(kMaxKeyLength);
        m_key.clear(); // never remember an answer under a refused key
        return makeError(ErrorCode::BadRequest, message);
    }
    const auto stored = m_store.idempotentAnswer(m_userId, m_key);
    if (!stored) {
        m_key.clear();
        return stored.error();
    }
    if (!stored->has_value())
        return std::optional<StoredResponse>();
    if ((*stored)->requestHash != m_hash) {
        m_key.clear();
        return makeError(ErrorCode::Conflict,
            QStringLiteral("Idempotency-Key was already used for a different request; "
                           "use a new key for a new request"));
    }
    return std::optional<StoredResponse>((*stored)->response);
}

std::optional<IdempotencyKey> IdempotencyGuard::keyForCommit(int successStatus)
{
    if (m_key.isEmpty())
        return std::nullopt;
    m_commitStatus = successStatus;
    return IdempotencyKey { m_userId, m_key, m_hash, successStatus };
}

std::optional<StoredResponse> IdempotencyGuard::finish(const StoredResponse &answer)
{
    // A 5xx says nothing about the request (storage down, a bug): a retry must run it again.
    if (m_key.isEmpty() || answer.status >= 500)
        return std::nullopt;
    // The commit wrote this very answer with the change.
    if (m_commitStatus && answer.status == *m_commitStatus)
        return std::nullopt;
    // A refusal (or a change of many bets) is kept here. If the key was taken meanwhile — by this request's
    // own commit racing a twin with the same key, whose answer won — the first stored answer is the one a
    // retry sees, so it is the one this request answers too.
    const auto stored = m_store.storeIdempotentAnswer(m_userId, m_key, IdempotentAnswer { m_hash, answer });
    if (!stored) {
        qCWarning(lcHttp) << "could not store the idempotent answer:" << stored.error().message;
        return std::nullopt;
    }
    const auto first = m_store.idempotentAnswer(m_userId, m_key);
    if (first && first->has_value() && (*first)->requestHash == m_hash
        && ((*first)->response.status != answer.status || (*first)->response.body != answer.body))
        return (*first)->response;
    return std::nullopt;
}

} // namespace betthat::server
