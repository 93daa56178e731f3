#include "requestkey.h"

#include "app/net/apiport.h"

namespace betthat::app {

QString RequestKey::keyFor(const QByteArray &fingerprint)
{
    if (m_key.isEmpty() || fingerprint != m_fingerprint) {
        m_fingerprint = fingerprint;
        m_key = ApiPort::newIdempotencyKey();
    }
    return m_key;
}

void RequestKey::forget()
{
    m_fingerprint.clear();
    m_key.clear();
}

} // namespace betthat::app
