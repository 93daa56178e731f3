#pragma once

// Force-included (-include) into an existing Qt Test source so that its QTEST_GUILESS_MAIN runs the whole
// suite on EpollDispatcher: installed before the application object, exactly as betthat-server's main does,
// and checked, so the suite cannot silently fall back to Qt's dispatcher.

#include "server/edge/epolldispatcher.h"

#include <QCoreApplication>
#include <QTest>

#undef QTEST_GUILESS_MAIN
#define QTEST_GUILESS_MAIN(TestObject)                                                                       \
    QTEST_MAIN_WRAPPER(TestObject, BETTHAT_EPOLL_TEST_SETUP)

#define BETTHAT_EPOLL_TEST_SETUP                                                                             \
    QCoreApplication::setEventDispatcher(new betthat::server::EpollDispatcher);                              \
    QTEST_QAPP_SETUP(QCoreApplication)                                                                       \
    if (!qobject_cast<betthat::server::EpollDispatcher *>(QCoreApplication::eventDispatcher()))              \
        qFatal("the suite does not run on EpollDispatcher");
