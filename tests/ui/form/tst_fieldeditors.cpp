#include "form/collectioneditors.h"
#include "form/datetimeeditor.h"
#include "form/formmessages.h"
#include "form/formvaluetext.h"
#include "form/selecteditor.h"
#include "form/texteditors.h"
#include "formtestsupport.h"

#include <QApplication>
#include <QCalendarWidget>
#include <QComboBox>
#include <QCompleter>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTimeEdit>
#include <QToolButton>
#include <QVBoxLayout>

using namespace ab;
using namespace ab::ui;
using namespace ab::test::formui;
using ab::test::PseudoTranslator;
using ab::test::UntranslatedText;

Q_DECLARE_METATYPE(ab::ui::EditorKind)

namespace {

core::ChoicePage page(int number, int count, bool hasNext)
{
    core::ChoicePage result;
    result.page = number;
    result.hasNext = hasNext;
    for (int i = 1; i <= count; ++i) {
        const int n = (number - 1) * count + i;
        result.choices.append(core::Choice{QStringLiteral("C%1").arg(n),
                                           QStringLiteral("Channel %1").arg(n), QString()});
    }
    return result;
}

} // namespace

class TestFieldEditors final : public QObject {
    Q_OBJECT

private:
    QWidget m_host;

    template <typename T> T *make(const core::FieldNode &node)
    {
        FieldEditorFactory factory;
        FieldEditor *editor = factory.create(node, &m_host);
        return qobject_cast<T *>(editor);
    }

private Q_SLOTS:
    void init()
    {
        qDeleteAll(m_host.findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    }

    void kindOf_formatFirstThenValueType_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("valueType");
        QTest::addColumn<EditorKind>("kind");
        QTest::newRow("plain string") << QString() << s("STRING") << EditorKind::Text;
        QTest::newRow("number") << QString() << s("NUMBER") << EditorKind::Number;
        QTest::newRow("integer") << QString() << s("INTEGER") << EditorKind::Integer;
        QTest::newRow("boolean") << QString() << s("BOOLEAN") << EditorKind::Boolean;
        QTest::newRow("array") << QString() << s("ARRAY") << EditorKind::Array;
        QTest::newRow("object") << QString() << s("OBJECT") << EditorKind::Object;
        QTest::newRow("unknown type") << QString() << s("DECIMAL128") << EditorKind::Unknown;
        QTest::newRow("select") << s("SELECT") << s("INTEGER") << EditorKind::Select;
        QTest::newRow("multiline") << s("MULTILINE") << s("STRING") << EditorKind::Multiline;
        QTest::newRow("multiline array") << s("MULTILINE") << s("ARRAY") << EditorKind::Multiline;
        QTest::newRow("code") << s("CODE") << s("STRING") << EditorKind::Code;
        QTest::newRow("password") << s("PASSWORD") << s("STRING") << EditorKind::Password;
        QTest::newRow("datetime") << s("DATETIME") << s("STRING") << EditorKind::DateTime;
        QTest::newRow("file") << s("FILE") << s("STRING") << EditorKind::File;
        QTest::newRow("readonly") << s("READONLY") << s("STRING") << EditorKind::Readonly;
        QTest::newRow("unknown format") << s("COLOR") << s("STRING") << EditorKind::Unknown;
    }
    void kindOf_formatFirstThenValueType()
    {
        QFETCH(QString, format);
        QFETCH(QString, valueType);
        QFETCH(EditorKind, kind);
        QCOMPARE(FieldEditorFactory::kindOf(field(s("f"), s("F"), format, valueType)), kind);
    }

    void factory_replacesOneKind()
    {
        FieldEditorFactory factory;
        int made = 0;
        factory.setCreator(EditorKind::Text, [&made](const core::FieldNode &node, QWidget *parent) {
            ++made;
            return new LineEditor(node, EditorKind::Unknown, parent);
        });
        FieldEditor *editor = factory.create(field(s("a"), s("A")), &m_host);
        QCOMPARE(made, 1);
        QCOMPARE(editor->kind(), EditorKind::Unknown);
        QCOMPARE(factory.create(field(s("n"), s("N"), {}, s("NUMBER")), &m_host)->kind(),
                 EditorKind::Number);
    }

