#include "apiclient.h"

#include "app/logcategories.h"
#include "common/errorenvelope.h"
#include "common/jsoncodec.h"
#include "common/money.h"
#include "common/timeutil.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUuid>
#include <algorithm>

namespace betthat::app {

namespace {

ErrorCode codeForStatus(int status)
{
    switch (status) {
    case 400:
        return ErrorCode::BadRequest;
    case 401:
        return ErrorCode::Unauthorized;
    case 403:
        return ErrorCode::Forbidden;
    case 404:
        return ErrorCode::NotFound;
    case 409:
        return ErrorCode::Conflict;
    case 413:
        return ErrorCode::PayloadTooLarge;
    case 429:
    case 502:
    case 503:
    case 504:
        return ErrorCode::Unavailable;
    default:
        return status >= 400 && status < 500 ? ErrorCode::BadRequest : ErrorCode::Internal;
    }
}

// The server's {"error":{"code","message"}} wins; the HTTP status is the fallback for proxies and odd
// answers.
Error errorFromBody(int status, const QByteArray &body)
{
    Error error { codeForStatus(status), QStringLiteral("HTTP %1").arg(status) };
    const auto object = json::parseObject(body);
    if (!object)
        return error;
    const auto envelope = json::decodeErrorEnvelope(*object);
    if (!envelope)
        return error;
    // A code this build does not know still fails the call; the status tells retry from give up.
    error.code = envelope->error.code == ErrorCode::Internal ? codeForStatus(status) : envelope->error.code;
    // Being told to slow down is, for every caller, "wait as long as the server says, then try again".
    if (error.code == ErrorCode::RateLimited)
        error.code = ErrorCode::Unavailable;
    if (!envelope->error.message.isEmpty())
        error.message = envelope->error.message;
    return error;
}

// Retry-After in seconds (RFC 9110 also allows an HTTP date; we only send and honour seconds): -1 when absent.
int retryAfterMs(const QNetworkReply *reply)
{
    bool ok = false;
    const int seconds = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
    return ok && seconds >= 0 ? static_cast<int>(std::min(seconds, 24 * 3600)) * 1000 : -1;
}

Error malformed(const QString &what, const Error &cause)
{
    return makeError(ErrorCode::Internal,
        QStringLiteral("unexpected answer from the server (%1): %2").arg(what, cause.message));
}

// A list answer carries its items under one key ({"bets": [...]}, docs/API.md); anything else is malformed,
// which listFrom() says.
QJsonValue member(const QJsonDocument &doc, const QString &key)
{
    return doc.object().value(key);
}

// A bet answer is the bet object itself.
Result<Bet> betFrom(const QJsonDocument &doc)
{
    const auto bet = json::decodeBet(doc.object());
    if (!bet)
        return malformed(QStringLiteral("bet"), bet.error());
    return bet;
}

template <typename T, typename Decode>
Result<QList<T>> listFrom(const QJsonValue &value, const QString &what, Decode decode)
{
    if (!value.isArray())
        return makeError(ErrorCode::Internal,
            QStringLiteral("unexpected answer from the server: %1 is not a list").arg(what));
    QList<T> items;
    const QJsonArray array = value.toArray();
    items.reserve(array.size());
    for (const QJsonValue &v : array) {
        auto item = decode(v.toObject());
        if (!item)
            return malformed(what, item.error());
        items.append(std::move(item.value()));
    }
    return items;
}

Result<UserAccount> accountFrom(const QJsonObject &object)
{
    const auto account = json::decodeAccount(object);
    if (!account)
        return malformed(QStringLiteral("account"), account.error());
    return account;
}

QString resultWireName(BetResult result)
{
    return resultName(result);
}

QString betPath(const QString &betId, const char *action)
{
    return QStringLiteral("/bets/") + QString::fromUtf8(QUrl::toPercentEncoding(betId)) + QLatin1Char('/')
        + QLatin1String(action);
}

// A factor as the server writes it back ("0.5"), or null for none.
QJsonValue factorJson(const std::optional<qint64> &factor)
{
    return factor ? QJsonValue(formatFactor(*factor)) : QJsonValue(QJsonValue::Null);
}

void insertTerms(QJsonObject &body, const SettlementTerms &terms)
{
    body.insert(QStringLiteral("result"), resultName(terms.result));
    if (terms.voidFactor)
        body.insert(QStringLiteral("void_factor"), factorJson(terms.voidFactor));
    if (terms.deadHeatFactor)
        body.insert(QStringLiteral("dead_heat_factor"), factorJson(terms.deadHeatFactor));
}

// A per-item error inside a combined answer, decoded like a whole answer's error.
Error itemError(const QJsonObject &item)
{
    const QJsonObject wrapped { { QStringLiteral("error"), item.value(QStringLiteral("error")) } };
    return errorFromBody(item.value(QStringLiteral("status")).toInt(409), json::toBytes(wrapped));
}

Result<MarketSettleReport> settleReportFrom(const QJsonObject &root)
{
    const QJsonValue list = root.value(QStringLiteral("results"));
    if (!list.isArray())
        return makeError(ErrorCode::Internal, QStringLiteral("unexpected answer from the server: no results"));
    MarketSettleReport report;
    report.eventName = root.value(QStringLiteral("event_name")).toString();
    report.market = root.value(QStringLiteral("market")).toString();
    for (const QJsonValue &v : list.toArray()) {
        const QJsonObject o = v.toObject();
        MarketSettleItem item;
        item.betId = o.value(QStringLiteral("bet_id")).toString();
        item.selection = o.value(QStringLiteral("selection")).toString();
        item.action = o.value(QStringLiteral("action")).toString();
        if (o.value(QStringLiteral("ok")).toBool()) {
            const auto bet = json::decodeBet(o.value(QStringLiteral("bet")).toObject());
            item.outcome = bet ? bet : Result<Bet>(malformed(QStringLiteral("market settlement"), bet.error()));
        } else {
            item.outcome = itemError(o);
        }
        report.results.append(std::move(item));
    }
    report.settled = root.value(QStringLiteral("settled")).toInt();
    report.confirmed = root.value(QStringLiteral("confirmed")).toInt();
    report.resettled = root.value(QStringLiteral("resettled")).toInt();
    report.unchanged = root.value(QStringLiteral("unchanged")).toInt();
    report.failed = root.value(QStringLiteral("failed")).toInt();
    return report;
}

Result<MarketSelection> selectionFrom(const QJsonObject &o)
{
    MarketSelection s;
    s.selection = o.value(QStringLiteral("selection")).toString();
    if (s.selection.isEmpty())
        return makeError(ErrorCode::Internal, QStringLiteral("a selection without a name"));
    s.pendingBets = o.value(QStringLiteral("pending_bets")).toInt();
    s.provisionalBets = o.value(QStringLiteral("provisional_bets")).toInt();
    const QJsonObject stake = o.value(QStringLiteral("pending_stake")).toObject();
    for (auto it = stake.constBegin(); it != stake.constEnd(); ++it)
        s.pendingStake.insert(it.key(), it.value().toInteger());
    return s;
}

} // namespace

ApiClient::ApiClient(ServerEndpoint endpoint, QObject *parent)
    : ApiPort(parent)
    , m_endpoint(std::move(endpoint))
    , m_nam(new QNetworkAccessManager(this))
{
    // HTTP/2 and caches add nothing on loopback and complicate timeouts; keep requests plain.
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

ApiClient::~ApiClient()
{
    cancelAll();
}

void ApiClient::setEndpoint(const ServerEndpoint &endpoint)
{
    m_endpoint = endpoint;
}

QString ApiPort::newIdempotencyKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

ApiClient::RequestId ApiClient::send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
    const QJsonDocument &body, const QString &idempotencyKey, QObject *context, RawCallback done)
{
    QNetworkRequest request(m_endpoint.apiUrl(path, query));
    m_endpoint.authorize(request);
    request.setRawHeader("Accept", "application/json");
    if (m_timeoutMs > 0)
        request.setTransferTimeout(m_timeoutMs);
    const bool mutating = verb != "GET";
    QByteArray payload;
    if (mutating) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        payload = body.isNull() ? QByteArray("{}") : body.toJson(QJsonDocument::Compact);
    }
    Pending pending;
    pending.info.method = QString::fromLatin1(verb);
    pending.info.path = request.url().path();
    if (mutating) {
        pending.info.idempotencyKey = idempotencyKey.isEmpty() ? newIdempotencyKey() : idempotencyKey;
        request.setRawHeader("Idempotency-Key", pending.info.idempotencyKey.toUtf8());
    }
    QNetworkReply *reply = mutating ? m_nam->sendCustomRequest(request, verb, payload) : m_nam->get(request);
    pending.done = std::move(done);
    qCDebug(lcAppNet).noquote() << verb << ServerEndpoint::redacted(request.url());
    return track(reply, std::move(pending), context);
}

