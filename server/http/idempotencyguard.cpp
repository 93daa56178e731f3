#include "idempotencyguard.h"

#include "server/http/httplogging.h"

#include <QCryptographicHash>

namespace betthat::server {

IdempotencyGuard::IdempotencyGuard(
    Repository &repository, const QString &userId, const QHttpServerRequest &request)
    : m_repository(repository)
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
    const QString storedHash = m_repository.idempotentRequestHash(m_userId, m_key);
    if (storedHash.isEmpty())
        return std::optional<StoredResponse>();
    if (storedHash != m_hash) {
        m_key.clear();
        return makeError(ErrorCode::Conflict,
            QStringLiteral("Idempotency-Key was already used for a different request; "
                           "use a new key for a new request"));
    }
    auto stored = m_repository.idempotentResponse(m_userId, m_key);
    if (!stored) {
        // The hash exists without its answer: storage is inconsistent; refuse rather than run twice.
        m_key.clear();
        return makeError(
            ErrorCode::Unavailable, QStringLiteral("cannot read the stored answer for this key"));
    }
    return std::optional<StoredResponse>(*stored);
}

std::optional<IdempotencyRecord> IdempotencyGuard::record(
    std::function<StoredResponse(const Transition &)> respond)
{
    if (m_key.isEmpty())
        return std::nullopt;
    // The guard outlives the request it guards (ApiServer::runGuarded), so the record may point back to it.
    return IdempotencyRecord { m_userId, m_key, m_hash,
        [this, respond = std::move(respond)](const Transition &committed) {
            m_answeredInTransaction = true;
            return respond(committed);
        } };
}

void IdempotencyGuard::remember(int status, const QByteArray &body)
{
    // A 5xx says nothing about the request (storage down, a bug): a retry must run it again.
    if (m_key.isEmpty() || status >= 500)
        return;
    const auto stored
        = m_repository.storeIdempotentResponse(m_userId, m_key, m_hash, StoredResponse { status, body });
    if (!stored)
        qCWarning(lcHttp) << "could not store the idempotent answer:" << stored.error().message;
}

} // namespace betthat::server
