#include "windowfixture.h"

#include "form/fieldeditor.h"
#include "form/formsession.h"
#include "form/formview.h"
#include "mainwindow/workbench.h"
#include "panes/catalogpane.h"
#include "panes/errorexplainer.h"
#include "panes/historypane.h"
#include "panes/ratelimitgauge.h"
#include "panes/rundetailerrors.h"
#include "panes/rundetailresults.h"
#include "panes/rundetailview.h"

#include <QAction>
#include <QFile>
#include <QTest>

using namespace ab;
using runs::Phase;

// The real main window driven offscreen against the sandbox, through the flows a user has:
// pick an action, fill dependent fields, run, watch the history; failures, throttling, a 429
// storm, a 1 MB result, restore into the form and re-run.
class TestMainWindow final : public QObject {
    Q_OBJECT

private:
    static form::FormSession *session(const test::WindowFixture &f)
    {
        return f.window->workbench()->session();
    }

    // Chooses an action through the catalog pane, as restoring a selection does, and waits
    // for its form.
    static bool chooseAction(test::WindowFixture &f, const QString &appTitle, const QString &key)
    {
        const QString appId = f.sandbox().appId(appTitle);
        if (appId.isEmpty())
            return false;
        f.window->catalogPane()->selectApp(appId);
        f.window->catalogPane()->selectAction(key);
        form::FormSession *s = session(f);
        return QTest::qWaitFor(
            [s, key] { return s->actionKey() == key && s->isLoaded() && !s->isBusy(); }, 20000);
    }

    static bool set(test::WindowFixture &f, const QString &field, const QVariant &value,
                    const QString &label = {})
    {
        form::FormSession *s = session(f);
        s->setValue(field, value, label);
        return QTest::qWaitFor([s] { return !s->isBusy(); }, 20000);
    }

    static QAction *runAction(const test::WindowFixture &f)
    {
        for (QAction *action : f.window->actions()) {
            if (action->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Return)))
                return action;
        }
        return nullptr;
    }

    // Presses Run (Ctrl+Enter) and returns the new run's id once it is in the history pane.
    static qint64 run(test::WindowFixture &f)
    {
        const int before = f.history->count({});
        QAction *action = runAction(f);
        if (!action)
            return 0;
        action->trigger();
        if (!QTest::qWaitFor([&f, before] { return f.history->count({}) == before + 1; }, 10000))
            return 0;
        return f.window->historyPane()->currentRun();
    }

    static bool finishes(test::WindowFixture &f, qint64 id, Phase phase)
    {
        return QTest::qWaitFor(
            [&f, id, phase] {
                const auto record = f.history->load(id);
                return record && record->phase == phase;
            },
            30000);
    }

