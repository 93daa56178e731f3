#pragma once

// What the widget tests read off a dialog, found by objectName as a user sees it (no test-only accessors).

#include <QLabel>
#include <QWidget>

namespace betthat::test {

template <typename T> T *child(const QWidget &parent, const char *name)
{
    return parent.findChild<T *>(QLatin1String(name));
}

// The dialog's inline error as shown: empty while hidden.
inline QString shownError(const QWidget &dialog)
{
    const QLabel *error = child<QLabel>(dialog, "dialogError");
    return error && !error->isHidden() ? error->text() : QString();
}

} // namespace betthat::test
