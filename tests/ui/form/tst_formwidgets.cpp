// The form's layout widgets: WrapLabel's size hints and cached heights (the panes' wrapped
// notes use it too), and the containers (FormContent, FieldsetBox, a field's row) whose size
// hints do not lay their labels out at the hint's width.
#include "form/fieldeditor.h"
#include "form/formcontainers.h"
#include "widgets/wraplabel.h"

#include <QFontMetrics>
#include <QTest>
#include <QVBoxLayout>

using namespace ab::ui;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// A word-wrapped label that notes every width it is asked for a height at.
class CountingLabel final : public QLabel {
public:
    explicit CountingLabel(const QString &text)
        : QLabel(text)
    {
        setWordWrap(true);
    }
    int heightForWidth(int width) const override
    {
        asked.append(width);
        return QLabel::heightForWidth(width);
    }
    mutable QList<int> asked;
};

} // namespace

class TestFormWidgets final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wrapLabel_minimumIsTheWidestWord()
    {
        WrapLabel label;
        label.setTextFormat(Qt::PlainText);
        label.setText(s("a spreadsheetidentifier b"));
        const QFontMetrics metrics(label.font());
        const int word = metrics.horizontalAdvance(s("spreadsheetidentifier"));
        QVERIFY(label.minimumSizeHint().width() >= word);
        QVERIFY(label.minimumSizeHint().width() < metrics.horizontalAdvance(label.text()));
        QVERIFY(label.minimumSizeHint().height() >= metrics.height());
        // The text's own width when it is short, so a row is no wider than it needs.
        QVERIFY(label.sizeHint().width() >= metrics.horizontalAdvance(label.text()));
        QVERIFY(label.sizeHint().width() <= metrics.horizontalAdvance(label.text()) + 4);
    }

    void wrapLabel_markdownIsMeasuredInItsBoldFace()
    {
        WrapLabel label;
        label.setTextFormat(Qt::MarkdownText);
        label.setText(
            s("See **Spreadsheetidentifier** in [the docs](https://example.com/a/long/url)"));
        QFont bold = label.font();
        bold.setWeight(QFont::Bold);
        QVERIFY(label.minimumSizeHint().width() >=
                QFontMetrics(bold).horizontalAdvance(s("Spreadsheetidentifier")));
        // A link counts by its text, not its address.
        QVERIFY(
            label.minimumSizeHint().width() <
            QFontMetrics(label.font()).horizontalAdvance(s("(https://example.com/a/long/url)")));
    }

    void wrapLabel_richTextIsMeasuredByTheWordsItShows()
    {
        WrapLabel label;
        label.setTextFormat(Qt::RichText);
        label.setText(
            s("<b>Spreadsheetidentifier</b> in <a href=\"https://example.com/a/long/url\">"
              "the docs</a>"));
        QFont bold = label.font();
        bold.setWeight(QFont::Bold);
        QVERIFY(label.minimumSizeHint().width() >=
                QFontMetrics(bold).horizontalAdvance(s("Spreadsheetidentifier")));
        // Tags and addresses are not shown, so they do not count.
        QVERIFY(label.minimumSizeHint().width() <
                QFontMetrics(label.font())
                    .horizontalAdvance(s("href=\"https://example.com/a/long/url\">")));
        // Automatic format: markup makes it rich text too; a line break starts a line.
        WrapLabel automatic;
        automatic.setText(s("<b>Choose</b><br>an app"));
        QVERIFY(automatic.heightForWidth(1000) >= 2 * QFontMetrics(bold).height());
        QVERIFY(automatic.minimumSizeHint().width() <
                QFontMetrics(bold).horizontalAdvance(s("<b>Choose</b>")));
    }

    void wrapLabel_hintsFollowTheTextMarginAndFont()
    {
        WrapLabel label;
        label.setTextFormat(Qt::PlainText);
        label.setText(s("short"));
        const QSize shortHint = label.sizeHint();
        label.setText(QString(s("word ")).repeated(100));
        const QFontMetrics metrics(label.font());
        QVERIFY(label.sizeHint().width() > shortHint.width());
        QVERIFY(label.sizeHint().width() <= metrics.averageCharWidth() * 80 + 4);
        QVERIFY(label.sizeHint().height() > shortHint.height()); // wrapped onto more lines
        const QSize before = label.minimumSizeHint();
        label.setMargin(10);
        QCOMPARE(label.minimumSizeHint(), before + QSize(20, 20));
        QFont bigger = label.font();
        bigger.setPointSizeF(bigger.pointSizeF() * 2);
        label.setFont(bigger);
        QVERIFY(label.minimumSizeHint().width() > before.width() + 20);
    }

    void wrapLabel_heightFollowsTextAndWidth()
    {
        WrapLabel label;
        label.setTextFormat(Qt::PlainText);
        label.setText(QString(s("word ")).repeated(40));
        const int narrow = label.heightForWidth(100);
        const int wide = label.heightForWidth(1000);
        QVERIFY(narrow > wide);
        QCOMPARE(label.heightForWidth(100), narrow); // remembered, and still right
        label.setText(QString(s("word ")).repeated(80));
        QVERIFY(label.heightForWidth(100) > narrow); // a new text is measured again
    }

    void containers_sizeHintDoesNotLayLabelsOutAtTheHintWidth()
    {
        // content > fieldset > a field's row > label, as in the form.
        FormContent content;
        auto *contentLayout = new QVBoxLayout(&content);
        auto *box = new FieldsetBox;
        auto *boxLayout = new QVBoxLayout(box);
        contentLayout->addWidget(box);
        FieldEditorFactory factory;
        ab::core::FieldNode node;
        node.id = s("name");
        node.title = s("Name");
        FieldEditor *editor = factory.create(node, box);
        boxLayout->addWidget(editor->widget());
        auto *label = new CountingLabel(QString(s("Help text ")).repeated(30));
        editor->widget()->layout()->addWidget(label);

        const QSize hint = content.sizeHint();
        QCOMPARE(label->asked, QList<int>());
        QVERIFY(box->sizeHint().isValid() && editor->widget()->sizeHint().isValid());
        QCOMPARE(label->asked, QList<int>());
        QVERIFY(hint.width() >= label->sizeHint().width());
        QVERIFY(hint.height() >= label->sizeHint().height());

        // Plain widgets do, at the hint's width of each level: what the form avoids.
        QWidget plain;
        auto *plainLayout = new QVBoxLayout(&plain);
        auto *plainBox = new QGroupBox;
        auto *plainBoxLayout = new QVBoxLayout(plainBox);
        plainLayout->addWidget(plainBox);
        auto *plainLabel = new CountingLabel(label->text());
        plainBoxLayout->addWidget(plainLabel);
        plain.sizeHint();
        QVERIFY(!plainLabel->asked.isEmpty());
    }
};

QTEST_MAIN(TestFormWidgets)
#include "tst_formwidgets.moc"