ApiClient::RequestId ApiClient::getText(const QUrl &url, qint64 maxBytes, QObject *context, TextCallback done)
{
    QNetworkRequest request(url);
    m_endpoint.authorize(request);
    request.setRawHeader("Accept", "text/plain");
    if (m_timeoutMs > 0)
        request.setTransferTimeout(m_timeoutMs);
    Pending pending;
    pending.info.method = QStringLiteral("GET");
    pending.info.path = url.path();
    pending.textDone = std::move(done);
    QNetworkReply *reply = m_nam->get(request);
    // A text answer is read whole: stop a server (or something posing as one) that sends without end.
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, maxBytes](qint64 received, qint64) {
        if (received > maxBytes && !reply->property("betthat_too_large").toBool()) {
            reply->setProperty("betthat_too_large", true);
            reply->abort();
        }
    });
    reply->setProperty("betthat_max_bytes", maxBytes);
    qCDebug(lcAppNet).noquote() << "GET" << ServerEndpoint::redacted(url);
    return track(reply, std::move(pending), context);
}

ApiClient::RequestId ApiClient::track(QNetworkReply *reply, Pending pending, QObject *context)
{
    const RequestId id = m_nextId++;
    reply->setProperty("betthat_request_id", id);
    pending.reply = reply;
    pending.context = context;
    pending.hadContext = context != nullptr;
    m_pending.insert(id, std::move(pending));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finish(reply); });
    if (context && context != this)
        connect(context, &QObject::destroyed, this, [this, id] { cancel(id); });
    return id;
}

