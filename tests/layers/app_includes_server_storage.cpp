// Must NOT compile: the app hosts the server through its public headers only; storage is private.
#include "server/storage/repository.h"
