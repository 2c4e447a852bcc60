// The Connect window plugin as the app finds it, from a process that links what the app links
// (ab_ui, no WebEngine): WebEngine must not be in the process until the plugin loads.
#include "widgets/connectmessages.h"
#include "widgets/connectwindowfactory.h"
#include "widgets/connectwindowloader.h"

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ab;
using namespace ab::ui;

namespace {

bool webEngineInProcess()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("libQt6WebEngineCore");
}

} // namespace

class TestConnectLoader final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void missingPlugin_saysItIsNotInstalled()
    {
        QTemporaryDir empty;
        ConnectWindowLoader loader({empty.path()});
        QVERIFY(!loader.factory());
        QVERIFY(!loader.isLoaded());
        QVERIFY2(
            loader.errorString().contains(QStringLiteral("The Connect window is not installed")),
            qPrintable(loader.errorString()));
        QVERIFY(!webEngineInProcess());
    }

    void buildTree_findsThePluginAndOnlyThenWebEngine()
    {
        if (!QFile::exists(QStringLiteral("/proc/self/maps")))
            QSKIP("needs /proc (Linux)");
        QVERIFY2(!webEngineInProcess(), "WebEngine is linked into ab_ui: it must load on demand");
        ConnectWindowLoader loader;
        QVERIFY(!loader.isLoaded());
        QVERIFY(!webEngineInProcess()); // constructing the loader loads nothing
        ConnectWindowFactory *factory = loader.factory();
        QVERIFY2(factory, qPrintable(loader.errorString()));
        QVERIFY(loader.pluginPath().contains(QStringLiteral("actionbench/plugins")));
        QVERIFY(webEngineInProcess());
        QCOMPARE(loader.factory(), factory); // once
    }

    void messages_everyProblemAndStepHasWords()
    {
        using connect::ConnectNextStep;
        using connect::ConnectProblem;
        for (int p = int(ConnectProblem::InvalidToken); p <= int(ConnectProblem::Unknown); ++p) {
            connect::ConnectErrorInfo info;
            info.problem = ConnectProblem(p);
            info.detail = QStringLiteral("detail");
            QVERIFY2(!ConnectMessages::meaning(info).isEmpty(), qPrintable(QString::number(p)));
        }
        for (int s = int(ConnectNextStep::GetNewToken);
             s <= int(ConnectNextStep::RetryOrContactSupport); ++s)
            QVERIFY(!ConnectMessages::nextStep(ConnectNextStep(s)).isEmpty());
        const connect::ConnectResult denied = connect::ConnectResult::fromRedirect(
            QUrl(QStringLiteral("https://p.example/cb?error=server_error&error_description="
                                "OAuth%20Failed%3A%20the%20user%20denied%20access")));
        const QString text = ConnectMessages::resultFailed(QStringLiteral("Slack"), denied);
        QVERIFY2(text.contains(QStringLiteral("the user denied access")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Start the connection again")), qPrintable(text));
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); // as the app does
    QApplication app(argc, argv);
    TestConnectLoader test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_connectloader.moc"
