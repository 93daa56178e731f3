#pragma once

// Installs the app's translation (and Qt's own) for --lang, the settings' choice, or the system locale.

#include <QString>

class QCoreApplication;

namespace betthat::app {

class TranslationLoader
{
public:
    // language: "de", "es", "en" or empty for the system's. Returns the language in effect ("en" when none
    // of ours matched). Sets QLocale's default too, so money and dates follow the language.
    static QString install(QCoreApplication &app, const QString &language);
};

} // namespace betthat::app
