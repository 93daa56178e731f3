// libFuzzer target: the query strings the server reads from strangers — the polling and list endpoints'
// QueryReader (server/http/queryreader.h), the /ws/bet-updates upgrade URL (server/realtime/upgraderequest.h)
// and the event filter's query form (common/eventfilter.h).
// Invariants: an accepted filter survives its own query form; accepted numbers are in range.

#include "common/eventfilter.h"
#include "server/http/queryreader.h"
#include "server/realtime/upgraderequest.h"

#include <QByteArray>
#include <QUrl>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace betthat;
using namespace betthat::server;

namespace {

[[noreturn]] void fail(const char *what, const QUrl &url)
{
    std::fprintf(stderr, "invariant broken: %s\n%s\n", what, url.toEncoded().constData());
    std::abort();
}

void checkFilterRoundTrip(const EventFilter &filter, const QUrl &url)
{
    const auto again = eventFilterFromQuery(eventFilterQueryItems(filter));
    if (!again || !(*again == filter))
        fail("an accepted filter does not survive its query form", url);
    // And through a URL built the way a correct client builds it (every value percent-encoded, so a plus
    // in a market stays a plus), read back by the server's reader.
    QByteArray query;
    for (const auto &[name, value] : eventFilterQueryItems(filter))
        query += (query.isEmpty() ? "" : "&") + QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    const QUrl rebuilt = QUrl::fromEncoded("http://127.0.0.1/api/v1/updates?" + query);
    const auto reread = eventFilterFromQuery(QueryReader(rebuilt).items());
    if (!reread || !(*reread == filter))
        fail("an accepted filter does not survive a URL round trip", rebuilt);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // What Qt's HTTP parser hands on: the bytes after '?' of the request target, percent-encoded or not.
    const QByteArray raw
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QUrl url = QUrl::fromEncoded(QByteArray("http://127.0.0.1/ws/bet-updates?") + raw);
    if (!url.isValid())
        return 0;

    const QueryReader reader(url);
    (void)reader.checkNames({ QStringLiteral("limit"), QStringLiteral("since_seq"), QStringLiteral("since") },
        eventFilterQueryNames());
    if (const auto limit = reader.limit(50, 500); limit && (*limit < 1 || *limit > 500))
        fail("limit outside 1..max", url);
    if (const auto seq = reader.nonNegative(QStringLiteral("since_seq"));
        seq && *seq < 0 && reader.has(QStringLiteral("since_seq")))
        fail("a negative since_seq accepted", url);
    if (const auto since = reader.timestamp(QStringLiteral("since"));
        since && reader.has(QStringLiteral("since")) && !since->isValid())
        fail("an invalid timestamp accepted", url);

    if (const auto filter = eventFilterFromQuery(reader.items()))
        checkFilterRoundTrip(*filter, url);

    if (const auto upgrade = UpgradeRequest::parse(url)) {
        if (upgrade->sinceSeq && *upgrade->sinceSeq < 0)
            fail("an upgrade with a negative since_seq accepted", url);
        checkFilterRoundTrip(upgrade->filter, url);
    } else if (upgrade.error().code != ErrorCode::BadRequest) {
        fail("an upgrade refused with something else than BadRequest", url);
    }
    return 0;
}
