#include "historywidgetchecks.h"

#include "api/apiclient.h"
#include "api/requestlog.h"
#include "models/requestlogmodel.h"
#include "panes/inspectordock.h"
#include "panes/inspectorexchangeview.h"
#include "panes/ratelimitgauge.h"
#include "sandbox/faultplan.h"
#include "sandbox/sandboxserver.h"
#include "support/manualclock.h"
#include "support/pseudotranslator.h"
#include "ui/untranslatedtext.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

#include <optional>

using namespace ab;
using ui::RateLimitGauge;

namespace {

api::RawExchange exchange(const char *method, const char *url, int status, QByteArray response)
{
    api::RawExchange raw;
    raw.method = method;
    raw.url = QUrl(QLatin1String(url));
    raw.startedAt = QDateTime::currentDateTimeUtc();
    raw.durationMs = 42;
    raw.httpStatus = status;
    raw.requestBody = "{\"data\":{\"action\":\"a\"}}";
    raw.responseBody = response;
    raw.responseSize = response.size();
    raw.responseHeaders = {{"Content-Type", "application/json"}, {"X-RateLimit-Remaining", "59"}};
    return raw;
}

// A client against the sandbox on a clock the test moves. A fault rule answers the second
// Partner API request with 429 and "Retry-After: 42", and the client cools down for 42 s of
// that clock.
struct LimitedSandbox {
    test::ManualClock clock;
    std::unique_ptr<sandbox::SandboxServer> server;
    std::unique_ptr<api::ApiClient> client;

    bool start()
    {
        server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxOptions{});
        if (!server->listen(QHostAddress::LocalHost, 0))
            return false;
        QString error;
        const auto plan =
            sandbox::FaultPlan::fromJson(R"([{"method":"GET","path":"/v2/apps","status":429,)"
                                         R"("headers":{"Retry-After":"42"},"skip":1,"times":1}])",
                                         &error);
        if (!plan)
            return false;
        server->setFaultPlan(*plan);
        api::ApiClientConfig config;
        config.baseUrl = server->baseUrl();
        config.token = QStringLiteral("sandbox-token");
        config.scheduler.retry = api::RetryPolicy{0, 2, 16, 7};
        client = std::make_unique<api::ApiClient>(config, &clock);
        return true;
    }

    bool appsPage()
    {
        bool done = false;
        client->apps(core::AppQuery{}, nullptr,
                     [&done](const core::ApiResult<core::Page<core::App>> &) { done = true; });
        return QTest::qWaitFor([&done] { return done; }, 20000);
    }
};

} // namespace

class TestInspectorDock final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lists_everyRequest();
    void selecting_showsRedactedBodiesAndHeaders();
    void filter_andClear();
    void urlField_followsThePanesPalette();
    void dock_hasObjectNameAndAccessibleNames();
    void gauge_showsTheBudget();
    void gauge_countsDownACooldownAfter429();
    void gauge_saysWhenRequestsWaitForBudget();
    void retranslate_updatesEveryVisibleText();
    void gauge_retranslatesWithTheLanguage();
};

void TestInspectorDock::lists_everyRequest()
{
    api::RequestLog log;
    log.add(exchange("GET", "http://127.0.0.1:9/v2/apps?limit=10", 200, "{\"data\":[]}"));
    ui::InspectorDock dock(&log);
    QCOMPARE(dock.view()->model()->rowCount(), 1);
    auto *count = dock.findChild<QLabel *>(QStringLiteral("inspectorCount"));
    QCOMPARE(count->text(), QStringLiteral("1 request"));
    dock.setFilterText(QStringLiteral("action-runs"));
    QCOMPARE(count->text(), QStringLiteral("0 of 1 request"));
    dock.setFilterText(QString());
    log.add(exchange("POST", "http://127.0.0.1:9/v2/action-runs", 429, "{}"));
    QCOMPARE(dock.view()->model()->rowCount(), 2);
    QCOMPARE(dock.findChild<QLabel *>(QStringLiteral("inspectorCount"))->text(),
             QStringLiteral("2 requests"));
    const QModelIndex status = dock.proxy()->index(1, models::RequestLogModel::StatusColumn);
    QCOMPARE(status.data().toString(), QStringLiteral("429"));
}

