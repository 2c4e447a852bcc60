// SandboxHost: the sandbox on a thread of its own, as the desktop app runs it.
#include "sandbox/sandboxhost.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace ab::sandbox;

namespace {

// One HTTP/1.1 GET over a socket driven with blocking calls only: this thread never returns to
// an event loop while it waits, so only a server living on another thread can answer.
QByteArray blockingGet(const QUrl &base, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(base.host(), quint16(base.port()));
    if (!socket.waitForConnected(10000))
        return "not connected: " + socket.errorString().toUtf8();
    socket.write("GET " + path + " HTTP/1.1\r\nHost: " + base.host().toUtf8() +
                 "\r\nConnection: close\r\n\r\n");
    // Read until the whole body named by Content-Length is in (the server keeps the connection).
    QByteArray reply;
    while (socket.waitForReadyRead(10000)) {
        reply += socket.readAll();
        const qsizetype headerEnd = reply.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            continue;
        const qsizetype lengthAt = reply.toLower().indexOf("content-length:");
        if (lengthAt < 0 || lengthAt > headerEnd)
            continue;
        const qsizetype lineEnd = reply.indexOf("\r\n", lengthAt);
        const qsizetype length =
            reply.mid(lengthAt + 15, lineEnd - lengthAt - 15).trimmed().toLongLong();
        if (reply.size() >= headerEnd + 4 + length)
            break;
    }
    return reply;
}

// The "apps" count of the sandbox's health document in a raw HTTP reply; -1 when absent.
int appCount(const QByteArray &reply)
{
    const QJsonObject health =
        QJsonDocument::fromJson(reply.mid(reply.indexOf("\r\n\r\n") + 4)).object();
    return health.value(QStringLiteral("apps")).toInt(-1);
}

} // namespace

class TestSandboxHost final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void servesFromItsOwnThread()
    {
        SandboxHost host({});
        QVERIFY(!host.isRunning());
        host.start();
        const QUrl base = host.waitUntilListening();
        QVERIFY2(base.isValid() && base.port() > 0, qPrintable(host.error()));
        QCOMPARE(base.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(host.isRunning());
        QVERIFY(host.error().isEmpty());

        const QByteArray reply = blockingGet(base, "/sandbox");
        QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.left(200).constData());
        QVERIFY2(appCount(reply) > 0, reply.constData());
        // Asked again, the same address: the wait happens once.
        QCOMPARE(host.waitUntilListening(), base);
    }

    void catalogSizeAppliesOnItsThread()
    {
        SandboxHost plain({});
        SandboxOptions options;
        options.extraApps = 250;
        SandboxHost large(options);
        plain.start();
        large.start();
        const QUrl plainBase = plain.waitUntilListening();
        const QUrl largeBase = large.waitUntilListening();
        QVERIFY2(!plainBase.isEmpty() && !largeBase.isEmpty(), qPrintable(large.error()));
        QCOMPARE(appCount(blockingGet(largeBase, "/sandbox")),
                 appCount(blockingGet(plainBase, "/sandbox")) + 250);
    }

    void answersWhatArrivesWhileItIsBuilt()
    {
        // The address is given out before the catalog is built; 20,000 generated apps take long
        // enough that this request is sent while the server is still being built. It waits in
        // the backlog and is answered with the whole catalog.
        SandboxOptions options;
        options.extraApps = 20000;
        SandboxHost host(options);
        host.start();
        const QUrl base = host.waitUntilListening();
        QVERIFY2(!base.isEmpty(), qPrintable(host.error()));
        const QByteArray reply = blockingGet(base, "/sandbox");
        QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.left(200).constData());
        QVERIFY2(appCount(reply) > 20000, reply.constData());
    }

    void stopsWhenDestroyed()
    {
        QUrl base;
        {
            SandboxHost host({});
            host.start();
            base = host.waitUntilListening();
            QVERIFY2(!base.isEmpty(), qPrintable(host.error()));
        }
        QTcpSocket socket;
        socket.connectToHost(base.host(), quint16(base.port()));
        QVERIFY(!socket.waitForConnected(5000));
    }

    void destroyedBeforeAnyoneWaited()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SandboxOptions options;
        options.statePath = dir.filePath(QStringLiteral("state.json"));
        auto host = std::make_unique<SandboxHost>(options);
        host->start();
        host.reset(); // joins the thread; no hang, no crash
        QVERIFY(true);
    }

    void neverStartedIsHarmless()
    {
        SandboxHost host({});
        QVERIFY(!host.isRunning());
    }

    void aTakenPortIsReported()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        SandboxHost host({});
        host.start(QHostAddress::LocalHost, taken.serverPort());
        QVERIFY(host.waitUntilListening().isEmpty());
        QVERIFY2(host.error().contains(QString::number(taken.serverPort())),
                 qPrintable(host.error()));
        QTRY_VERIFY(!host.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestSandboxHost)
#include "tst_sandboxhost.moc"