void ApiClient::finish(QNetworkReply *reply)
{
    reply->deleteLater();
    const RequestId id = reply->property("betthat_request_id").toULongLong();
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return; // cancelled
    Pending pending = std::move(it.value());
    m_pending.erase(it);

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // An aborted (timed-out) reply is closed: reading it would only warn.
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    pending.info.httpStatus = status;

    Result<QJsonDocument> outcome = Error {};
    if (reply->property("betthat_too_large").toBool()) {
        outcome = makeError(ErrorCode::Internal,
            QStringLiteral("the server's answer is larger than %1 bytes")
                .arg(reply->property("betthat_max_bytes").toLongLong()));
    } else if (status == 0) {
        // No HTTP answer: connection refused, reset, DNS, or our transfer timeout (reported as cancelled).
        const QString why = reply->error() == QNetworkReply::OperationCanceledError
            ? QStringLiteral("the server did not answer within %1 ms").arg(m_timeoutMs)
            : reply->errorString();
        outcome = makeError(ErrorCode::Unavailable, why);
    } else if (status >= 200 && status < 300 && pending.textDone) {
        // Text is what was asked for; an HTML page from a proxy or a login portal is not metrics.
        const QString type = reply->header(QNetworkRequest::ContentTypeHeader).toString();
        if (!type.startsWith(QLatin1String("text/plain")))
            outcome = makeError(ErrorCode::Internal,
                QStringLiteral("the server answered %1 instead of text/plain").arg(type.left(80)));
        else
            outcome = QJsonDocument();
    } else if (status >= 200 && status < 300) {
        QJsonParseError parseError;
        const QJsonDocument doc
            = body.isEmpty() ? QJsonDocument(QJsonObject()) : QJsonDocument::fromJson(body, &parseError);
        if (!body.isEmpty() && parseError.error != QJsonParseError::NoError)
            outcome = makeError(ErrorCode::Internal,
                QStringLiteral("the server sent malformed JSON: %1").arg(parseError.errorString()));
        else
            outcome = doc;
    } else {
        Error error = errorFromBody(status, body);
        if (error.code == ErrorCode::Unavailable)
            error.retryAfterMs = retryAfterMs(reply);
        outcome = error;
    }
    pending.info.ok = outcome.ok();
    if (!outcome.ok())
        qCInfo(lcAppNet).noquote() << pending.info.method << pending.info.path << "failed:" << status
                                   << errorCodeName(outcome.error().code) << outcome.error().message;
    Q_EMIT requestFinished(pending.info);
    if (status == 401)
        Q_EMIT unauthorized(outcome.ok() ? QString() : outcome.error().message);
    if (pending.hadContext && !pending.context)
        return;
    if (pending.textDone)
        pending.textDone(outcome ? Result<QByteArray>(body) : Result<QByteArray>(outcome.error()));
    else if (pending.done)
        pending.done(outcome);
}

