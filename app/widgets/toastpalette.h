#pragma once

// The accent colour and icon of each toast kind, shared by toasts, cards and the status indicator.

#include "toast.h"

#include <QColor>
#include <QIcon>

namespace betthat::app {

class ToastPalette
{
public:
    // Mid-saturation accents that read on light and dark backgrounds alike.
    static QColor accent(Toast::Kind kind);
    static QIcon icon(Toast::Kind kind);
    static QColor success() { return QColor(0x1e, 0x9e, 0x4a); }
    static QColor error() { return QColor(0xd9, 0x30, 0x25); }
    static QColor info() { return QColor(0x1b, 0x6e, 0xf3); }
    static QColor warning() { return QColor(0xe0, 0x8e, 0x00); }
};

} // namespace betthat::app
