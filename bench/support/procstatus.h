#pragma once

// Reads a process's memory figures from /proc (Linux only; the benchmarks run there).

#include <QtGlobal>

namespace betthat::bench {

class ProcStatus
{
public:
    // VmRSS of the process in KiB, or -1 when unavailable.
    static qint64 residentKb(qint64 pid);
    // User + system CPU time the process has used so far, in ms (clock-tick resolution, usually 10 ms); -1
    // when unavailable.
    static qint64 cpuMs(qint64 pid);
    // Raises the soft open-file limit to min(hard limit, wanted); returns the limit now in force.
    static qint64 raiseOpenFileLimit(qint64 wanted);
};

} // namespace betthat::bench