private Q_SLOTS:
    void spreadsheetRun_columnsAppearAndTheRunSucceedsInHistory()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QVERIFY(chooseAction(f, QStringLiteral("Google Sheets"), QStringLiteral("add_row")));
        QVERIFY(f.window->formView()->editor(QStringLiteral("spreadsheet")));
        QVERIFY(!f.window->formView()->editor(QStringLiteral("COL$A")));

        QVERIFY(set(f, QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026"),
                    QStringLiteral("Sales Pipeline 2026")));
        QVERIFY(set(f, QStringLiteral("worksheet"), QStringLiteral("ws_q1_deals"),
                    QStringLiteral("Q1 Deals")));
        // The worksheet's columns are now fields of the form, with editors.
        QTRY_VERIFY(f.window->formView()->editor(QStringLiteral("COL$A")));
        QVERIFY(set(f, QStringLiteral("COL$A"), QStringLiteral("Acme renewal")));

        const qint64 id = run(f);
        QVERIFY(id > 0);
        QVERIFY(finishes(f, id, Phase::Success));
        QTRY_COMPARE(f.window->runDetail()->runId(), id);
        QTRY_VERIFY(f.window->runDetail()->headerText().contains(QStringLiteral("Google Sheets")));
        QVERIFY(f.history->load(id)->resultsJson.contains("Acme renewal"));
    }

    void runWithoutAnAction_sendsNothing()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QAction *action = runAction(f);
        QVERIFY(action);
        action->trigger();
        QCOMPARE(f.history->count({}), 0);
    }

    void failingRun_isExplainedAndPointsAtTheField()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QVERIFY(
            chooseAction(f, QStringLiteral("Sandbox Faults"), QStringLiteral("simulate_outcome")));
        QVERIFY(set(f, QStringLiteral("outcome"), QStringLiteral("user"),
                    QStringLiteral("User error")));
        QVERIFY(set(f, QStringLiteral("polls"), qint64(1)));
        const qint64 id = run(f);
        QVERIFY(id > 0);
        QVERIFY(finishes(f, id, Phase::Error));
        ui::RunDetailErrors *errors = f.window->runDetail()->errors();
        QTRY_VERIFY(errors->count() > 0);
        const ui::Explanation explanation = errors->explanations().first();
        QVERIFY(!explanation.title.isEmpty());
        QCOMPARE(explanation.fieldId, QStringLiteral("message"));
        // "Go to field" lands in the form's Message editor.
        Q_EMIT errors->focusFieldRequested(explanation.fieldId);
        ui::FieldEditor *editor = f.window->formView()->editor(QStringLiteral("message"));
        QVERIFY(editor);
        QTRY_VERIFY(f.window->focusWidget() &&
                    (editor->widget() == f.window->focusWidget() ||
                     editor->widget()->isAncestorOf(f.window->focusWidget())));
    }

    void throttledRun_endsWithTheDelayTheAppAskedFor()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QVERIFY(
            chooseAction(f, QStringLiteral("Sandbox Faults"), QStringLiteral("simulate_outcome")));
        QVERIFY(set(f, QStringLiteral("outcome"), QStringLiteral("throttled"),
                    QStringLiteral("Throttled")));
        QVERIFY(set(f, QStringLiteral("polls"), qint64(0)));
        const qint64 id = run(f);
        QVERIFY(finishes(f, id, Phase::Error));
        const auto record = f.history->load(id);
        QCOMPARE(record->errors.first().code, core::RunErrorCode::Throttled);
        QVERIFY(record->errors.first().delaySeconds.value_or(0) > 0);
        QTRY_VERIFY(f.window->runDetail()->errors()->count() > 0);
    }

    void rateLimitStorm_gaugeShowsTheCooldownAndNothingIsLost()
    {
        sandbox::SandboxOptions options;
        options.rateLimitPerMinute = 6;
        options.rateLimitCooldownSeconds = 1;
        options.rateLimitWindowSeconds = 2;
        api::ApiClientConfig config = test::fastClientConfig(QUrl());
        // Server delays at their real length here, so the cooldown is long enough to be seen.
        config.scheduler.msPerServerSecond = 1000;
        test::WindowFixture f(options, &config);
        QVERIFY(f.start());
        auto *gauge = f.window->findChild<ui::RateLimitGauge *>();
        QVERIFY(gauge);
        bool sawCooldown = false;
        connect(f.client->scheduler(), &api::RequestScheduler::budgetChanged, gauge,
                [gauge, &sawCooldown] {
                    sawCooldown |= gauge->state() == ui::RateLimitGauge::State::CoolingDown ||
                                   gauge->state() == ui::RateLimitGauge::State::Waiting;
                });
        QVERIFY(chooseAction(f, QStringLiteral("Google Sheets"), QStringLiteral("add_row")));
        QVERIFY(set(f, QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026")));
        QVERIFY(set(f, QStringLiteral("worksheet"), QStringLiteral("ws_q1_deals")));
        QVERIFY(set(f, QStringLiteral("COL$A"), QStringLiteral("Storm")));
        const qint64 id = run(f);
        QVERIFY(id > 0);
        QVERIFY2(finishes(f, id, Phase::Success),
                 qPrintable(runs::phaseName(f.history->load(id)->phase)));
        int refused = 0;
        for (const sandbox::SandboxRequest &request : f.sandbox().server().requests())
            refused += request.status == 429 ? 1 : 0;
        QVERIFY2(refused > 0, "the sandbox never refused a request: the storm did not happen");
        QVERIFY2(sawCooldown || gauge->state() != ui::RateLimitGauge::State::Normal,
                 "the gauge never showed the rate limit");
        QCOMPARE(f.history->count(runs::RunFilter{{}, {Phase::Failed}, {}}), 0);
    }

    void megabyteResult_isSearchableInTheRunDetail()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QVERIFY(chooseAction(f, QStringLiteral("Airtable"), QStringLiteral("find_records")));
        QVERIFY(set(f, QStringLiteral("base"), QStringLiteral("app_crm")));
        QVERIFY(set(f, QStringLiteral("table"), QStringLiteral("tbl_contacts")));
        const qint64 id = run(f);
        QVERIFY(finishes(f, id, Phase::Success));
        QVERIFY(f.history->load(id)->resultsJson.size() > 900 * 1024);
        QTRY_COMPARE(f.window->runDetail()->runId(), id);
        ui::RunDetailResults *results = f.window->runDetail()->results();
        results->search(QStringLiteral("Record 3499"));
        QTRY_VERIFY(results->matchCount() > 0);
    }

    void restoreIntoForm_thenRerun()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QVERIFY(
            chooseAction(f, QStringLiteral("Sandbox Faults"), QStringLiteral("simulate_outcome")));
        QVERIFY(set(f, QStringLiteral("outcome"), QStringLiteral("success"),
                    QStringLiteral("Success")));
        QVERIFY(set(f, QStringLiteral("message"), QStringLiteral("first")));
        QVERIFY(set(f, QStringLiteral("polls"), qint64(0)));
        const qint64 first = run(f);
        QVERIFY(finishes(f, first, Phase::Success));

        QVERIFY(set(f, QStringLiteral("message"), QStringLiteral("edited since")));
        QTRY_COMPARE(f.window->runDetail()->runId(), first);
        f.window->runDetail()->restoreAction()->trigger();
        QTRY_COMPARE(session(f)->value(QStringLiteral("message")).toString(),
                     QStringLiteral("first"));

        f.window->runDetail()->rerunAction()->trigger();
        QTRY_COMPARE(f.history->count({}), 2);
        const qint64 second = f.window->historyPane()->currentRun();
        QVERIFY(second != first);
        QVERIFY(finishes(f, second, Phase::Success));
        QCOMPARE(f.history->load(second)->inputs.value(QStringLiteral("message")).toString(),
                 QStringLiteral("first"));
    }

    void closing_remembersTheSelectionAndNoToken()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QVERIFY(chooseAction(f, QStringLiteral("Slack"), QStringLiteral("send_channel_message")));
        f.window->close();
        f.settings->sync();
        QCOMPARE(f.settings->value(QStringLiteral("selection/action")).toString(),
                 QStringLiteral("send_channel_message"));
        QFile file(f.settingsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(test::sandboxToken().toUtf8()));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
