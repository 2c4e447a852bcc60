#pragma once

#include "sandbox/sandboxoptions.h"

#include <QHostAddress>
#include <QString>
#include <QThread>
#include <QUrl>

#include <future>

namespace ab::sandbox {

// Runs a SandboxServer on a thread of its own, as a real server runs in another process: building
// the catalog (thousands of generated apps with --catalog-size), serving requests and making 1 MB
// results never take time from the thread that owns the window. start() returns at once, so the
// caller builds its own things meanwhile; waitUntilListening() then gives the address to use.
// The server is destroyed on its thread (its state file written) when the host is destroyed.
class SandboxHost final {
public:
    explicit SandboxHost(SandboxOptions options);
    ~SandboxHost();
    SandboxHost(const SandboxHost &) = delete;
    SandboxHost &operator=(const SandboxHost &) = delete;

    // Listens on the host's thread (port 0: a free one), then builds the server there. Call
    // once.
    void start(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    // Blocks until the port listens or has failed to, not until the server is built: requests
    // sent meanwhile are answered once it is. The base URL (http://127.0.0.1:PORT), or an empty
    // URL when it could not listen (then error() says why).
    QUrl waitUntilListening();
    QString error() const { return m_error; }
    bool isRunning() const { return m_thread.isRunning(); }

private:
    class Thread final : public QThread {
    public:
        explicit Thread(SandboxHost *host)
            : m_host(host)
        {}

    protected:
        void run() override;

    private:
        SandboxHost *m_host;
    };

    struct Started {
        QUrl baseUrl;
        QString error;
    };

    SandboxOptions m_options;
    QHostAddress m_address;
    quint16 m_port = 0;
    Thread m_thread{this};
    std::promise<Started> m_started;
    std::future<Started> m_startedFuture = m_started.get_future();
    bool m_waited = false;
    QUrl m_baseUrl;
    QString m_error;
};

} // namespace ab::sandbox
