// Must NOT compile: the app's core (net, models) sits below the widgets.
#include "app/widgets/mainwindow.h"
