#include "secrets/keychainsecretstore.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace ab::secrets;

// Runs against the real OS keychain: scripts/test.sh starts a private D-Bus session with an
// unlocked gnome-keyring-daemon and a throw-away HOME. Never run it outside one (it would
// prompt for, or hang on, the user's real keyring).
namespace {

class Answer final : public QObject {
    Q_OBJECT

public:
    ReadCallback reader()
    {
        return [this](const SecretError &error, const QString &value) {
            m_error = error;
            m_value = value;
            ++m_calls;
            Q_EMIT done();
        };
    }
    WriteCallback writer()
    {
        return [this](const SecretError &error) {
            m_error = error;
            ++m_calls;
            Q_EMIT done();
        };
    }
    bool wait()
    {
        QSignalSpy spy(this, &Answer::done);
        return m_calls > 0 || spy.wait(20000);
    }

    SecretError m_error;
    QString m_value;
    int m_calls = 0;

Q_SIGNALS:
    void done();
};

} // namespace

class TestKeychainSecretStore final : public QObject {
    Q_OBJECT

private:
    // A service of its own per run, so nothing collides with the app's "Actionbench" entries.
    KeychainSecretStore m_store{QStringLiteral("Actionbench-test-") +
                                QUuid::createUuid().toString(QUuid::WithoutBraces)};
    const QString m_key = QStringLiteral("https://api.zapier.com#client-secret");

    SecretError write(const QString &key, const QString &value)
    {
        Answer answer;
        m_store.write(key, value, &answer, answer.writer());
        return answer.wait() ? answer.m_error
                             : SecretError{SecretErrorKind::Other, QStringLiteral("timeout")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs a D-Bus session with an unlocked keyring (run through scripts/test.sh)");
    }

    void writeThenRead_returnsTheValue()
    {
        const QString secret = QStringLiteral("s3cr\u00e9t with spaces\nand a newline");
        const SecretError written = write(m_key, secret);
        QVERIFY2(written.ok(), qPrintable(written.detail));
        Answer answer;
        m_store.read(m_key, &answer, answer.reader());
        QVERIFY(answer.wait());
        QVERIFY2(answer.m_error.ok(), qPrintable(answer.m_error.detail));
        QCOMPARE(answer.m_value, secret);
        QCOMPARE(answer.m_calls, 1);
    }

    void write_overwrites()
    {
        QVERIFY(write(m_key, QStringLiteral("first")).ok());
        QVERIFY(write(m_key, QStringLiteral("second")).ok());
        Answer answer;
        m_store.read(m_key, &answer, answer.reader());
        QVERIFY(answer.wait());
        QCOMPARE(answer.m_value, QStringLiteral("second"));
    }

    void callbacksRunLaterNeverInsideTheCall()
    {
        Answer answer;
        m_store.read(m_key, &answer, answer.reader());
        QCOMPARE(answer.m_calls, 0);
        QVERIFY(answer.wait());
    }

    void read_missingKeyIsNotFound()
    {
        Answer answer;
        m_store.read(QStringLiteral("no-such-key"), &answer, answer.reader());
        QVERIFY(answer.wait());
        QCOMPARE(answer.m_error.kind, SecretErrorKind::NotFound);
        QVERIFY(answer.m_value.isEmpty());
    }

    void remove_deletesAndToleratesMissing()
    {
        QVERIFY(write(m_key, QStringLiteral("to be removed")).ok());
        Answer removed;
        m_store.remove(m_key, &removed, removed.writer());
        QVERIFY(removed.wait());
        QVERIFY2(removed.m_error.ok(), qPrintable(removed.m_error.detail));
        Answer read;
        m_store.read(m_key, &read, read.reader());
        QVERIFY(read.wait());
        QCOMPARE(read.m_error.kind, SecretErrorKind::NotFound);
        Answer again;
        m_store.remove(m_key, &again, again.writer());
        QVERIFY(again.wait());
        QVERIFY2(again.m_error.ok(), qPrintable(again.m_error.detail));
    }

    void keysAreIndependent()
    {
        QVERIFY(write(QStringLiteral("sandbox#access-token"), QStringLiteral("a-token")).ok());
        QVERIFY(write(QStringLiteral("https://x.example#access-token"), QStringLiteral("b")).ok());
        Answer answer;
        m_store.read(QStringLiteral("sandbox#access-token"), &answer, answer.reader());
        QVERIFY(answer.wait());
        QCOMPARE(answer.m_value, QStringLiteral("a-token"));
        for (const QString &key : {QStringLiteral("sandbox#access-token"),
                                   QStringLiteral("https://x.example#access-token")}) {
            Answer removed;
            m_store.remove(key, &removed, removed.writer());
            QVERIFY(removed.wait());
        }
    }

    void deadContext_getsNoCallback()
    {
        auto *context = new QObject;
        bool called = false;
        m_store.read(m_key, context,
                     [&called](const SecretError &, const QString &) { called = true; });
        delete context;
        // A later operation on the same store finishes after the first one.
        Answer after;
        m_store.read(m_key, &after, after.reader());
        QVERIFY(after.wait());
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "tst_keychainsecretstore.moc"
