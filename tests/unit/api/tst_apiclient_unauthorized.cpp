#include "api/apiclient.h"
#include "form/formsession.h"
#include "sandbox/sandboxserver.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace ab;
using api::ApiClient;
using core::ErrorKind;

// ApiClient's 401 hook (issue 4): a request that gets a 401 asks the handler once, waits for
// the new token and is re-sent; concurrent 401s share one refresh; without a refresh the
// caller gets Unauthorized. Against the sandbox, which accepts only the "fresh" token.
namespace {

const QString freshToken = QStringLiteral("fresh-token-1");
const QString expiredToken = QStringLiteral("expired-token-1");
const QString sheetsConnection = QStringLiteral("sb-conn-gsheets-1");

class Signal final : public QObject {
    Q_OBJECT

public:
    void fire() { Q_EMIT fired(); }

Q_SIGNALS:
    void fired();
};

// QVERIFY2 evaluates its message even when the check passes: never touch error() of a value.
template <typename T> QByteArray describe(const core::ApiResult<T> &result)
{
    return result.ok() ? QByteArray("ok") : result.error().summary().toUtf8();
}

template <typename T> struct Answer {
    std::shared_ptr<std::optional<core::ApiResult<T>>> result =
        std::make_shared<std::optional<core::ApiResult<T>>>();
    std::shared_ptr<Signal> signal = std::make_shared<Signal>();

    core::Callback<T> callback() const
    {
        return [result = result, signal = signal](core::ApiResult<T> value) {
            result->emplace(std::move(value));
            signal->fire();
        };
    }
    bool wait() const
    {
        QSignalSpy spy(signal.get(), &Signal::fired);
        return result->has_value() || spy.wait(20000);
    }
    const core::ApiResult<T> &value() const { return **result; }
};

} // namespace

class TestApiClientUnauthorized final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    int m_refreshes = 0;

    // A refresh that answers later, as a token exchange would, with `token`.
    void installRefresh(const QString &token, bool refreshed = true)
    {
        m_client->setUnauthorizedHandler([this, token, refreshed](ApiClient::RefreshDone finish) {
            ++m_refreshes;
            QTimer::singleShot(5, m_client.get(), [this, token, refreshed, finish] {
                m_client->setToken(token);
                finish(refreshed);
            });
        });
    }

    QString appId(const char *title) const
    {
        for (const sandbox::CatalogApp &app : m_server->catalog().apps()) {
            if (app.title == QLatin1String(title))
                return app.id;
        }
        return {};
    }

    QString actionId(const char *title, const char *key)
    {
        Answer<QList<core::Action>> actions;
        m_client->actions(appId(title), QString(), nullptr, actions.callback());
        if (!actions.wait() || !actions.value().ok())
            return {};
        for (const core::Action &action : actions.value().value()) {
            if (action.key == QLatin1String(key))
                return action.id;
        }
        return {};
    }

    int count(const char *method, const QString &pathPrefix) const
    {
        int n = 0;
        for (const sandbox::SandboxRequest &request : m_server->requests())
            n += request.method == QLatin1String(method) && request.path.startsWith(pathPrefix);
        return n;
    }

