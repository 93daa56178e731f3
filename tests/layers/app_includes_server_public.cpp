// Must compile: what the app may use of the server (the control case of the probes above).
#include "server/betthatserver.h"
#include "server/core/accounts.h"
