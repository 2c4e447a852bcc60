#include "runs/runrecord.h"
#include "support/pseudotranslator.h"

#include <QCoreApplication>
#include <QTest>

using ab::runs::RunEvent;
namespace notes = ab::runs::notes;

namespace {
RunEvent runEvent(const QString &note)
{
    RunEvent e;
    e.note = note;
    return e;
}
} // namespace

// Timeline notes are stored in English; the window shows them in the user's language with
// their values (ids, counts, a server's words) as they came.
class TestRunEvent final : public QObject {
    Q_OBJECT

    ab::test::PseudoTranslator m_pseudo;

private Q_SLOTS:
    void init() { QCoreApplication::installTranslator(&m_pseudo); }
    void cleanup() { QCoreApplication::removeTranslator(&m_pseudo); }

    void fixedNote_isTranslated()
    {
        QCOMPARE(runEvent(QStringLiteral("finished")).displayNote(), QStringLiteral("⟦finished⟧"));
    }

    void noteWithValues_translatesTheTemplateAndKeepsTheValues()
    {
        QCOMPARE(runEvent(QString::fromLatin1(notes::acceptedAsRun).arg(QStringLiteral("r-42")))
                     .displayNote(),
                 QStringLiteral("⟦accepted as run r-42⟧"));
        QCOMPARE(
            runEvent(QString::fromLatin1(notes::pollFailed)
                         .arg(QStringLiteral("3"), QStringLiteral("HTTP 503: busy (try later)")))
                .displayNote(),
            QStringLiteral("⟦poll failed (3 in a row): HTTP 503: busy (try later)⟧"));
        // The longer template wins over the one it contains.
        QCOMPARE(runEvent(QString::fromLatin1(notes::throttledWait)
                              .arg(QStringLiteral("throttled"), QStringLiteral("30")))
                     .displayNote(),
                 QStringLiteral("⟦throttled (throttled); wait 30 s before running again; not "
                                "re-run automatically⟧"));
    }

    void valueLookingLikeAPlaceholder_isNotSubstitutedAgain()
    {
        QCOMPARE(runEvent(QString::fromLatin1(notes::pollFailed)
                              .arg(QStringLiteral("2"), QStringLiteral("bad %1 template")))
                     .displayNote(),
                 QStringLiteral("⟦poll failed (2 in a row): bad %1 template⟧"));
    }

    // Any other note is looked up whole (a real catalogue has no entry for a server's words,
    // so they come back unchanged); no template is forced onto it.
    void otherNote_isLookedUpWhole()
    {
        QCOMPARE(runEvent(QStringLiteral("accepted as run")).displayNote(),
                 QStringLiteral("⟦accepted as run⟧"));
        QCOMPARE(runEvent(QString()).displayNote(), QString());
    }
};

QTEST_GUILESS_MAIN(TestRunEvent)
#include "tst_runevent.moc"