    void row_showsTitleRequiredMarkerHelpAndPlaceholder()
    {
        core::FieldNode node = field(s("subject"), s("Subject"));
        node.isRequired = true;
        node.description = s("The *subject* line, see [docs](https://example.com).");
        node.placeholder = s("Hello");
        node.defaultValue = s("Hi");
        auto *editor = make<LineEditor>(node);
        QVERIFY(editor);
        QCOMPARE(editor->control()->accessibleName(), s("Subject, required"));
        QVERIFY(editor->control()->accessibleDescription().contains(s("subject line")));
        QCOMPARE(editor->lineEdit()->placeholderText(), s("Hello (default: Hi)"));
        const QList<QLabel *> labels = editor->widget()->findChildren<QLabel *>();
        bool title = false, help = false;
        for (const QLabel *label : labels) {
            title = title || label->text() == s("Subject *");
            if (label->textFormat() == Qt::MarkdownText) {
                help = true;
                QVERIFY(label->openExternalLinks());
                QVERIFY(label->textInteractionFlags() & Qt::LinksAccessibleByKeyboard);
            }
        }
        QVERIFY(title);
        QVERIFY(help);

        core::FieldNode plain = field(s("greeting"), s("Greeting"));
        plain.defaultValue = s("Hi there");
        QCOMPARE(make<LineEditor>(plain)->lineEdit()->placeholderText(), s("Default: Hi there"));
    }

    void errorsGateAndNotes_areInlineAndAccessible()
    {
        auto *editor = make<LineEditor>(field(s("a"), s("A")));
        editor->setError(FormMessages::validation(form::ValidationIssue::Code::Required));
        QCOMPARE(editor->error(), s("This field is required"));
        QVERIFY(editor->control()->accessibleDescription().contains(s("This field is required")));
        editor->setGated(true, FormMessages::gated({s("Spreadsheet")}));
        QVERIFY(!editor->control()->isEnabled());
        QCOMPARE(editor->gateReason(), s("Choose Spreadsheet first"));
        editor->setGated(false);
        QVERIFY(editor->control()->isEnabled());
        QVERIFY(editor->gateReason().isEmpty());
        editor->setError({});
        QVERIFY(!editor->control()->accessibleDescription().contains(s("required")));
        QCOMPARE(FormMessages::gated({s("Spreadsheet"), s("Worksheet")}),
                 s("Choose Spreadsheet and Worksheet first"));
    }

    void messages_everyValidationCodeHasItsOwnText()
    {
        using Code = form::ValidationIssue::Code;
        QSet<QString> texts;
        for (Code code : {Code::Required, Code::NotANumber, Code::NotAnInteger, Code::NotABoolean,
                          Code::NotAList, Code::NotAnObject})
            texts.insert(FormMessages::validation(code));
        QCOMPARE(texts.size(), 6);
        QCOMPARE(FormMessages::validation(Code::NotANumber), s("Enter a number, like 12.5"));
        QCOMPARE(FormMessages::formChanged({}, {s("Column A"), s("Column B")}),
                 s("Removed: Column A, Column B"));
        QCOMPARE(FormMessages::formChanged({s("A"), s("B"), s("C")}, {}, 2),
                 s("Added: A, B and 1 more"));
    }

    void number_usesCLocaleAndRejectsLetters()
    {
        auto *editor = make<LineEditor>(field(s("n"), s("N"), {}, s("NUMBER")));
        QSignalSpy edited(editor, &FieldEditor::edited);
        QTest::keyClicks(editor->lineEdit(), s("12,5x.5"));
        QCOMPARE(editor->value().toString(), s("125.5")); // ',' and 'x' refused
        QVERIFY(edited.size() >= 3);
        auto *integer = make<LineEditor>(field(s("i"), s("I"), {}, s("INTEGER")));
        QTest::keyClicks(integer->lineEdit(), s("-4.2e1"));
        QCOMPARE(integer->value().toString(), s("-421"));
        integer->setValue(QVariant::fromValue<qint64>(9007199254740993LL));
        QCOMPARE(integer->lineEdit()->text(), s("9007199254740993"));
    }

