#include "netlogging.h"

Q_LOGGING_CATEGORY(lcAppNet, "betthat.app.net")
