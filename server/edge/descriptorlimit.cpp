#include "descriptorlimit.h"

#include <limits>
#include <sys/resource.h>

namespace betthat::server {

namespace {
qint64 asCount(rlim_t value)
{
    return value == RLIM_INFINITY ? std::numeric_limits<qint64>::max() : qint64(value);
}
} // namespace

DescriptorLimit currentDescriptorLimit()
{
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return {};
    return { asCount(limit.rlim_cur), asCount(limit.rlim_cur), asCount(limit.rlim_max) };
}

DescriptorLimit raiseDescriptorLimit()
{
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return {};
    DescriptorLimit result { asCount(limit.rlim_cur), asCount(limit.rlim_cur), asCount(limit.rlim_max) };
    if (limit.rlim_cur != limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) == 0)
            result.soft = asCount(limit.rlim_cur);
    }
    return result;
}

} // namespace betthat::server
