#include "historytestdata.h"

#include "panes/rundetailinputs.h"
#include "support/pseudotranslator.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

using namespace ab;
using ui::RunDetailInputs;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// A Slack run filled from a form that lists the message before the channel, with a list input
// the form did not know and a password field.
runs::RunRecord slackRun()
{
    runs::RunRecord run = test::sampleRun(1);
    run.fieldsJson = R"([{"type":"input_field","id":"message","title":"Message Text"},)"
                     R"({"type":"fieldset","id":"more","title":"More","fields":[)"
                     R"({"type":"input_field","id":"channel","title":"Channel","format":"SELECT"},)"
                     R"({"type":"input_field","id":"api_key","title":"API Key",)"
                     R"("format":"PASSWORD"}]}])";
    run.inputs.insert(s("api_key"), s("sk-live-123"));
    run.inputs.insert(s("attachments"), QVariantList{1, s("two")});
    run.secretInputs = {s("api_key")};
    return run;
}

QStringList column(const RunDetailInputs &inputs, int column)
{
    QStringList texts;
    for (int row = 0; row < inputs.topLevelItemCount(); ++row)
        texts.append(inputs.topLevelItem(row)->text(column));
    return texts;
}

// The Slack run's inputs, shown and focused as a user would have them before pressing a key.
bool showSlackRun(RunDetailInputs &inputs)
{
    inputs.setRun(slackRun());
    inputs.show();
    inputs.setFocus();
    return QTest::qWaitForWindowExposed(&inputs);
}

int rowOf(const RunDetailInputs &inputs, const QString &fieldId)
{
    for (int row = 0; row < inputs.topLevelItemCount(); ++row) {
        if (inputs.fieldIdAt(row) == fieldId)
            return row;
    }
    return -1;
}

} // namespace