void ApiClient::cancel(RequestId id)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    QPointer<QNetworkReply> reply = it->reply;
    m_pending.erase(it);
    if (reply) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void ApiClient::cancelAll()
{
    const auto ids = m_pending.keys();
    for (RequestId id : ids)
        cancel(id);
}

// --- reads

ApiClient::RequestId ApiClient::webhooks(QObject *context, ApiCallback<QList<Webhook>> done)
{
    return send("GET", QStringLiteral("/webhooks"), {}, {}, {}, context, [done](const Result<QJsonDocument> &r) {
        if (!r)
            return done(r.error());
        done(listFrom<Webhook>(member(*r, QStringLiteral("webhooks")), QStringLiteral("webhooks"),
            json::decodeWebhook));
    });
}

namespace {

ApiCallback<QJsonDocument> webhookAnswer(ApiCallback<Webhook> done)
{
    return [done](const Result<QJsonDocument> &r) {
        if (!r)
            return done(r.error());
        done(json::decodeWebhook(r->object()));
    };
}

} // namespace

ApiClient::RequestId ApiClient::createWebhook(const QString &url, const QStringList &eventTypes,
    const QStringList &userIds, QObject *context, ApiCallback<Webhook> done, const QString &idempotencyKey)
{
    QJsonObject body { { QStringLiteral("url"), url },
        { QStringLiteral("event_types"), QJsonArray::fromStringList(eventTypes) } };
    if (!userIds.isEmpty())
        body.insert(QStringLiteral("user_ids"), QJsonArray::fromStringList(userIds));
    return send("POST", QStringLiteral("/webhooks"), {}, QJsonDocument(body), idempotencyKey, context,
        webhookAnswer(done));
}

ApiClient::RequestId ApiClient::setWebhookEnabled(
    const QString &id, bool enabled, QObject *context, ApiCallback<Webhook> done, const QString &idempotencyKey)
{
    return send("PATCH", QStringLiteral("/webhooks/") + QString::fromLatin1(QUrl::toPercentEncoding(id)), {},
        QJsonDocument(QJsonObject { { QStringLiteral("enabled"), enabled } }), idempotencyKey, context,
        webhookAnswer(done));
}

ApiClient::RequestId ApiClient::deleteWebhook(
    const QString &id, QObject *context, ApiCallback<bool> done, const QString &idempotencyKey)
{
    return send("DELETE", QStringLiteral("/webhooks/") + QString::fromLatin1(QUrl::toPercentEncoding(id)), {},
        {}, idempotencyKey, context, [done](const Result<QJsonDocument> &r) {
            if (!r)
                return done(r.error());
            done(r->object().value(QStringLiteral("deleted")).toBool());
        });
}

ApiClient::RequestId ApiClient::webhookDeliveries(
    const QString &id, QObject *context, ApiCallback<QList<WebhookDelivery>> done)
{
    return send("GET",
        QStringLiteral("/webhooks/%1/deliveries").arg(QString::fromLatin1(QUrl::toPercentEncoding(id))), {}, {}, {},
        context, [done](const Result<QJsonDocument> &r) {
            if (!r)
                return done(r.error());
            done(listFrom<WebhookDelivery>(member(*r, QStringLiteral("deliveries")), QStringLiteral("deliveries"),
                json::decodeWebhookDelivery));
        });
}

ApiClient::RequestId ApiClient::replayWebhook(
    const QString &id, qint64 sinceSeq, QObject *context, ApiCallback<Webhook> done, const QString &idempotencyKey)
{
    return send("POST",
        QStringLiteral("/webhooks/%1/replay").arg(QString::fromLatin1(QUrl::toPercentEncoding(id))), {},
        QJsonDocument(QJsonObject { { QStringLiteral("since_seq"), sinceSeq } }), idempotencyKey, context,
        webhookAnswer(done));
}

ApiClient::RequestId ApiClient::me(QObject *context, ApiCallback<UserAccount> done)
{
    return send("GET", QStringLiteral("/me"), {}, {}, {}, context, [done](const Result<QJsonDocument> &r) {
        if (!r)
            return done(r.error());
        done(accountFrom(r->object()));
    });
}

