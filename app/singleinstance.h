#pragma once

// One running window per data directory: the first launch holds a lock and listens on a local socket; a later
// launch finds the lock taken, hands its command line to the first over the socket and exits.

#include <QLockFile>
#include <QObject>
#include <QStringList>
#include <memory>

class QLocalServer;
class QLocalSocket;

namespace betthat::app {

class SingleInstance : public QObject
{
    Q_OBJECT
public:
    enum class Start {
        Primary, // we hold the lock and listen: later launches reach us through argumentsReceived
        AlreadyRunning, // another process (or object) holds it: hand over with sendArguments()
        Failed, // neither (no writable runtime directory, cannot listen): run on without the feature
    };

    // Frames are small; anything bigger is not a launch of ours and is dropped.
    static constexpr qint64 kMaxMessageBytes = 64 * 1024;

    // `name` keys the lock and the socket (tests pass a unique one); files go to $XDG_RUNTIME_DIR, else the
    // temporary directory.
    explicit SingleInstance(const QString &name, QObject *parent = nullptr);
    ~SingleInstance() override;

    // The key the app uses: one instance per data directory of the bundled server (`dataDir` empty: the
    // default one), so a second --data-dir gets a window of its own.
    static QString nameFor(const QString &dataDir);

    Start start();
    QString errorString() const { return m_error; }
    QString serverName() const { return m_serverName; }

    // AlreadyRunning only: sends `arguments` to the primary; exactly one of delivered() or failed() follows
    // (failed() also after `timeoutMs` without the primary's acknowledgement), always from the event loop.
    void sendArguments(const QStringList &arguments, int timeoutMs = 5000);

    // How long the primary waits for a connected launch to send its frame before dropping it.
    void setReadTimeout(int ms) { m_readTimeoutMs = ms; }

Q_SIGNALS:
    void argumentsReceived(const QStringList &arguments);
    void delivered();
    void failed(const QString &reason);

private:
    void acceptConnections();
    void readFrom(QLocalSocket *socket);

    QString m_serverName;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
    QString m_error;
    int m_readTimeoutMs = 3000;
};

} // namespace betthat::app
