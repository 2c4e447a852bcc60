#include "widgets/currentselection.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>

namespace ab::ui {

void keepCurrentRowSelected(QAbstractItemView *view)
{
    QItemSelectionModel *selection = view->selectionModel();
    QObject::connect(selection, &QItemSelectionModel::currentChanged, view,
                     [selection](const QModelIndex &current) {
                         // Only when nothing is selected: a selection the user made stays as
                         // it is, and a row that cannot be selected (a group header) stays
                         // unselected.
                         if (!current.isValid() || selection->hasSelection() ||
                             !(current.flags() & Qt::ItemIsSelectable))
                             return;
                         selection->select(current, QItemSelectionModel::ClearAndSelect |
                                                        QItemSelectionModel::Rows);
                     });
}

} // namespace ab::ui
