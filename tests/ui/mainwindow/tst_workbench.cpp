#include "form/formsession.h"
#include "mainwindow/workbench.h"
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"
#include "runs/runservice.h"
#include "support/fakebackend.h"
#include "support/manualclock.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ab;
using ab::test::FakeBackend;
using ui::Workbench;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

core::FieldNode input(const QString &id, core::FieldFormat format = core::FieldFormat::Plain)
{
    core::FieldNode node;
    node.id = id;
    node.title = id;
    node.format = format;
    return node;
}

// Webhooks' POST as the workbench sees it: an app that needs no account, whose form has a URL
// and a password field, and whose /inputs replies wait for the test.
struct Bench {
    QTemporaryDir dir;
    FakeBackend backend;
    runs::HistoryStore store{runs::jsonRunCodec()};
    test::ManualClock clock;
    std::unique_ptr<runs::RunService> runs;
    std::unique_ptr<Workbench> workbench;
    core::App app;
    core::Action action;

    bool open()
    {
        if (!dir.isValid() || !store.open(dir.filePath(s("history.sqlite"))))
            return false;
        runs = std::make_unique<runs::RunService>(&backend, &store, &clock);
        workbench = std::make_unique<Workbench>(&backend, runs.get(), &store);
        workbench->setEnvironmentName(s("sandbox"));
        app.id = s("app-hooks");
        app.title = s("Webhooks");
        app.needsAuthentication = false;
        action.id = s("core:1");
        action.key = s("post");
        action.title = s("POST");
        return true;
    }
    form::FormSession *session() const { return workbench->session(); }
    // Answers the oldest /inputs request with the form's fields.
    bool replyFields()
    {
        if (!QTest::qWaitFor([this] { return !backend.pendingInputs.isEmpty(); }))
            return false;
        QSignalSpy changed(session(), &form::FormSession::fieldsChanged);
        backend.pendingInputs.takeFirst().reply(QList<core::FieldNode>{
            input(s("url")), input(s("basic_auth"), core::FieldFormat::Password)});
        return !changed.isEmpty() || changed.wait();
    }
    // Chooses POST of `of` (Webhooks when not given) and answers its /inputs.
    bool choose(const std::optional<core::App> &of = std::nullopt)
    {
        workbench->chooseAction(of.value_or(app), action);
        return replyFields();
    }
    // A finished run of POST of `of` with `inputs`, in the history.
    qint64 pastRun(const QVariantMap &inputs, const std::optional<core::App> &of = std::nullopt)
    {
        runs::RunRecord run;
        run.environment = s("sandbox");
        run.appId = of.value_or(app).id;
        run.actionKey = action.key;
        run.inputs = inputs;
        run.phase = runs::Phase::Success;
        run.createdAt = QDateTime::currentDateTimeUtc();
        return store.insert(run);
    }
    std::optional<runs::FormDraft> draft(const QString &environment = s("sandbox")) const
    {
        return store.formDraft(environment, app.id, action.key);
    }
};

} // namespace