void TestInspectorDock::selecting_showsRedactedBodiesAndHeaders()
{
    api::RequestLog log;
    log.redactor().addSecret(QStringLiteral("secret-token-123"));
    log.add(exchange("GET", "http://127.0.0.1:9/v2/apps", 200,
                     R"({"data":[{"title":"Slack","token":"secret-token-123"}]})"));
    log.add(exchange("GET", "http://127.0.0.1:9/v2/broken", 500, "<html>oops</html>"));
    ui::InspectorDock dock(&log);
    dock.show();
    dock.view()->setCurrentIndex(dock.proxy()->index(0, 0));
    ui::InspectorExchangeView *exchange = dock.exchangeView();
    QVERIFY(exchange->summaryText().contains(QStringLiteral("GET http://127.0.0.1:9/v2/apps")));
    // The URL is whole in its field, to select and copy; the outcome follows it.
    QCOMPARE(exchange->urlText(), QStringLiteral("http://127.0.0.1:9/v2/apps"));
    QVERIFY2(exchange->outcomeText().startsWith(QStringLiteral("→ 200 in ")),
             qPrintable(exchange->outcomeText()));
    QVERIFY2(exchange->responseText().contains(QStringLiteral("\"title\": \"Slack\"")),
             qPrintable(exchange->responseText()));
    QVERIFY(!exchange->responseText().contains(QStringLiteral("secret-token-123")));
    QVERIFY(exchange->headersText().contains(QStringLiteral("X-RateLimit-Remaining: 59")));
    dock.view()->setCurrentIndex(dock.proxy()->index(1, 0));
    QCOMPARE(exchange->responseText(), QStringLiteral("<html>oops</html>")); // not JSON: as is
}

void TestInspectorDock::urlField_followsThePanesPalette()
{
    // The URL sits on the pane like text: its field's background is the pane's, in a dark
    // palette set while the window is open too.
    ui::InspectorExchangeView view;
    auto *url = view.findChild<QLineEdit *>(QStringLiteral("exchangeUrl"));
    QVERIFY(url);
    QCOMPARE(url->palette().color(QPalette::Base), view.palette().color(QPalette::Window));
    QPalette dark = view.palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x25));
    dark.setColor(QPalette::Base, QColor(0x10, 0x10, 0x10));
    view.setPalette(dark);
    QCOMPARE(url->palette().color(QPalette::Base), QColor(0x20, 0x22, 0x25));
    QCOMPARE(url->palette().color(QPalette::Window), QColor(0x20, 0x22, 0x25));
}

void TestInspectorDock::filter_andClear()
{
    api::RequestLog log;
    log.add(exchange("GET", "http://127.0.0.1:9/v2/apps", 200, "{}"));
    log.add(exchange("POST", "http://127.0.0.1:9/v2/action-runs", 202, "{}"));
    log.add(exchange("GET", "http://127.0.0.1:9/v2/action-runs/r1", 200, "{}"));
    ui::InspectorDock dock(&log);
    dock.findChild<QLineEdit *>(QStringLiteral("inspectorFilter"))
        ->setText(QStringLiteral("action-runs"));
    QCOMPARE(dock.view()->model()->rowCount(), 2);
    QCOMPARE(dock.findChild<QLabel *>(QStringLiteral("inspectorCount"))->text(),
             QStringLiteral("2 of 3 requests"));
    dock.setFilterText(QStringLiteral("post"));
    QCOMPARE(dock.view()->model()->rowCount(), 1);
    dock.setFilterText(QString());
    QTest::mouseClick(dock.findChild<QPushButton *>(QStringLiteral("inspectorClear")),
                      Qt::LeftButton);
    QCOMPARE(dock.view()->model()->rowCount(), 0);
    QCOMPARE(log.size(), 3); // the log itself is untouched
}

void TestInspectorDock::dock_hasObjectNameAndAccessibleNames()
{
    api::RequestLog log;
    ui::InspectorDock dock(&log);
    QCOMPARE(dock.objectName(), QStringLiteral("inspectorDock"));
    const QStringList missing = test::widgetsWithoutAccessibleName(&dock);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u' ')));
}

void TestInspectorDock::gauge_showsTheBudget()
{
    test::ManualClock clock;
    api::RequestLog log;
    api::SchedulerConfig config;
    config.partner = api::BucketLimits{60, 60000, 60000, 5};
    api::RequestScheduler scheduler(&log, &clock, config);
    RateLimitGauge gauge(&scheduler);
    QCOMPARE(gauge.text(), QStringLiteral("60/60 requests this minute"));
    QCOMPARE(gauge.state(), RateLimitGauge::State::Normal);
    QVERIFY(gauge.accessibleDescription().contains(QStringLiteral("60/60")));
    QVERIFY(!gauge.accessibleName().isEmpty());
}

void TestInspectorDock::gauge_countsDownACooldownAfter429()
{
    LimitedSandbox sandbox;
    QVERIFY(sandbox.start());
    RateLimitGauge gauge(sandbox.client->scheduler());
    QVERIFY(sandbox.appsPage()); // allowed
    QVERIFY(gauge.text().endsWith(QStringLiteral("requests this minute")));
    QVERIFY(sandbox.appsPage()); // refused with 429 and Retry-After
    QCOMPARE(gauge.state(), RateLimitGauge::State::CoolingDown);
    const int seconds = 42;
    QCOMPARE(gauge.text(), QStringLiteral("Rate limited — resuming in 42 s"));
    QVERIFY(gauge.accessibleDescription().contains(gauge.text()));
    // The gauge ticks each second and reads the cooldown from the scheduler's clock.
    sandbox.clock.advance(1000);
    QTRY_COMPARE(gauge.text(), QStringLiteral("Rate limited — resuming in %1 s").arg(seconds - 1));
    sandbox.clock.advance(qint64(seconds) * 1000);
    QTRY_VERIFY(gauge.text().endsWith(QStringLiteral("requests this minute")));
    QVERIFY(gauge.state() != RateLimitGauge::State::CoolingDown);
}