    void unknownFormatsAndTypes_areTextWithANote()
    {
        auto *format = make<LineEditor>(field(s("c"), s("Colour"), s("COLOR")));
        QVERIFY(format);
        QCOMPARE(format->note(), s("Unknown format \u201cCOLOR\u201d: edited as text"));
        auto *type = make<LineEditor>(field(s("p"), s("Price"), {}, s("DECIMAL128")));
        QCOMPARE(type->note(), s("Unknown value type \u201cDECIMAL128\u201d: edited as text"));
    }

    void multilineAndCode_growAndIndent()
    {
        auto *multiline = make<TextBlockEditor>(field(s("b"), s("Body"), s("MULTILINE")));
        QVERIFY(multiline->textEdit()->tabChangesFocus());
        const int before = multiline->textEdit()->sizeHint().height();
        multiline->setValue(s("1\n2\n3\n4\n5\n6"));
        QVERIFY(multiline->textEdit()->sizeHint().height() > before);
        multiline->setValue(QString(s("x\n")).repeated(40));
        const int capped = multiline->textEdit()->sizeHint().height();
        multiline->setValue(QString(s("x\n")).repeated(80));
        QCOMPARE(multiline->textEdit()->sizeHint().height(), capped);

        auto *code = make<TextBlockEditor>(field(s("s"), s("Script"), s("CODE")));
        QCOMPARE(code->textEdit()->font().family(),
                 QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
        QTest::keyClick(code->textEdit(), Qt::Key_Tab);
        QTest::keyClicks(code->textEdit(), s("x"));
        QCOMPARE(code->value().toString(), s("    x"));
        QCOMPARE(code->textEdit()->lineWrapMode(), QPlainTextEdit::NoWrap);
    }

    void password_isMaskedWithAToggle()
    {
        auto *editor = make<PasswordEditor>(field(s("p"), s("Secret"), s("PASSWORD")));
        QCOMPARE(editor->lineEdit()->echoMode(), QLineEdit::Password);
        QCOMPARE(editor->revealButton()->accessibleName(), s("Show the password"));
        editor->revealButton()->click();
        QCOMPARE(editor->lineEdit()->echoMode(), QLineEdit::Normal);
        QCOMPARE(editor->revealButton()->accessibleName(), s("Hide the password"));
        QCOMPARE(editor->control()->accessibleName(), s("Secret"));
    }

    void boolean_hasThreeStates()
    {
        core::FieldNode node = field(s("b"), s("Notify"), {}, s("BOOLEAN"));
        node.defaultValue = s("true");
        auto *editor = make<BooleanEditor>(node);
        QCOMPARE(editor->comboBox()->count(), 3);
        QCOMPARE(editor->comboBox()->itemText(0), s("Not set (default: Yes)"));
        QVERIFY(!editor->value().isValid());
        editor->setValue(false);
        QCOMPARE(editor->value(), QVariant(false));
        editor->setValue(true);
        QCOMPARE(editor->value(), QVariant(true));
        editor->setValue(QVariant());
        QVERIFY(!editor->value().isValid());
    }

    void array_addsAndRemovesRows()
    {
        auto *editor = make<RowListEditor>(field(s("t"), s("Tags"), {}, s("ARRAY")));
        QCOMPARE(editor->rowCount(), 1);
        QCOMPARE(editor->valueEdit(0)->accessibleName(), s("Tags"));
        QTest::keyClicks(editor->valueEdit(0), s("red"));
        QTest::keyClick(editor->valueEdit(0), Qt::Key_Return); // Enter opens the next item
        QCOMPARE(editor->rowCount(), 2);
        QTest::keyClicks(editor->valueEdit(1), s("green"));
        editor->addButton()->click();
        QTest::keyClicks(editor->valueEdit(2), s("blue"));
        QCOMPARE(editor->value().toList(), (QVariantList{s("red"), s("green"), s("blue")}));
        QCOMPARE(editor->removeButton(1)->accessibleName(), s("Remove item 2"));
        QSignalSpy finished(editor, &FieldEditor::editingFinished);
        editor->removeButton(0)->click();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(editor->value().toList(), (QVariantList{s("green"), s("blue")}));
        QCOMPARE(editor->valueEdit(1)->accessibleName(), s("Tags, item 2"));
        editor->setValue(QVariantList{s("a")});
        QCOMPARE(editor->rowCount(), 1);
        QCOMPARE(editor->value().toList(), QVariantList{s("a")});
    }

    void object_keysAndValues()
    {
        auto *editor = make<RowListEditor>(field(s("m"), s("Meta"), {}, s("OBJECT")));
        QTest::keyClicks(editor->keyEdit(0), s("team"));
        QTest::keyClicks(editor->valueEdit(0), s("blue team"));
        editor->addRow();
        QTest::keyClicks(editor->valueEdit(1), s("orphan"));
        QCOMPARE(editor->value().toString(), s("=orphan")); // a value without key: invalid
        QTest::keyClicks(editor->keyEdit(1), s("x"));
        QCOMPARE(editor->value().toMap(),
                 (QVariantMap{{s("team"), s("blue team")}, {s("x"), s("orphan")}}));
        QCOMPARE(editor->keyEdit(1)->accessibleName(), s("Meta, key 2"));
        editor->setValue(QVariantMap{{s("k"), 1.5}});
        QCOMPARE(editor->rowCount(), 1);
        QCOMPARE(editor->valueEdit(0)->text(), s("1.5"));
    }

    void dateTime_freeTextAndPicker()
    {
        auto *editor = make<DateTimeEditor>(field(s("w"), s("When"), s("DATETIME")));
        QTest::keyClicks(editor->lineEdit(), s("tomorrow 9am"));
        QCOMPARE(editor->value().toString(), s("tomorrow 9am"));
        editor->setValue(s("2026-03-31T09:30:00Z"));
        QSignalSpy finished(editor, &FieldEditor::editingFinished);
        editor->openPicker();
        QFrame *popup = editor->pickerPopup();
        QVERIFY(popup && popup->isVisible());
        auto *calendar = popup->findChild<QCalendarWidget *>();
        QCOMPARE(
            calendar->selectedDate(),
            QDateTime::fromString(s("2026-03-31T09:30:00Z"), Qt::ISODate).toLocalTime().date());
        calendar->setSelectedDate(QDate(2026, 4, 2));
        popup->findChild<QTimeEdit *>()->setTime(QTime(14, 15));
        popup->findChild<QPushButton *>()->click();
        QVERIFY(!popup->isVisible());
        QCOMPARE(finished.size(), 1);
        const QString text = editor->value().toString();
        QVERIFY2(text.startsWith(s("2026-04-02T14:15:00")), qPrintable(text));
        QCOMPARE(QDateTime::fromString(text, Qt::ISODate),
                 QDateTime(QDate(2026, 4, 2), QTime(14, 15)));
        QCOMPARE(editor->pickButton()->accessibleName(), s("Pick a date and time"));
    }

    void fileAndReadonly()
    {
        auto *file = make<FileEditor>(field(s("f"), s("Attachment"), s("FILE")));
        QCOMPARE(file->browseButton()->text(), s("Browse\u2026"));
        QTest::keyClicks(file->lineEdit(), s("/tmp/report.pdf"));
        QCOMPARE(file->value().toString(), s("/tmp/report.pdf"));

        core::FieldNode node = field(s("r"), s("Fixed"), s("READONLY"));
        node.defaultValue = s("always this");
        auto *readonly = make<ReadonlyEditor>(node);
        auto *label = qobject_cast<QLabel *>(readonly->control());
        QVERIFY(label);
        QCOMPARE(label->text(), s("always this"));
        QVERIFY(label->textInteractionFlags() & Qt::TextSelectableByKeyboard);
        readonly->setValue(s("server said"));
        QCOMPARE(label->text(), s("server said"));
    }

    void select_pagesChoicesAndKeepsTheLabel()
    {
        auto *editor = make<SelectEditor>(field(s("c"), s("Channel"), s("SELECT")));
        QSignalSpy requested(editor, &SelectEditor::choicesRequested);
        editor->loadFirstPage();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.last().at(0).toInt(), 1);
        QVERIFY(editor->isLoading());
        QCOMPARE(editor->statusText(), s("Loading choices\u2026"));
        editor->loadFirstPage(); // already loading: no second request
        QCOMPARE(requested.size(), 1);

        editor->addPage(page(1, 3, true));
        QVERIFY(!editor->isLoading());
        QCOMPARE(editor->choices().size(), 3);
        QCOMPARE(editor->loadMoreRow(), 3);
        QSignalSpy finished(editor, &FieldEditor::editingFinished);
        Q_EMIT editor->comboBox()->activated(editor->loadMoreRow()); // "Load more…" picked
        QCOMPARE(requested.size(), 2);
        QCOMPARE(requested.last().at(0).toInt(), 2);
        QCOMPARE(finished.size(), 0); // not a value
        editor->addPage(page(2, 3, false));
        QCOMPARE(editor->choices().size(), 6);
        QCOMPARE(editor->loadMoreRow(), -1);

        Q_EMIT editor->comboBox()->activated(4);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(editor->value().toString(), s("C5"));
        QCOMPARE(editor->label(), s("Channel 5"));
        QCOMPARE(editor->comboBox()->lineEdit()->text(), s("Channel 5"));
        QVERIFY(!editor->isCustomValue());
    }