private Q_SLOTS:
    void init()
    {
        sandbox::SandboxOptions options;
        options.acceptedTokens = {freshToken};
        m_server = std::make_unique<sandbox::SandboxServer>(options);
        QVERIFY(m_server->listen());
        api::ApiClientConfig config;
        config.baseUrl = m_server->baseUrl();
        config.token = freshToken;
        config.scheduler.retry.maxRetries = 0;
        m_client = std::make_unique<ApiClient>(config);
        m_refreshes = 0;
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void formRefetch_401RefreshesOnceAndTheFormKeepsItsValues()
    {
        form::FormSession session(m_client.get());
        QSignalSpy changed(&session, &form::FormSession::fieldsChanged);
        QSignalSpy failed(&session, &form::FormSession::fetchFailed);
        const QString id = actionId("Google Sheets", "add_row");
        QVERIFY(!id.isEmpty());
        session.start(QStringLiteral("add_row"), id, sheetsConnection);
        QVERIFY(changed.wait(20000));
        session.setValue(QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026"));
        QVERIFY(changed.wait(20000));

        // The token expires in the middle of the form; the next refetch meets a 401.
        installRefresh(freshToken);
        m_client->setToken(expiredToken);
        changed.clear();
        session.setValue(QStringLiteral("worksheet"), QStringLiteral("ws_q1_deals"));
        QVERIFY(changed.wait(20000));
        QCOMPARE(m_refreshes, 1);
        QCOMPARE(failed.size(), 0);
        const auto diff = changed.last().at(0).value<form::FormDiff>();
        QCOMPARE(diff.added.size(), 4); // the worksheet's columns: the refetch went through
        QCOMPARE(session.value(QStringLiteral("spreadsheet")).toString(),
                 QStringLiteral("sheet_sales_2026"));
        QCOMPARE(session.value(QStringLiteral("worksheet")).toString(),
                 QStringLiteral("ws_q1_deals"));
    }

    void concurrent401s_shareOneRefresh()
    {
        installRefresh(freshToken);
        m_client->setToken(expiredToken);
        QList<Answer<core::Page<core::App>>> answers(4);
        for (const auto &answer : answers)
            m_client->apps({}, nullptr, answer.callback());
        for (const auto &answer : answers) {
            QVERIFY(answer.wait());
            QVERIFY2(answer.value().ok(), describe(answer.value()).constData());
            QCOMPARE(answer.value().calls.size(), 2);
            QCOMPARE(answer.value().calls.first().httpStatus, 401);
            QCOMPARE(answer.value().calls.last().httpStatus, 200);
        }
        QCOMPARE(m_refreshes, 1);
    }

    void refusedRefresh_failsUnauthorized()
    {
        installRefresh(expiredToken, false);
        m_client->setToken(expiredToken);
        Answer<core::Page<core::App>> answer;
        m_client->apps({}, nullptr, answer.callback());
        QVERIFY(answer.wait());
        QCOMPARE(answer.value().error().kind, ErrorKind::Unauthorized);
        QCOMPARE(answer.value().calls.size(), 1); // not re-sent
        QCOMPARE(m_refreshes, 1);
    }

    void refreshedButStillRefused_asksOnlyOnce()
    {
        installRefresh(QStringLiteral("another-bad-token"));
        m_client->setToken(expiredToken);
        Answer<core::Page<core::App>> answer;
        m_client->apps({}, nullptr, answer.callback());
        QVERIFY(answer.wait());
        QCOMPARE(answer.value().error().kind, ErrorKind::Unauthorized);
        QCOMPARE(answer.value().calls.size(), 2);
        QCOMPARE(m_refreshes, 1); // no loop
    }

    void withoutHandler_401IsUnauthorized()
    {
        m_client->setToken(expiredToken);
        Answer<core::Page<core::App>> answer;
        m_client->apps({}, nullptr, answer.callback());
        QVERIFY(answer.wait());
        QCOMPARE(answer.value().error().kind, ErrorKind::Unauthorized);
        QCOMPARE(answer.value().calls.size(), 1);
    }

    // A 401 means the run was refused, not run: re-sending creates exactly one run.
    void createRun_refusedWith401IsSentAgainOnce()
    {
        const QString id = actionId("Google Sheets", "add_row");
        QVERIFY(!id.isEmpty());
        installRefresh(freshToken);
        m_client->setToken(expiredToken);
        Answer<QString> run;
        m_client->createRun(id, sheetsConnection,
                            {{QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026")},
                             {QStringLiteral("worksheet"), QStringLiteral("ws_q1_deals")},
                             {QStringLiteral("COL$A"), QStringLiteral("Acme")}},
                            nullptr, run.callback());
        QVERIFY(run.wait());
        QVERIFY2(run.value().ok(), describe(run.value()).constData());
        QCOMPARE(m_refreshes, 1);
        QCOMPARE(count("POST", QStringLiteral("/v2/action-runs")), 2); // 401, then the run
    }

    void deadContext_isNotResent()
    {
        ApiClient::RefreshDone finish; // held by the test: the refresh ends when it says so
        m_client->setUnauthorizedHandler([this, &finish](ApiClient::RefreshDone done) {
            ++m_refreshes;
            finish = std::move(done);
        });
        m_client->setToken(expiredToken);
        auto *context = new QObject;
        bool called = false;
        m_client->apps({}, context, [&called](const core::ApiResult<core::Page<core::App>> &) {
            called = true;
        });
        QTRY_COMPARE(m_refreshes, 1);
        delete context; // gone while the refresh is under way
        m_client->setToken(freshToken);
        finish(true);
        QCOMPARE(m_client->scheduler()->queuedCount() + m_client->scheduler()->inFlightCount(), 0);
        QCOMPARE(count("GET", QStringLiteral("/v2/apps")), 1);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestApiClientUnauthorized)
#include "tst_apiclient_unauthorized.moc"