class TestWorkbench final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void draft_isWrittenOnceTheFieldsSayWhichArePasswords()
    {
        Bench b;
        QVERIFY(b.open());
        // A past run with a password, restored while its form is still loading.
        runs::RunRecord run;
        run.environment = s("sandbox");
        run.appId = b.app.id;
        run.actionKey = b.action.key;
        run.inputs = {{s("url"), s("https://example.com/hook")}, {s("basic_auth"), s("admin|pw")}};
        run.secretInputs = {s("basic_auth")};
        run.phase = runs::Phase::Success;
        run.createdAt = QDateTime::currentDateTimeUtc();
        const qint64 id = b.store.insert(run);
        QVERIFY(id > 0);
        b.workbench->chooseAction(b.app, b.action);
        QCOMPARE(b.workbench->restore(id), Workbench::PastRun::Done);
        QCOMPARE(b.session()->values(), run.inputs);
        // No fields yet: which value is a password is unknown, so nothing is written.
        b.workbench->saveDraft();
        QVERIFY(!b.draft());

        QVERIFY(b.replyFields());
        QTRY_VERIFY(b.draft());
        QCOMPARE(b.draft()->inputs, (QVariantMap{{s("url"), s("https://example.com/hook")}}));
        // The form itself keeps the password, for the run.
        QCOMPARE(b.session()->value(s("basic_auth")).toString(), s("admin|pw"));
    }

    void restore_offersBackTheValuesItReplaced()
    {
        Bench b;
        QVERIFY(b.open());
        QSignalSpy replaced(b.workbench.get(), &Workbench::valuesReplaced);
        const QVariantMap fromRun{{s("url"), s("https://example.com/from-run")}};
        const qint64 run = b.pastRun(fromRun);
        QVERIFY(b.choose());
        // An empty form: nothing was replaced.
        QCOMPARE(b.workbench->restore(run), Workbench::PastRun::Done);
        QCOMPARE(b.session()->values(), fromRun);
        QCOMPARE(replaced.size(), 0);
        // The same values again: nothing to give back either.
        QCOMPARE(b.workbench->restore(run), Workbench::PastRun::Done);
        QCOMPARE(replaced.size(), 0);

        b.session()->setValue(s("url"), s("https://example.com/typed"));
        QCOMPARE(b.workbench->restore(run), Workbench::PastRun::Done);
        QCOMPARE(b.session()->values(), fromRun);
        QCOMPARE(replaced.size(), 1);
        QCOMPARE(replaced.at(0).at(0).toMap(),
                 (QVariantMap{{s("url"), s("https://example.com/typed")}}));
    }

    void restoreOfAnotherAction_offersBackThatFormsKeptValues()
    {
        Bench b;
        QVERIFY(b.open());
        core::App other = b.app;
        other.id = s("app-other");
        other.title = s("Other hooks");
        QVERIFY(b.choose());
        b.session()->setValue(s("url"), s("https://example.com/left"));
        QVERIFY(b.choose(other)); // Webhooks' POST keeps its values meanwhile
        QSignalSpy replaced(b.workbench.get(), &Workbench::valuesReplaced);
        const qint64 run = b.pastRun({{s("url"), s("https://example.com/from-run")}});
        QCOMPARE(b.workbench->restore(run), Workbench::PastRun::Done);
        QCOMPARE(replaced.size(), 0); // it waits for its action to be chosen
        QVERIFY(b.choose());
        QCOMPARE(b.session()->value(s("url")).toString(), s("https://example.com/from-run"));
        QCOMPARE(replaced.size(), 1);
        QCOMPARE(replaced.at(0).at(0).toMap(),
                 (QVariantMap{{s("url"), s("https://example.com/left")}}));
    }

    void clear_savesTheFormUnderTheServerLeft()
    {
        Bench b;
        QVERIFY(b.open());
        QVERIFY(b.choose());
        b.session()->setValue(s("url"), s("https://example.com/typed"));
        // The server is switched before the pause that would have written it.
        b.workbench->clear();
        b.workbench->setEnvironmentName(s("https://api.zapier.com"));
        QVERIFY(b.draft());
        QCOMPARE(b.draft()->inputs.value(s("url")).toString(), s("https://example.com/typed"));
        QVERIFY(!b.draft(s("https://api.zapier.com")));

        // The same action on the other server starts empty.
        QVERIFY(b.choose());
        QVERIFY(b.session()->values().isEmpty());
    }

    void anotherAppsActionOfTheSameKey_startsEmptyAndGivesBackTheFirst()
    {
        Bench b;
        QVERIFY(b.open());
        QVERIFY(b.choose());
        b.session()->setValue(s("url"), s("https://example.com/first"));
        core::App other = b.app;
        other.id = s("app-other-hooks");
        QVERIFY(b.choose(other)); // "post" too
        QVERIFY(b.session()->values().isEmpty());
        QVERIFY(b.choose());
        QCOMPARE(b.session()->value(s("url")).toString(), s("https://example.com/first"));
    }
};

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
