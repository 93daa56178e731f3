#pragma once

// What the app decides about its bundled server, and what it learns once the server runs.

#include <QHash>
#include <QString>
#include <QtGlobal>

namespace betthat::app {

struct LocalServerConfig
{
    quint16 port = 8000; // on 127.0.0.1 only; 0: any free port (tests)
    QString dataDir; // holds betthat.sqlite and the local operator's token; empty: the app data dir
    bool demo = true; // seed demo users and bets into an empty database (first start)
    qint64 disputeWindowMs = 7LL * 24 * 3600 * 1000;
};

struct LocalServerInfo
{
    quint16 port = 0;
    QString baseUrl; // "http://127.0.0.1:PORT"
    QString dbPath;
    QString operatorId; // the app's own operator account
    QString operatorToken; // generated at first start, kept in dataDir with permissions 0600
    // Users whose tokens the app holds (the demo users, while their public demo tokens still work):
    // "View as" can act for them (place bets, dispute), not only look.
    QHash<QString, QString> userTokens;
};

} // namespace betthat::app
