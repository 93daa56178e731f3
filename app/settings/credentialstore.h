#pragma once

// Keeps the remote server's API token: in the desktop keychain (QtKeychain) when there is one, else in a file
// only the user can read (0600). Never in the general settings file, never in logs.

#include <QObject>
#include <QString>

namespace betthat::app {

class CredentialStore : public QObject
{
    Q_OBJECT
public:
    enum class Backend {
        Automatic, // the keychain if built in and answering, otherwise the private file
        File, // the private file only (tests, or a desktop without a secret service)
    };

    // fallbackFile: where the file backend keeps tokens (an INI file, created with permissions 0600).
    explicit CredentialStore(
        QString fallbackFile, Backend backend = Backend::Automatic, QObject *parent = nullptr);

    // account: e.g. the server key ("https://bets.example.com"). Empty string when nothing is stored.
    QString readToken(const QString &account);
    // Returns false with lastError() set when neither the keychain nor the file could store it.
    bool writeToken(const QString &account, const QString &token);
    void removeToken(const QString &account);

    // Where the last token went or came from: "keychain" or "file" (shown in the settings dialog).
    QString lastBackendUsed() const { return m_lastBackend; }
    QString lastError() const { return m_lastError; }
    static bool keychainCompiledIn();
    // The private file's default place: credentials.ini in the app's config directory.
    static QString defaultFallbackFile();
    // A keychain call that does not answer within this time counts as "no keychain" (a locked or absent
    // secret service must not freeze the app). Default 5 s.
    void setKeychainTimeout(int ms) { m_keychainTimeoutMs = ms; }

private:
    bool useKeychain() const;
    QString readFile(const QString &account);
    bool writeFile(const QString &account, const QString &token);
    void removeFile(const QString &account);
    static QString fileKey(const QString &account);

    QString m_fallbackFile;
    Backend m_backend;
    QString m_lastBackend;
    QString m_lastError;
    int m_keychainTimeoutMs = 5000;
};

} // namespace betthat::app
