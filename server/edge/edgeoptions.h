#pragma once

// The connection limits of the edge and the realtime layer from the environment (EDGE_*, WS_*) and from
// betthat-server's options (--edge-*, --ws-*). One table holds every option: its name, variable, unit, range,
// help and where its value goes (docs/EDGE.md lists them with their defaults).

#include "common/error.h"
#include "server/serverconfig.h"

class QCommandLineParser;
class QProcessEnvironment;

namespace betthat::server {

void addEdgeOptions(QCommandLineParser &parser);
// Variables first, then options over them; values not given keep `base`. Bad values fail with a message that
// names the option or variable.
Result<ServerConfig> applyEdgeOptions(
    const QCommandLineParser &parser, const QProcessEnvironment &env, ServerConfig base);

// "250ms", "10s", "2m", "1h" -> milliseconds (a whole number and one unit).
Result<qint64> parseEdgeDurationMs(const QString &text);
// "4096", "64k", "1m" (KiB, MiB) -> bytes.
Result<qint64> parseByteSize(const QString &text);

} // namespace betthat::server
