#pragma once

// What one run of betthat-bench-fanout measures; every count and wait is bounded so a run always ends.

#include <QString>

namespace betthat::bench {

struct FanoutOptions
{
    enum class Mode { Targeted, Broadcast };

    QString serverProgram; // the betthat-server executable
    QString eventDispatcher = QStringLiteral("epoll"); // the server's: epoll or qt (BETTHAT_EVENT_DISPATCHER)
    int connections = 1000; // WebSocket clients
    bool targeted = true; // clients spread over bettors: each event reaches --per-user connections
    bool broadcast = true; // every client an operator on the global feed: each event reaches all of them
    int events = 100; // resolves sent one at a time (each waits for full delivery): the latency run
    int burst = 100; // resolves sent all at once: the throughput run
    int perUser = 10; // targeted mode: connections per bettor
    // Clients per loopback source address (the server rate-limits new connections per IP).
    int perAddress = 40;
    int connectConcurrency = 32; // handshakes in flight (the listen backlog is 50)
    int eventTimeoutMs = 10000; // longest wait for one event's deliveries in the latency run
    int burstTimeoutMs = 60000;
    int connectTimeoutMs = 120000;
};

} // namespace betthat::bench
