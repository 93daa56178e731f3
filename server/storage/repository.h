#pragma once

// A whole storage backend: every port, plus opening and closing it. Only the composition root (BetThatServer)
// and the storage tests hold a Repository; every other part takes just the port it uses.

#include "server/storage/betstore.h"
#include "server/storage/eventlog.h"
#include "server/storage/idempotencystore.h"
#include "server/storage/notificationpreferencestore.h"
#include "server/storage/outboxstore.h"
#include "server/storage/userstore.h"
#include "server/storage/webhookstore.h"

namespace betthat::server {

class Repository : public UserStore,
                   public BetStore,
                   public EventLog,
                   public IdempotencyStore,
                   public OutboxStore,
                   public WebhookStore,
                   public NotificationPreferenceStore
{
public:
    ~Repository() override = default;

    // Opens or creates the database and migrates it; refuses a schema newer than this build knows.
    virtual Status open() = 0;
    virtual void close() = 0;

    // Readiness: Ok when this connection can start a write transaction and write (the probe is rolled
    // back, nothing changes); Unavailable with the reason otherwise (locked out, read-only, disk gone).
    virtual Status probeWritable() = 0;
    // A consistent copy of the whole database at `target` while other connections keep writing (an online
    // backup); the target must not exist yet.
    virtual Status backupTo(const QString &target) = 0;
};

} // namespace betthat::server
