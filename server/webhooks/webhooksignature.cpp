#include "webhooksignature.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace betthat::server {

namespace {
const QString kPrefix = QStringLiteral("whsec_");
}

QString WebhookSignature::generateSecret()
{
    QByteArray bytes(32, Qt::Uninitialized);
    // system(): the OS generator, not the seeded global one; a secret must not be predictable.
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return kPrefix + QString::fromLatin1(bytes.toBase64());
}

Result<QByteArray> WebhookSignature::secretBytes(const QString &secret)
{
    const auto bad = [](const QString &why) {
        return makeError(ErrorCode::BadRequest,
            QStringLiteral("secret %1; expected \"whsec_\" followed by base64 of %2 to %3 bytes (or omit it and "
                           "the server generates one)")
                .arg(why)
                .arg(kMinSecretBytes)
                .arg(kMaxSecretBytes));
    };
    if (!secret.startsWith(kPrefix))
        return bad(QStringLiteral("lacks the whsec_ prefix"));
    const QByteArray encoded = secret.mid(kPrefix.size()).toLatin1();
    const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || encoded.isEmpty())
        return bad(QStringLiteral("is not valid base64"));
    if (decoded.decoded.size() < kMinSecretBytes || decoded.decoded.size() > kMaxSecretBytes)
        return bad(QStringLiteral("has %1 bytes").arg(decoded.decoded.size()));
    return decoded.decoded;
}

QByteArray WebhookSignature::sign(const QByteArray &key, const QByteArray &id, qint64 timestamp, const QByteArray &body)
{
    const QByteArray content = id + '.' + QByteArray::number(timestamp) + '.' + body;
    return "v1," + QMessageAuthenticationCode::hash(content, key, QCryptographicHash::Sha256).toBase64();
}

} // namespace betthat::server