void TestInspectorDock::gauge_saysWhenRequestsWaitForBudget()
{
    test::ManualClock clock;
    sandbox::SandboxServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    api::ApiClientConfig config;
    config.baseUrl = server.baseUrl();
    config.token = QStringLiteral("sandbox-token");
    config.scheduler.partner = api::BucketLimits{2, 60000, 60000, 0};
    api::ApiClient client(config, &clock);
    RateLimitGauge gauge(client.scheduler());
    QCOMPARE(gauge.text(), QStringLiteral("2/2 requests this minute"));
    int answered = 0;
    for (int n = 0; n < 3; ++n)
        client.apps(core::AppQuery{}, nullptr,
                    [&answered](const core::ApiResult<core::Page<core::App>> &) { ++answered; });
    QTRY_COMPARE(answered, 2);
    // The third waits for the window to move on.
    QTRY_COMPARE(gauge.state(), RateLimitGauge::State::Waiting);
    QCOMPARE(gauge.text(), QStringLiteral("Waiting for rate limit…"));
    clock.advance(60001);
    client.scheduler()->reschedule();
    QTRY_COMPARE(answered, 3);
    QTRY_VERIFY(gauge.state() != RateLimitGauge::State::Waiting);
}

void TestInspectorDock::retranslate_updatesEveryVisibleText()
{
    api::RequestLog log;
    log.add(exchange("GET", "http://127.0.0.1:9/v2/apps", 200, "{\"data\":[]}"));
    log.add(exchange("POST", "http://127.0.0.1:9/v2/action-runs", 0, {})); // no response
    api::RawExchange poll = exchange("GET", "http://127.0.0.1:9/v2/action-runs/r1", 200, "{}");
    poll.requestBody.clear();
    log.add(poll);
    ui::InspectorDock dock(&log);
    dock.resize(700, 600);
    dock.show();
    auto *filter = dock.findChild<QLineEdit *>(QStringLiteral("inspectorFilter"));
    filter->setText(QStringLiteral("action-runs"));
    QCOMPARE(dock.view()->model()->rowCount(), 2);
    dock.view()->setCurrentIndex(dock.proxy()->index(1, 0)); // the GET, without a body
    const QString response = dock.exchangeView()->responseText();

    std::optional<test::PseudoLanguage> pseudo;
    pseudo.emplace();
    QVERIFY(pseudo->isInstalled());
    QTRY_VERIFY(dock.windowTitle().startsWith(test::PseudoTranslator::open));
    // Methods, paths and URLs are the exchange's own.
    const QStringList data{QStringLiteral("http://127.0.0.1:9/v2/action-runs/r1"),
                           QStringLiteral("http://127.0.0.1:9/v2/action-runs"),
                           QStringLiteral("/v2/action-runs/r1"),
                           QStringLiteral("/v2/action-runs"),
                           QStringLiteral("POST"),
                           QStringLiteral("GET")};
    const QStringList found = test::UntranslatedText([data](QString text) {
                                  for (const QString &item : data)
                                      text.remove(item);
                                  return text;
                              }).scan(&dock);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    QVERIFY(dock.exchangeView()->outcomeText().startsWith(test::PseudoTranslator::open));
    QCOMPARE(dock.exchangeView()->requestText(), QStringLiteral("\u27e6(no body)\u27e7"));

    // Filter, selection and the bodies shown are untouched.
    QCOMPARE(filter->text(), QStringLiteral("action-runs"));
    QCOMPARE(dock.view()->currentIndex().row(), 1);
    QCOMPARE(dock.exchangeView()->responseText(), response);

    // And back to the source language.
    pseudo.reset();
    QTRY_COMPARE(dock.findChild<QLabel *>(QStringLiteral("inspectorCount"))->text(),
                 QStringLiteral("2 of 3 requests"));
    QCOMPARE(dock.windowTitle(), QStringLiteral("API inspector"));
}

void TestInspectorDock::gauge_retranslatesWithTheLanguage()
{
    test::ManualClock clock;
    api::RequestLog log;
    api::SchedulerConfig config;
    config.partner = api::BucketLimits{60, 60000, 60000, 5};
    api::RequestScheduler scheduler(&log, &clock, config);
    RateLimitGauge gauge(&scheduler);
    gauge.show();

    const test::PseudoLanguage pseudo;
    QVERIFY(pseudo.isInstalled());
    QTRY_VERIFY(gauge.text().startsWith(test::PseudoTranslator::open));
    QCOMPARE(gauge.text(),
             QStringLiteral("\u27e6%1/%2 requests this minute\u27e7").arg(60).arg(60));
    const QStringList found = test::UntranslatedText().scan(&gauge);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    QCOMPARE(gauge.state(), RateLimitGauge::State::Normal);
}

QTEST_MAIN(TestInspectorDock)
#include "tst_inspectordock.moc"
