#pragma once

// The process's open-file limit (RLIMIT_NOFILE): every connection is a descriptor, so the connection limits
// can only be reached if the soft limit allows them.

#include <QtGlobal>

namespace betthat::server {

struct DescriptorLimit
{
    qint64 before = -1; // soft limit found at start; -1: unknown (not supported here)
    qint64 soft = -1;   // soft limit now
    qint64 hard = -1;
};

// Raises the soft limit to the hard limit (allowed without privileges) and reports both.
DescriptorLimit raiseDescriptorLimit();
DescriptorLimit currentDescriptorLimit();

} // namespace betthat::server
