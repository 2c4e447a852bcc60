// keepCurrentRowSelected(): a current row that arrives while nothing is selected (keyboard focus
// coming into the view) is highlighted; a selection the user made, and rows that cannot be
// selected, are left alone.
#include "widgets/currentselection.h"

#include <QLineEdit>
#include <QListView>
#include <QStandardItemModel>
#include <QTest>
#include <QVBoxLayout>

using ab::ui::keepCurrentRowSelected;

namespace {

// Rows "a", "b", "c"; `header` (when >= 0) is a row that cannot be selected.
std::unique_ptr<QStandardItemModel> letters(int header = -1)
{
    auto model = std::make_unique<QStandardItemModel>();
    for (const char *text : {"a", "b", "c"}) {
        auto *item = new QStandardItem(QString::fromLatin1(text));
        if (model->rowCount() == header)
            item->setFlags(Qt::ItemIsEnabled);
        model->appendRow(item);
    }
    return model;
}

} // namespace

class TestCurrentSelection final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void focusByTab_selectsTheRowItMakesCurrent_data()
    {
        QTest::addColumn<bool>("kept");
        QTest::newRow("plain view: current only") << false;
        QTest::newRow("kept selected") << true;
    }

    void focusByTab_selectsTheRowItMakesCurrent()
    {
        QFETCH(bool, kept);
        QWidget window;
        auto *before = new QLineEdit(&window);
        auto *view = new QListView(&window);
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(before);
        layout->addWidget(view);
        const auto model = letters();
        view->setModel(model.get());
        view->setSelectionMode(QAbstractItemView::SingleSelection);
        if (kept)
            keepCurrentRowSelected(view);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        before->setFocus();
        QTRY_VERIFY(before->hasFocus());
        QTest::keyClick(before, Qt::Key_Tab);
        QTRY_VERIFY(view->hasFocus());
        // The view makes its first row current on focus; without the helper it stays unselected.
        QCOMPARE(view->currentIndex().row(), 0);
        QCOMPARE(view->selectionModel()->isSelected(view->currentIndex()), kept);
    }

    void userSelection_isLeftAlone()
    {
        QListView view;
        const auto model = letters();
        view.setModel(model.get());
        view.setSelectionMode(QAbstractItemView::SingleSelection);
        keepCurrentRowSelected(&view);
        view.setCurrentIndex(model->index(2, 0));
        QVERIFY(view.selectionModel()->isSelected(model->index(2, 0)));
        // The current row moves without a selection change (as Ctrl+arrow does): the selection the
        // user made stays where it was.
        view.selectionModel()->setCurrentIndex(model->index(1, 0), QItemSelectionModel::NoUpdate);
        QVERIFY(view.selectionModel()->isSelected(model->index(2, 0)));
        QVERIFY(!view.selectionModel()->isSelected(model->index(1, 0)));
    }

    void unselectableRow_staysUnselected()
    {
        QListView view;
        const auto model = letters(0);
        view.setModel(model.get());
        view.setSelectionMode(QAbstractItemView::SingleSelection);
        keepCurrentRowSelected(&view);
        view.selectionModel()->setCurrentIndex(model->index(0, 0), QItemSelectionModel::NoUpdate);
        QVERIFY(!view.selectionModel()->hasSelection());
        view.selectionModel()->setCurrentIndex(model->index(1, 0), QItemSelectionModel::NoUpdate);
        QVERIFY(view.selectionModel()->isSelected(model->index(1, 0)));
    }
};

QTEST_MAIN(TestCurrentSelection)
#include "tst_currentselection.moc"
