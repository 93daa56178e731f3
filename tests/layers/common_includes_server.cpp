// Must NOT compile: common is below the server and cannot see it.
#include "server/storage/repository.h"
