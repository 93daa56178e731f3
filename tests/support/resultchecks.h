#pragma once

// Reading storage Results in tests: a failed read must fail the test, never pass as "nothing there".

#include "common/error.h"

#include <QTest>
#include <optional>

// VERIFY_OK(repo.addUser(...)): the call succeeded; otherwise the test fails with the error's message.
#define VERIFY_OK(expr)                                                                                      \
    do {                                                                                                     \
        const auto &result_ = (expr);                                                                        \
        QVERIFY2(result_.ok(), qPrintable(result_.ok() ? QString() : result_.error().message));              \
    } while (false)

namespace betthat {

// QCOMPARE(repo.balance("alice"), 1500): equal only when the read succeeded and holds that value.
template<typename T, typename U>
bool operator==(const Result<T> &result, const U &expected)
{
    return result.ok() && result.value() == expected;
}

template<typename T, typename U>
bool operator==(const U &expected, const Result<T> &result)
{
    return result == expected;
}

// QCOMPARE(repo.userById("alice"), alice): equal only when the read succeeded and found that row.
template<typename T>
bool operator==(const Result<std::optional<T>> &result, const T &expected)
{
    return result.ok() && result.value().has_value() && *result.value() == expected;
}

namespace test {

// The read succeeded and found nothing.
template<typename T>
bool isAbsent(const Result<std::optional<T>> &result)
{
    return result.ok() && !result.value().has_value();
}

// The row a read found. A failed or empty read fails the current test and yields a default value.
template<typename T>
T found(const Result<std::optional<T>> &result)
{
    if (!result.ok()) {
        QTest::qFail(qPrintable(QStringLiteral("read failed: ") + result.error().message), __FILE__, __LINE__);
        return T {};
    }
    if (!result.value().has_value()) {
        QTest::qFail("read found nothing", __FILE__, __LINE__);
        return T {};
    }
    return *result.value();
}

// What a single-row read found (nullopt: nothing). A failed read fails the current test and yields nullopt.
template<typename T>
std::optional<T> lookup(const Result<std::optional<T>> &result)
{
    if (!result.ok()) {
        QTest::qFail(qPrintable(QStringLiteral("read failed: ") + result.error().message), __FILE__, __LINE__);
        return std::nullopt;
    }
    return result.value();
}

// The value of a read that must succeed (a list, a sum). A failed read fails the current test.
template<typename T>
T must(const Result<T> &result)
{
    if (!result.ok()) {
        QTest::qFail(qPrintable(QStringLiteral("read failed: ") + result.error().message), __FILE__, __LINE__);
        return T {};
    }
    return result.value();
}

} // namespace test
} // namespace betthat
