#include "toastpalette.h"

namespace betthat::app {

QColor ToastPalette::accent(Toast::Kind kind)
{
    switch (kind) {
    case Toast::Kind::Success:
        return success();
    case Toast::Kind::Error:
        return error();
    case Toast::Kind::Info:
        return info();
    case Toast::Kind::Warning:
        return warning();
    }
    return info();
}

QIcon ToastPalette::icon(Toast::Kind kind)
{
    switch (kind) {
    case Toast::Kind::Success:
        return QIcon(QStringLiteral(":/icons/toast-success.svg"));
    case Toast::Kind::Error:
        return QIcon(QStringLiteral(":/icons/toast-error.svg"));
    case Toast::Kind::Info:
        return QIcon(QStringLiteral(":/icons/toast-info.svg"));
    case Toast::Kind::Warning:
        return QIcon(QStringLiteral(":/icons/toast-warning.svg"));
    }
    return {};
}

} // namespace betthat::app
