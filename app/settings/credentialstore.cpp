#include "credentialstore.h"

#include "app/logcategories.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#ifdef BETTHAT_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace betthat::app {

namespace {

constexpr char kKeychainService[] = "betthat";

#ifdef BETTHAT_HAVE_KEYCHAIN
// QtKeychain is asynchronous; the token is needed before anything else can start, so wait for it, bounded.
bool runJob(QKeychain::Job &job, int timeoutMs)
{
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec();
    return finished;
}
#endif

} // namespace

CredentialStore::CredentialStore(QString fallbackFile, Backend backend, QObject *parent)
    : QObject(parent)
    , m_fallbackFile(std::move(fallbackFile))
    , m_backend(backend)
{ }

bool CredentialStore::keychainCompiledIn()
{
#ifdef BETTHAT_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

QString CredentialStore::defaultFallbackFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
        + QStringLiteral("/credentials.ini");
}

bool CredentialStore::useKeychain() const
{
    return m_backend == Backend::Automatic && keychainCompiledIn();
}

QString CredentialStore::fileKey(const QString &account)
{
    // QSettings treats '/' as a group separator; the account is a URL.
    return QStringLiteral("tokens/")
        + QString::fromLatin1(account.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

QString CredentialStore::readToken(const QString &account)
{
    m_lastError.clear();
#ifdef BETTHAT_HAVE_KEYCHAIN
    if (useKeychain()) {
        QKeychain::ReadPasswordJob job(QString::fromLatin1(kKeychainService));
        job.setAutoDelete(false);
        job.setKey(account);
        if (runJob(job, m_keychainTimeoutMs) && job.error() == QKeychain::NoError) {
            m_lastBackend = QStringLiteral("keychain");
            return job.textData();
        }
        qCDebug(lcAppSettings).noquote()
            << "keychain read unavailable, trying the private file:" << job.errorString();
    }
#endif
    m_lastBackend = QStringLiteral("file");
    return readFile(account);
}

bool CredentialStore::writeToken(const QString &account, const QString &token)
{
    m_lastError.clear();
#ifdef BETTHAT_HAVE_KEYCHAIN
    if (useKeychain()) {
        QKeychain::WritePasswordJob job(QString::fromLatin1(kKeychainService));
        job.setAutoDelete(false);
        job.setKey(account);
        job.setTextData(token);
        if (runJob(job, m_keychainTimeoutMs) && job.error() == QKeychain::NoError) {
            // One copy only: a token left behind in the file would outlive a later change in the keychain.
            removeFile(account);
            m_lastBackend = QStringLiteral("keychain");
            return true;
        }
        qCInfo(lcAppSettings).noquote()
            << "no usable keychain, keeping the token in a private file:" << job.errorString();
    }
#endif
    m_lastBackend = QStringLiteral("file");
    return writeFile(account, token);
}

void CredentialStore::removeToken(const QString &account)
{
#ifdef BETTHAT_HAVE_KEYCHAIN
    if (useKeychain()) {
        QKeychain::DeletePasswordJob job(QString::fromLatin1(kKeychainService));
        job.setAutoDelete(false);
        job.setKey(account);
        runJob(job, m_keychainTimeoutMs);
    }
#endif
    removeFile(account);
}

QString CredentialStore::readFile(const QString &account)
{
    if (!QFileInfo::exists(m_fallbackFile))
        return {};
    QSettings file(m_fallbackFile, QSettings::IniFormat);
    return file.value(fileKey(account)).toString();
}

bool CredentialStore::writeFile(const QString &account, const QString &token)
{
    QDir().mkpath(QFileInfo(m_fallbackFile).absolutePath());
    // Create the file with owner-only permissions BEFORE the secret goes in, so it is never readable by
    // others.
    {
        QFile f(m_fallbackFile);
        if (!f.exists() && !f.open(QIODevice::WriteOnly)) {
            m_lastError = tr("cannot create %1: %2").arg(m_fallbackFile, f.errorString());
            return false;
        }
    }
    if (!QFile::setPermissions(m_fallbackFile, QFile::ReadOwner | QFile::WriteOwner)) {
        m_lastError = tr("cannot restrict the permissions of %1").arg(m_fallbackFile);
        return false;
    }
    QSettings file(m_fallbackFile, QSettings::IniFormat);
    file.setValue(fileKey(account), token);
    file.sync();
    if (file.status() != QSettings::NoError) {
        m_lastError = tr("cannot write %1").arg(m_fallbackFile);
        return false;
    }
    // QSettings rewrites through a temporary file: make sure the result is still owner-only.
    QFile::setPermissions(m_fallbackFile, QFile::ReadOwner | QFile::WriteOwner);
    return true;
}

void CredentialStore::removeFile(const QString &account)
{
    if (!QFileInfo::exists(m_fallbackFile))
        return;
    QSettings file(m_fallbackFile, QSettings::IniFormat);
    file.remove(fileKey(account));
    file.sync();
    QFile::setPermissions(m_fallbackFile, QFile::ReadOwner | QFile::WriteOwner);
}

} // namespace betthat::app
