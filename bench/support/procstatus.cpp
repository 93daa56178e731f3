#include "procstatus.h"

#include <QFile>
#include <QString>
#include <sys/resource.h>
#include <unistd.h>

namespace betthat::bench {

qint64 ProcStatus::residentKb(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    // /proc files report a size of 0, so read until EOF instead of trusting atEnd(). Line: "VmRSS:\t  12345
    // kB".
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (!line.startsWith("VmRSS:"))
            continue;
        bool ok = false;
        const qint64 kb = line.mid(6).simplified().split(' ').value(0).toLongLong(&ok);
        return ok ? kb : -1;
    }
    return -1;
}

qint64 ProcStatus::cpuMs(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    // "pid (comm) state ppid ... utime stime ...": comm may contain spaces, so count fields after its ')'.
    const QByteArray stat = file.readAll();
    const qsizetype paren = stat.lastIndexOf(')');
    if (paren < 0)
        return -1;
    const QList<QByteArray> fields = stat.mid(paren + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
    if (ticksPerSecond <= 0)
        return -1;
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong(); // utime + stime
    return ticks * 1000 / ticksPerSecond;
}

qint64 ProcStatus::raiseOpenFileLimit(qint64 wanted)
{
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    const auto target = static_cast<rlim_t>(wanted);
    if (limit.rlim_cur < target) {
        limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? target : qMin(target, limit.rlim_max);
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
            return -1;
    }
    return static_cast<qint64>(limit.rlim_cur);
}

} // namespace betthat::bench