ApiClient::RequestId ApiClient::notificationPreferences(
    QObject *context, ApiCallback<NotificationPreferences> done)
{
    return send("GET", QStringLiteral("/me/notifications"), {}, {}, {}, context,
        [done](const Result<QJsonDocument> &r) {
            if (!r)
                return done(r.error());
            done(json::decodeNotificationPreferences(r->object()));
        });
}

ApiClient::RequestId ApiClient::updateNotificationPreferences(const QJsonObject &patch, QObject *context,
    ApiCallback<NotificationPreferences> done, const QString &idempotencyKey)
{
    return send("PATCH", QStringLiteral("/me/notifications"), {}, QJsonDocument(patch), idempotencyKey, context,
        [done](const Result<QJsonDocument> &r) {
            if (!r)
                return done(r.error());
            done(json::decodeNotificationPreferences(r->object()));
        });
}

ApiClient::RequestId ApiClient::users(QObject *context, ApiCallback<QList<UserAccount>> done)
{
    return send("GET", QStringLiteral("/users"), {}, {}, {}, context, [done](const Result<QJsonDocument> &r) {
        if (!r)
            return done(r.error());
        done(
            listFrom<UserAccount>(member(*r, QStringLiteral("users")), QStringLiteral("users"), accountFrom));
    });
}

ApiClient::RequestId ApiClient::bets(const BetFilter &filter, QObject *context, ApiCallback<BetPage> done)
{
    QUrlQuery query;
    if (filter.status)
        query.addQueryItem(QStringLiteral("status"), statusName(*filter.status));
    if (filter.result)
        query.addQueryItem(QStringLiteral("result"), resultWireName(*filter.result));
    if (!filter.userId.isEmpty())
        query.addQueryItem(QStringLiteral("user_id"), filter.userId);
    if (!filter.market.isEmpty())
        query.addQueryItem(QStringLiteral("market"), filter.market);
    if (!filter.eventName.isEmpty())
        query.addQueryItem(QStringLiteral("event_name"), filter.eventName);
    if (filter.limit > 0)
        query.addQueryItem(QStringLiteral("limit"), QString::number(filter.limit));
    if (!filter.cursor.isEmpty())
        query.addQueryItem(QStringLiteral("cursor"), filter.cursor);
    return send(
        "GET", QStringLiteral("/bets"), query, {}, {}, context, [done](const Result<QJsonDocument> &r) {
            if (!r)
                return done(r.error());
            auto bets
                = listFrom<Bet>(member(*r, QStringLiteral("bets")), QStringLiteral("bets"), json::decodeBet);
            if (!bets)
                return done(bets.error());
            BetPage page;
            page.bets = std::move(bets.value());
            page.nextCursor = r->object().value(QStringLiteral("next_cursor")).toString();
            done(page);
        });
}

ApiClient::RequestId ApiClient::bet(const QString &betId, QObject *context, ApiCallback<Bet> done)
{
    const QString path = QStringLiteral("/bets/") + QString::fromUtf8(QUrl::toPercentEncoding(betId));
    return send("GET", path, {}, {}, {}, context,
        [done](const Result<QJsonDocument> &r) { done(r ? betFrom(*r) : Result<Bet>(r.error())); });
}

ApiClient::RequestId ApiClient::betEvents(
    const QString &betId, QObject *context, ApiCallback<QList<BetEvent>> done)
{
    const QString path = QStringLiteral("/bets/") + QString::fromUtf8(QUrl::toPercentEncoding(betId))
        + QStringLiteral("/events");
    return send("GET", path, {}, {}, {}, context, [done](const Result<QJsonDocument> &r) {
        if (!r)
            return done(r.error());
        done(listFrom<BetEvent>(
            member(*r, QStringLiteral("events")), QStringLiteral("events"), json::decodeEvent));
    });
}

ApiClient::RequestId ApiClient::updates(
    qint64 sinceSeq, const QString &userId, int limit, QObject *context, ApiCallback<UpdatesPage> done)
{
    QUrlQuery query;
    if (sinceSeq >= 0)
        query.addQueryItem(QStringLiteral("since_seq"), QString::number(sinceSeq));
    if (!userId.isEmpty())
        query.addQueryItem(QStringLiteral("user_id"), userId);
    if (limit > 0)
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return send("GET", QStringLiteral("/bets/updates"), query, {}, {}, context,
        [done](const Result<QJsonDocument> &r) {
            if (!r)
                return done(r.error());
            const auto page = json::decodeUpdatesPage(r->object());
            if (!page)
                return done(malformed(QStringLiteral("updates"), page.error()));
            done(page);
        });
}

