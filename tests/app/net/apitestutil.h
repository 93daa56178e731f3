#pragma once

// Test helper: runs one ApiClient call and waits for its callback, so tests read top to bottom.

#include "common/error.h"

#include <QObject>
#include <QTest>
#include <optional>

namespace betthat::test {

// call(context, done) starts the request; returns its result, or Internal "no answer" after timeoutMs.
template <typename T, typename Call> Result<T> awaitCall(Call call, int timeoutMs = 10000)
{
    std::optional<Result<T>> out;
    QObject context;
    call(&context, [&out](const Result<T> &r) { out = r; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs))
        return makeError(ErrorCode::Internal, QStringLiteral("test: no answer within %1 ms").arg(timeoutMs));
    return *out;
}

} // namespace betthat::test
