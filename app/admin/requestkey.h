#pragma once

// The Idempotency-Key of one user action: the same request retried keeps its key, a changed request gets a
// new one.

#include <QByteArray>
#include <QString>

namespace betthat::app {

class RequestKey
{
public:
    // The key for a request described by `fingerprint` (everything that goes into its body and path). The
    // same fingerprint gets the same key until forget(), so a click retried after a timeout cannot act twice;
    // a different fingerprint gets a fresh key, because the server refuses a key reused for another request.
    QString keyFor(const QByteArray &fingerprint);
    // The action is over (it succeeded, or the dialog closed): the next request is a new action.
    void forget();

    QString current() const { return m_key; }
    // Whether a key is held for exactly this request (a retry would reuse it).
    bool isFor(const QByteArray &fingerprint) const
    {
        return !m_key.isEmpty() && fingerprint == m_fingerprint;
    }
    bool isEmpty() const { return m_key.isEmpty(); }

private:
    QByteArray m_fingerprint;
    QString m_key;
};

} // namespace betthat::app