ApiClient::RequestId ApiClient::marketSelections(const QString &eventName, const QString &market,
    QObject *context, ApiCallback<QList<MarketSelection>> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("event_name"), eventName);
    query.addQueryItem(QStringLiteral("market"), market);
    return send("GET", QStringLiteral("/markets/selections"), query, {}, {}, context,
        [done](const Result<QJsonDocument> &r) {
            if (!r)
                return done(r.error());
            done(listFrom<MarketSelection>(r->object().value(QStringLiteral("selections")),
                QStringLiteral("selections"), selectionFrom));
        });
}

// --- mutations

ApiClient::RequestId ApiClient::placeBet(
    const NewBet &request, QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey)
{
    const QJsonObject body { { QStringLiteral("event_name"), request.eventName },
        { QStringLiteral("market"), request.market }, { QStringLiteral("selection"), request.selection },
        { QStringLiteral("odds"), formatOdds(request.odds) }, { QStringLiteral("stake"), request.stake },
        { QStringLiteral("currency"), request.currency } };
    return send("POST", QStringLiteral("/bets"), {}, QJsonDocument(body), idempotencyKey, context,
        [done](const Result<QJsonDocument> &r) { done(r ? betFrom(*r) : Result<Bet>(r.error())); });
}

ApiClient::RequestId ApiClient::cancelBet(
    const QString &betId, QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey)
{
    const QString path = QStringLiteral("/bets/") + QString::fromUtf8(QUrl::toPercentEncoding(betId))
        + QStringLiteral("/cancel");
    return send("POST", path, {}, {}, idempotencyKey, context,
        [done](const Result<QJsonDocument> &r) { done(r ? betFrom(*r) : Result<Bet>(r.error())); });
}

ApiClient::RequestId ApiClient::resolveBet(const QString &betId, BetResult result, const QString &notes,
    QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey)
{
    const QString path = QStringLiteral("/bets/") + QString::fromUtf8(QUrl::toPercentEncoding(betId))
        + QStringLiteral("/resolve");
    const QJsonObject body { { QStringLiteral("result"), resultWireName(result) },
        { QStringLiteral("notes"), notes } };
    return send("POST", path, {}, QJsonDocument(body), idempotencyKey, context,
        [done](const Result<QJsonDocument> &r) { done(r ? betFrom(*r) : Result<Bet>(r.error())); });
}

ApiClient::RequestId ApiClient::resolveBets(const BulkResolveRequest &request, QObject *context,
    ApiCallback<QList<BulkResolveItem>> done, const QString &idempotencyKey)
{
    QJsonObject body { { QStringLiteral("result"), resultWireName(request.result) },
        { QStringLiteral("notes"), request.notes } };
    if (!request.betIds.isEmpty())
        body.insert(QStringLiteral("bet_ids"), QJsonArray::fromStringList(request.betIds));
    if (!request.market.isEmpty())
        body.insert(QStringLiteral("market"), request.market);
    if (!request.eventName.isEmpty())
        body.insert(QStringLiteral("event_name"), request.eventName);
    return send("POST", QStringLiteral("/bets/resolve"), {}, QJsonDocument(body), idempotencyKey, context,
        [done](const Result<QJsonDocument> &r) {
            if (!r)
                return done(r.error());
            const QJsonValue list = member(*r, QStringLiteral("results"));
            if (!list.isArray())
                return done(makeError(
                    ErrorCode::Internal, QStringLiteral("unexpected answer from the server: no results")));
            QList<BulkResolveItem> items;
            for (const QJsonValue &v : list.toArray()) {
                const QJsonObject o = v.toObject();
                BulkResolveItem item;
                item.betId = o.value(QStringLiteral("bet_id")).toString();
                const QJsonValue error = o.value(QStringLiteral("error"));
                if (error.isObject()) {
                    const QJsonObject wrapped { { QStringLiteral("error"), error } };
                    const int status = o.value(QStringLiteral("status")).toInt(409);
                    item.outcome = errorFromBody(status, json::toBytes(wrapped));
                } else {
                    const auto bet = json::decodeBet(o.value(QStringLiteral("bet")).toObject());
                    item.outcome
                        = bet ? bet : Result<Bet>(malformed(QStringLiteral("bulk resolve"), bet.error()));
                    if (item.betId.isEmpty() && bet)
                        item.betId = bet->id;
                }
                items.append(std::move(item));
            }
            done(items);
        });
}