    void select_enterAcceptsChoiceByLabelOrCustomValue()
    {
        auto *editor = make<SelectEditor>(field(s("c"), s("Channel"), s("SELECT")));
        editor->loadFirstPage();
        editor->addPage(page(1, 3, false));
        QLineEdit *edit = editor->comboBox()->lineEdit();
        edit->clear();
        QTest::keyClicks(edit, s("channel 2"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(editor->value().toString(), s("C2"));
        QCOMPARE(edit->text(), s("Channel 2"));

        edit->selectAll();
        QTest::keyClicks(edit, s("#random"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(editor->value().toString(), s("#random"));
        QVERIFY(editor->isCustomValue());
        QVERIFY(editor->label().isEmpty());
        QVERIFY(editor->note().contains(s("Custom value")));
        QVERIFY(editor->control()->accessibleDescription().contains(s("Custom value")));
    }

    void select_valueBeforeItsPageShowsTheSavedLabel()
    {
        auto *editor = make<SelectEditor>(field(s("c"), s("Channel"), s("SELECT")));
        editor->setValue(s("C2"), s("Channel 2 (saved)"));
        QCOMPARE(editor->comboBox()->lineEdit()->text(), s("Channel 2 (saved)"));
        editor->setValue(s("C9"));
        QCOMPARE(editor->comboBox()->lineEdit()->text(), s("C9"));
        editor->loadFirstPage();
        editor->addPage(page(1, 3, true));
        editor->addPage(page(1, 3, true)); // the same page again adds nothing
        QCOMPARE(editor->choices().size(), 3);
        editor->setValue(s("C3"));
        QCOMPARE(editor->comboBox()->lineEdit()->text(), s("Channel 3"));
        QCOMPARE(editor->comboBox()->currentIndex(), 2);
    }

    void select_failureShowsRetry()
    {
        auto *editor = make<SelectEditor>(field(s("c"), s("Channel"), s("SELECT")));
        QSignalSpy requested(editor, &SelectEditor::choicesRequested);
        editor->loadFirstPage();
        const core::ApiError error = test::FakeBackend::error(core::ErrorKind::Network);
        editor->setChoicesFailed(1, error);
        QCOMPARE(editor->statusText(), FormMessages::choicesFailed(error));
        QVERIFY(editor->statusText().startsWith(s("Could not load the choices.")));
        QVERIFY(editor->retryButton() && editor->retryButton()->isVisibleTo(editor->widget()));
        editor->loadFirstPage(); // focus again does not hammer a failing server
        QCOMPARE(requested.size(), 1);
        editor->retryButton()->click();
        QCOMPARE(requested.size(), 2);
        editor->addPage(page(1, 2, false));
        QVERIFY(editor->statusText().isEmpty());
    }

    void select_typingFiltersLoadedChoices()
    {
        auto *editor = make<SelectEditor>(field(s("c"), s("Channel"), s("SELECT")));
        editor->loadFirstPage();
        editor->addPage(page(1, 12, true));
        QCompleter *completer = editor->completer();
        QCOMPARE(completer->filterMode(), Qt::MatchContains);
        completer->setCompletionPrefix(s("nel 1"));
        // Channel 1, 10, 11, 12; never "Load more…".
        QCOMPARE(completer->completionCount(), 4);
    }

    void select_typingBeforeAnyFocusStillFilters()
    {
        // The completer is made on first use; the first keystroke already filters.
        auto *editor = make<SelectEditor>(field(s("c"), s("Channel"), s("SELECT")));
        editor->loadFirstPage();
        editor->addPage(page(1, 12, true));
        QTest::keyClicks(editor->comboBox()->lineEdit(), s("nel 1"));
        QCompleter *completer = editor->completer();
        QCOMPARE(editor->comboBox()->lineEdit()->completer(), completer);
        QCOMPARE(completer->completionPrefix(), s("nel 1"));
        QCOMPARE(completer->completionCount(), 4);
    }

    void retranslate_everyKindOfEditorFollowsTheLanguage()
    {
        // Shown, so the scan sees what a user sees; every editor in a state with words in it.
        QWidget host;
        auto *layout = new QVBoxLayout(&host);
        FieldEditorFactory factory;
        QList<core::FieldNode> nodes;
        const auto add = [&](const core::FieldNode &node) {
            nodes.append(node);
            FieldEditor *editor = factory.create(node, &host);
            layout->addWidget(editor->widget());
            return editor;
        };
        core::FieldNode subject = field(s("subject"), s("Subject"));
        subject.isRequired = true;
        subject.description = s("The *subject* line, see [docs](https://example.com).");
        subject.placeholder = s("Hello");
        subject.defaultValue = s("Hi");
        auto *text = qobject_cast<LineEditor *>(add(subject));
        add(field(s("colour"), s("Colour"), s("COLOR")));
        add(field(s("script"), s("Script"), s("CODE")));
        auto *secret =
            qobject_cast<PasswordEditor *>(add(field(s("secret"), s("Secret"), s("PASSWORD"))));
        core::FieldNode notify = field(s("notify"), s("Notify"), {}, s("BOOLEAN"));
        notify.defaultValue = s("true");
        FieldEditor *flag = add(notify);
        auto *tags =
            qobject_cast<RowListEditor *>(add(field(s("tags"), s("Tags"), {}, s("ARRAY"))));
        auto *meta =
            qobject_cast<RowListEditor *>(add(field(s("meta"), s("Meta"), {}, s("OBJECT"))));
        auto *when =
            qobject_cast<DateTimeEditor *>(add(field(s("when"), s("When"), s("DATETIME"))));
        add(field(s("attachment"), s("Attachment"), s("FILE")));
        add(field(s("fixed"), s("Fixed"), s("READONLY")));
        auto *failing = qobject_cast<SelectEditor *>(add(field(s("list"), s("List"), s("SELECT"))));
        auto *paged =
            qobject_cast<SelectEditor *>(add(field(s("channel"), s("Channel"), s("SELECT"))));
        host.show();

        QTest::keyClicks(text->lineEdit(), s("typed"));
        secret->revealButton()->click();
        flag->setValue(false);
        tags->setValue(QVariantList{s("red"), s("green")});
        meta->setValue(QVariantMap{{s("team"), s("blue")}});
        when->setValue(s("tomorrow 9am"));
        failing->loadFirstPage();
        failing->setChoicesFailed(1, test::FakeBackend::error(core::ErrorKind::Network));
        failing->acceptText(s("#general"));
        paged->loadFirstPage();
        paged->addPage(page(1, 3, true));
        paged->setValue(s("C2"));
        when->openPicker();
        QVERIFY(when->pickerPopup()->isVisible());

        PseudoLanguage pseudo;
        // The open picker follows (its calendar's month names are Qt's and the locale's).
        QFrame *popup = when->pickerPopup();
        QVERIFY(popup->isVisible());
        QCOMPARE(popup->accessibleName(), s("⟦Date and time picker⟧"));
        QCOMPARE(popup->findChild<QPushButton *>()->text(), s("⟦Use⟧"));
        bool timeLabel = false;
        for (const QLabel *label : popup->findChildren<QLabel *>()) {
            if (label->buddy() == popup->findChild<QTimeEdit *>())
                timeLabel = label->text() == s("⟦&Time:⟧");
        }
        QVERIFY(timeLabel);
        popup->close();

        QStringList data = dataOf(nodes);
        data << s("Channel 1") << s("Channel 2") << s("Channel 3");
        for (int month = 1; month <= 12; ++month) // the calendar's month menu: the locale's
            data << QLocale().monthName(month, QLocale::LongFormat);
        const QStringList found = UntranslatedText(stripping(data)).scan(&host);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
        QCOMPARE(text->control()->accessibleName(), s("⟦%1, required⟧").arg(s("Subject")));
        QCOMPARE(text->lineEdit()->placeholderText(),
                 s("⟦%1 (default: %2)⟧").arg(s("Hello"), s("Hi")));
        QCOMPARE(secret->revealButton()->text(), s("⟦Hide⟧"));
        QCOMPARE(failing->note(), s("⟦Custom value: sent as typed, not one of the choices⟧"));
        QVERIFY(failing->statusText().startsWith(s("⟦⟦Could not load the choices.⟧")));
        QVERIFY(failing->retryButton()->isVisibleTo(&host));
        QCOMPARE(paged->comboBox()->itemText(paged->loadMoreRow()), s("⟦Load more\u2026⟧"));

        // The values are untouched.
        QCOMPARE(text->value(), QVariant(s("typed")));
        QCOMPARE(secret->lineEdit()->echoMode(), QLineEdit::Normal);
        QCOMPARE(flag->value(), QVariant(false));
        QCOMPARE(tags->value().toList(), (QVariantList{s("red"), s("green")}));
        QCOMPARE(meta->value().toMap(), (QVariantMap{{s("team"), s("blue")}}));
        QCOMPARE(when->value(), QVariant(s("tomorrow 9am")));
        QCOMPARE(failing->value(), QVariant(s("#general")));
        QVERIFY(failing->isCustomValue());
        QCOMPARE(paged->value(), QVariant(s("C2")));
        QCOMPARE(paged->comboBox()->lineEdit()->text(), s("Channel 2"));
        QCOMPARE(paged->loadedPages(), 1);
    }

    void valueText_roundTrips()
    {
        QCOMPARE(valueToText(12.5), s("12.5"));
        QCOMPARE(valueToText(QVariant::fromValue<qint64>(42)), s("42"));
        QCOMPARE(valueToText(QVariantList{s("a"), s("b")}), s("a, b"));
        QCOMPARE(valueToText(QVariantList{s("a"), s("b")}, true), s("a\nb"));
        QCOMPARE(valueToText(QVariantMap{{s("k"), s("v")}}), s("k=v"));
        QVERIFY(sameFormValue(QVariant(), QString()));
        QVERIFY(!sameFormValue(QVariant::fromValue<qint64>(1), 1.0));
    }
};

QTEST_MAIN(TestFieldEditors)
#include "tst_fieldeditors.moc"
