// libFuzzer target: the JSON codec of bets, events and their data (common/jsoncodec.h, common/betchange.h).
// Whatever decodes must encode to something that decodes to the same value: a bet or event that changed on
// its way through the wire would show a client something else than the server stored.

#include "common/betchange.h"
#include "common/jsoncodec.h"

#include <QByteArray>
#include <cstdint>
#include <cstdlib>
#include <cstdio>

using namespace betthat;

namespace {

[[noreturn]] void fail(const char *what, const QJsonObject &object)
{
    std::fprintf(stderr, "invariant broken: %s\n%s\n", what, json::toBytes(object).constData());
    std::abort();
}

void checkBet(const QJsonObject &object)
{
    const auto bet = json::decodeBet(object);
    if (!bet)
        return;
    const QJsonObject encoded = json::encode(*bet);
    const auto again = json::decodeBet(encoded);
    if (!again)
        fail("an encoded bet does not decode", encoded);
    if (!(*again == *bet))
        fail("a bet changed on decode -> encode -> decode", encoded);
}

void checkChange(const QJsonObject &data)
{
    const auto change = json::decodeBetChange(data);
    if (!change)
        return;
    const QJsonObject encoded = json::encode(*change);
    const auto again = json::decodeBetChange(encoded);
    if (!again)
        fail("an encoded BetChange does not decode", encoded);
    if (!(*again == *change))
        fail("a BetChange changed on decode -> encode -> decode", encoded);
}

void checkEvent(const QJsonObject &object)
{
    const auto event = json::decodeEvent(object);
    if (!event)
        return;
    const QJsonObject encoded = json::encode(*event);
    const auto again = json::decodeEvent(encoded);
    if (!again)
        fail("an encoded event does not decode", encoded);
    if (!(*again == *event))
        fail("an event changed on decode -> encode -> decode", encoded);
    // What the hub sends is the compact form of the same object: it must parse back to it.
    const auto reparsed = json::parseObject(json::toBytes(encoded));
    if (!reparsed || *reparsed != encoded)
        fail("toBytes(event) does not parse back to the event", encoded);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto object = json::parseObject(
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    if (!object)
        return 0;
    // The same document as each of the three shapes: a seed for one reaches the others' error paths.
    checkBet(*object);
    checkEvent(*object);
    checkChange(*object);
    checkChange(object->value(QStringLiteral("data")).toObject());
    return 0;
}