class TestRunDetailInputs final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rows_followTheFormThenTheOtherInputs()
    {
        RunDetailInputs inputs;
        inputs.setRun(slackRun());
        QCOMPARE(column(inputs, 0),
                 (QStringList{s("Message Text"), s("Channel"), s("API Key"), s("attachments")}));
        QCOMPARE(column(inputs, 1), (QStringList{s("Hello 1"), s("#general (C1)"),
                                                 QString(8, QChar(0x2022)), s("[1,\"two\"]")}));
        QCOMPARE(inputs.topLevelItem(1)->toolTip(0), s("channel"));
        QCOMPARE(inputs.topLevelItem(1)->toolTip(1), s("C1")); // what was sent
        QVERIFY(inputs.topLevelItem(2)->toolTip(1).startsWith(s("A password field")));
        QVERIFY(!inputs.topLevelItem(2)->toolTip(1).contains(s("sk-live")));
    }

    void noInputs_saysSoAndCopiesNothing()
    {
        RunDetailInputs inputs;
        runs::RunRecord run = test::sampleRun(2);
        run.inputs.clear();
        inputs.setRun(run);
        QCOMPARE(column(inputs, 0), QStringList{s("No inputs")});
        QCOMPARE(inputs.topLevelItem(0)->flags(), Qt::NoItemFlags);
        QSignalSpy copied(&inputs, &RunDetailInputs::copied);
        inputs.setCurrentItem(inputs.topLevelItem(0));
        inputs.copyValue();
        inputs.copyFieldId();
        QCOMPARE(copied.size(), 0);
    }

    void keyboard_copiesTheValueAsSentAndTheFieldId()
    {
        RunDetailInputs inputs;
        QVERIFY(showSlackRun(inputs));
        QSignalSpy copied(&inputs, &RunDetailInputs::copied);

        inputs.setCurrentItem(inputs.topLevelItem(rowOf(inputs, s("channel"))));
        QTest::keySequence(&inputs, QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), s("C1")); // the id, not "#general"
        QCOMPARE(copied.size(), 1);
        QCOMPARE(copied.last().at(0).value<RunDetailInputs::Copied>(),
                 RunDetailInputs::Copied::Value);
        QCOMPARE(RunDetailInputs::copiedText(RunDetailInputs::Copied::Value,
                                             copied.last().at(1).toString()),
                 s("Copied the value of Channel"));

        inputs.setCurrentItem(inputs.topLevelItem(rowOf(inputs, s("attachments"))));
        QTest::keySequence(&inputs, QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), s("[1,\"two\"]"));

        inputs.setCurrentItem(inputs.topLevelItem(rowOf(inputs, s("message"))));
        QTest::keyClick(&inputs, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), s("message"));
        QCOMPARE(copied.last().at(0).value<RunDetailInputs::Copied>(),
                 RunDetailInputs::Copied::FieldId);
        QCOMPARE(copied.last().at(1).toString(), s("message"));
    }

    void passwordField_valueNeverReachesTheClipboard()
    {
        RunDetailInputs inputs;
        QVERIFY(showSlackRun(inputs));
        QGuiApplication::clipboard()->setText(s("before"));
        QSignalSpy copied(&inputs, &RunDetailInputs::copied);
        const int row = rowOf(inputs, s("api_key"));
        QCOMPARE(inputs.valueTextAt(row), QString());
        inputs.setCurrentItem(inputs.topLevelItem(row));
        QTest::keySequence(&inputs, QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), s("before"));
        QCOMPARE(copied.size(), 1);
        QCOMPARE(copied.last().at(0).value<RunDetailInputs::Copied>(),
                 RunDetailInputs::Copied::SecretNotCopied);
        QCOMPARE(RunDetailInputs::copiedText(RunDetailInputs::Copied::SecretNotCopied,
                                             copied.last().at(1).toString()),
                 s("API Key is a password field: its value is not copied."));
        // Its id is no secret.
        inputs.copyFieldId();
        QCOMPARE(QGuiApplication::clipboard()->text(), s("api_key"));
    }

    void contextMenu_offersBothCopiesAndGreysOutAPassword()
    {
        RunDetailInputs inputs;
        QVERIFY(showSlackRun(inputs));
        auto menuAt = [&inputs](int row) {
            const QPoint pos = inputs.visualItemRect(inputs.topLevelItem(row)).center();
            QContextMenuEvent event(QContextMenuEvent::Mouse, pos,
                                    inputs.viewport()->mapToGlobal(pos));
            QCoreApplication::sendEvent(inputs.viewport(), &event);
            return inputs.findChild<QMenu *>();
        };
        QMenu *menu = menuAt(rowOf(inputs, s("message")));
        QVERIFY(menu);
        QCOMPARE(inputs.currentItem(), inputs.topLevelItem(rowOf(inputs, s("message"))));
        const QList<QAction *> actions = menu->actions();
        QCOMPARE(actions.size(), 2);
        QCOMPARE(actions.at(0)->text(), s("Copy &value"));
        QCOMPARE(actions.at(0)->shortcut(), QKeySequence(QKeySequence::Copy));
        QVERIFY(actions.at(0)->isEnabled());
        actions.at(0)->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), s("Hello 1"));
        menu->close();
        QTRY_VERIFY(!inputs.findChild<QMenu *>());

        menu = menuAt(rowOf(inputs, s("api_key")));
        QVERIFY(menu);
        QVERIFY(!menu->actions().at(0)->isEnabled());
        QVERIFY(menu->actions().at(1)->isEnabled());
        menu->close();
    }

    void liveRefresh_keepsTheCurrentRow()
    {
        RunDetailInputs inputs;
        runs::RunRecord run = slackRun();
        inputs.setRun(run);
        QTreeWidgetItem *channel = inputs.topLevelItem(rowOf(inputs, s("channel")));
        inputs.setCurrentItem(channel);
        run.inputs.insert(s("message"), s("Hello again"));
        inputs.setRun(run);
        QCOMPARE(inputs.currentItem(), channel);
        QCOMPARE(inputs.topLevelItem(0)->text(1), s("Hello again"));
        // A run with fewer inputs drops the rows it does not need.
        run.inputs.remove(s("attachments"));
        inputs.setRun(run);
        QCOMPARE(inputs.topLevelItemCount(), 3);
    }

    void languageChange_rewordsHeadersAndTheEmptyRow()
    {
        RunDetailInputs inputs;
        runs::RunRecord run = test::sampleRun(3);
        run.inputs.clear();
        inputs.setRun(run);
        inputs.show();
        const test::PseudoLanguage pseudo;
        QVERIFY(pseudo.isInstalled());
        QTRY_COMPARE(inputs.headerItem()->text(0), s("\u27e6Field\u27e7"));
        QCOMPARE(inputs.headerItem()->text(1), s("\u27e6Value\u27e7"));
        QCOMPARE(inputs.accessibleName(), s("\u27e6Inputs\u27e7"));
        QCOMPARE(inputs.topLevelItem(0)->text(0), s("\u27e6No inputs\u27e7"));
    }
};

QTEST_MAIN(TestRunDetailInputs)
#include "tst_rundetailinputs.moc"
