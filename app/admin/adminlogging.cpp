#include "adminlogging.h"

Q_LOGGING_CATEGORY(lcAppAdmin, "betthat.app.admin")
