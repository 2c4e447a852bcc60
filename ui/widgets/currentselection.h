#pragma once

class QAbstractItemView;

namespace ab::ui {

// Keeps the current row of a single-selection view highlighted. A view that gets the keyboard
// focus (Tab, or a pane moving the focus there) makes its first row current without selecting
// it, so the app, action or run a pane then shows would not be marked in its list. From this
// call on, a current row that arrives while nothing is selected is selected too. Call it after
// setModel(): a new model brings a new selection model.
void keepCurrentRowSelected(QAbstractItemView *view);

} // namespace ab::ui
