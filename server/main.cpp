// betthat-server: the headless server. Everything it does lives in server/cli, shared with the app's
// --headless.
#include "server/cli/servercommandline.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    // The UNIX event dispatcher, not GLib's: GLib's unregisters socket notifiers with a linear scan, which
    // makes one broadcast to N WebSocket clients O(N^2). Must precede the app object.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("betthat-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("BetThat"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BETTHAT_VERSION));
    return betthat::server::runServerCommandLine(QCoreApplication::arguments());
}
