// Resolver: names on the command line looked up against the API (an in-memory backend here, so
// the tests decide when and in which order replies arrive).
#include "cli/resolver.h"
#include "support/fakebackend.h"

#include <QSignalSpy>
#include <QTest>

using namespace ab;
using ab::cli::ResolveFailure;
using ab::cli::Resolver;
using ab::cli::Target;

namespace {

core::App sheets()
{
    core::App app;
    app.id = QStringLiteral("a1b2c3d4-0000-4000-8000-000000000001");
    app.title = QStringLiteral("Google Sheets");
    app.needsAuthentication = true;
    return app;
}

core::Action addRow()
{
    core::Action action;
    action.id = QStringLiteral("core:fresh-1");
    action.key = QStringLiteral("add_row");
    action.title = QStringLiteral("Create Spreadsheet Row");
    return action;
}

core::Connection connection(const QString &id, bool expired = false)
{
    core::Connection result;
    result.id = id;
    result.title = QStringLiteral("Sheets ") + id;
    result.isExpired = expired;
    return result;
}

struct Outcome {
    bool called = false;
    std::optional<Target> target;
    ResolveFailure failure;
};

} // namespace

class TestResolver final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_backend = std::make_unique<test::FakeBackend>();
        m_backend->onApps = [](const test::FakeCall &) {
            core::Page<core::App> page;
            page.items = {sheets()};
            return core::ApiResult<core::Page<core::App>>(page);
        };
        m_resolver = std::make_unique<Resolver>(m_backend.get());
    }
    void cleanup()
    {
        m_resolver.reset();
        m_backend.reset();
    }

    void target_asksForTheActionAndTheConnectionAtOnce()
    {
        Outcome outcome;
        m_resolver->target(QStringLiteral("google sheets"), QStringLiteral("add_row"), {},
                           [&outcome](std::optional<Target> target, ResolveFailure failure) {
                               outcome = {true, std::move(target), std::move(failure)};
                           });
        // Both requests are out before either is answered.
        QTRY_COMPARE(m_backend->pendingActions.size(), 1);
        QTRY_COMPARE(m_backend->pendingConnections.size(), 1);
        QCOMPARE(m_backend->pendingActions.first().call.args.value(0), sheets().id);
        QCOMPARE(m_backend->pendingConnections.first().call.args.value(0), sheets().id);

        // Answered in the other order: the target waits for both.
        m_backend->pendingConnections.takeFirst().reply(QList<core::Connection>{
            connection(QStringLiteral("c-old"), true), connection(QStringLiteral("c-ok"))});
        QVERIFY(!outcome.called);
        m_backend->pendingActions.takeFirst().reply(QList<core::Action>{addRow()});
        QVERIFY(outcome.called);
        QVERIFY2(outcome.target, qPrintable(outcome.failure.message));
        QCOMPARE(outcome.target->app.title, QStringLiteral("Google Sheets"));
        QCOMPARE(outcome.target->action.id, QStringLiteral("core:fresh-1"));
        QCOMPARE(outcome.target->connection.id, QStringLiteral("c-ok")); // the expired one skipped
    }

    void target_reportsAnUnknownActionBeforeAConnectionProblem()
    {
        Outcome outcome;
        m_resolver->target(QStringLiteral("Google Sheets"), QStringLiteral("no_such_action"), {},
                           [&outcome](std::optional<Target> target, ResolveFailure failure) {
                               outcome = {true, std::move(target), std::move(failure)};
                           });
        QTRY_COMPARE(m_backend->pendingConnections.size(), 1);
        QTRY_COMPARE(m_backend->pendingActions.size(), 1);
        m_backend->pendingConnections.takeFirst().reply(QList<core::Connection>{}); // none usable
        m_backend->pendingActions.takeFirst().reply(QList<core::Action>{addRow()});
        QVERIFY(outcome.called);
        QVERIFY(!outcome.target);
        QVERIFY2(outcome.failure.message.contains(QStringLiteral("no_such_action")),
                 qPrintable(outcome.failure.message));
    }

    void target_reportsAConnectionProblem()
    {
        Outcome outcome;
        m_resolver->target(QStringLiteral("Google Sheets"), QStringLiteral("add_row"), {},
                           [&outcome](std::optional<Target> target, ResolveFailure failure) {
                               outcome = {true, std::move(target), std::move(failure)};
                           });
        QTRY_COMPARE(m_backend->pendingActions.size(), 1);
        QTRY_COMPARE(m_backend->pendingConnections.size(), 1);
        m_backend->pendingActions.takeFirst().reply(QList<core::Action>{addRow()});
        QVERIFY(!outcome.called);
        m_backend->pendingConnections.takeFirst().reply(
            test::FakeBackend::error(core::ErrorKind::Unavailable, 503));
        QVERIFY(outcome.called);
        QVERIFY(!outcome.target);
        QVERIFY(outcome.failure.apiError);
        QVERIFY2(outcome.failure.message.contains(QStringLiteral("connections")),
                 qPrintable(outcome.failure.message));
    }

    void target_anAppWithoutAuthenticationNeedsNoConnectionRequest()
    {
        m_backend->onApps = [](const test::FakeCall &) {
            core::Page<core::App> page;
            core::App app = sheets();
            app.needsAuthentication = false;
            page.items = {app};
            return core::ApiResult<core::Page<core::App>>(page);
        };
        m_backend->onActions = [](const test::FakeCall &) {
            return core::ApiResult<QList<core::Action>>(QList<core::Action>{addRow()});
        };
        Outcome outcome;
        m_resolver->target(QStringLiteral("Google Sheets"), QStringLiteral("add_row"), {},
                           [&outcome](std::optional<Target> target, ResolveFailure failure) {
                               outcome = {true, std::move(target), std::move(failure)};
                           });
        QTRY_VERIFY(outcome.called);
        QVERIFY2(outcome.target, qPrintable(outcome.failure.message));
        QVERIFY(outcome.target->connection.id.isEmpty());
        QCOMPARE(m_backend->callCount(QStringLiteral("connections")), 0);
    }

    void target_anUnknownAppAsksNothingElse()
    {
        m_backend->onApps = [](const test::FakeCall &) {
            return core::ApiResult<core::Page<core::App>>(core::Page<core::App>{});
        };
        Outcome outcome;
        m_resolver->target(QStringLiteral("Nope"), QStringLiteral("add_row"), {},
                           [&outcome](std::optional<Target> target, ResolveFailure failure) {
                               outcome = {true, std::move(target), std::move(failure)};
                           });
        QTRY_VERIFY(outcome.called);
        QVERIFY(!outcome.target);
        QVERIFY2(outcome.failure.message.contains(QStringLiteral("unknown app")),
                 qPrintable(outcome.failure.message));
        QCOMPARE(m_backend->callCount(QStringLiteral("actions")), 0);
        QCOMPARE(m_backend->callCount(QStringLiteral("connections")), 0);
    }

private:
    std::unique_ptr<test::FakeBackend> m_backend;
    std::unique_ptr<Resolver> m_resolver;
};

QTEST_GUILESS_MAIN(TestResolver)
#include "tst_resolver.moc"
