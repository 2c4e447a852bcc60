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
