#include "tokens.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace betthat::server {

QString generateToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    // system() is the OS CSPRNG; the global generator is not meant for secrets.
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return QStringLiteral("bt_")
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray hashToken(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex();
}

} // namespace betthat::server