ApiClient::RequestId ApiClient::settleMarket(const MarketSettleRequest &request, QObject *context,
    ApiCallback<MarketSettleReport> done, const QString &idempotencyKey)
{
    QJsonArray outcomes;
    for (const SelectionOutcome &outcome : request.outcomes) {
        QJsonObject o { { QStringLiteral("selection"), outcome.selection } };
        insertTerms(o, outcome.terms);
        outcomes.append(o);
    }
    QJsonObject body { { QStringLiteral("event_name"), request.eventName },
        { QStringLiteral("market"), request.market }, { QStringLiteral("outcomes"), outcomes },
        { QStringLiteral("certainty"), certaintyName(request.certainty) },
        { QStringLiteral("notes"), request.notes } };
    if (request.deduction)
        body.insert(QStringLiteral("deduction"), *request.deduction);
    if (request.othersLose)
        body.insert(QStringLiteral("others"), QStringLiteral("loss"));
    return send("POST", QStringLiteral("/markets/settle"), {}, QJsonDocument(body), idempotencyKey, context,
        [done](const Result<QJsonDocument> &r) {
            if (!r)
                return done(r.error());
            done(settleReportFrom(r->object()));
        });
}

ApiClient::RequestId ApiClient::resettleBet(const QString &betId, const SettlementTerms &terms,
    const QString &notes, QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey)
{
    QJsonObject body { { QStringLiteral("notes"), notes } };
    insertTerms(body, terms);
    if (terms.deduction)
        body.insert(QStringLiteral("deduction"), *terms.deduction);
    return send("POST", betPath(betId, "resettle"), {}, QJsonDocument(body), idempotencyKey, context,
        [done](const Result<QJsonDocument> &r) { done(r ? betFrom(*r) : Result<Bet>(r.error())); });
}

ApiClient::RequestId ApiClient::rollbackBet(const QString &betId, const QString &notes, QObject *context,
    ApiCallback<Bet> done, const QString &idempotencyKey)
{
    const QJsonObject body { { QStringLiteral("notes"), notes } };
    return send("POST", betPath(betId, "rollback"), {}, QJsonDocument(body), idempotencyKey, context,
        [done](const Result<QJsonDocument> &r) { done(r ? betFrom(*r) : Result<Bet>(r.error())); });
}

ApiClient::RequestId ApiClient::disputeBet(const QString &betId, const QString &reason, QObject *context,
    ApiCallback<Bet> done, const QString &idempotencyKey)
{
    const QString path = QStringLiteral("/bets/") + QString::fromUtf8(QUrl::toPercentEncoding(betId))
        + QStringLiteral("/dispute");
    const QJsonObject body { { QStringLiteral("reason"), reason } };
    return send("POST", path, {}, QJsonDocument(body), idempotencyKey, context,
        [done](const Result<QJsonDocument> &r) { done(r ? betFrom(*r) : Result<Bet>(r.error())); });
}

ApiClient::RequestId ApiClient::decideDispute(const QString &betId, DisputeState decision,
    BetResult newResult, const QString &notes, QObject *context, ApiCallback<Bet> done,
    const QString &idempotencyKey)
{
    const QString path = QStringLiteral("/bets/") + QString::fromUtf8(QUrl::toPercentEncoding(betId))
        + QStringLiteral("/dispute/decision");
    QJsonObject body { { QStringLiteral("decision"), disputeStateName(decision) },
        { QStringLiteral("notes"), notes } };
    if (decision == DisputeState::Upheld && newResult != BetResult::None)
        body.insert(QStringLiteral("result"), resultWireName(newResult));
    return send("POST", path, {}, QJsonDocument(body), idempotencyKey, context,
        [done](const Result<QJsonDocument> &r) { done(r ? betFrom(*r) : Result<Bet>(r.error())); });
}

ApiClient::RequestId ApiClient::metrics(QObject *context, ApiCallback<QByteArray> done)
{
    // The server writes a few hundred lines; anything near this bound is not its exposition.
    constexpr qint64 kMaxMetricsBytes = 4 * 1024 * 1024;
    return getText(m_endpoint.serverUrl(QStringLiteral("/metrics")), kMaxMetricsBytes, context, std::move(done));
}

} // namespace betthat::app
