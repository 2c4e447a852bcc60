#pragma once

#include <QModelIndexList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;
class QTreeView;

namespace ab::models {
class JsonTreeModel;
}

namespace ab::ui {

// A run's results as a lazy JSON tree with a search box (Enter / F3 for the next match,
// Shift+Enter / Shift+F3 for the previous one) and Copy value (Ctrl+C) / Copy path
// (Ctrl+Shift+C) from the context menu or the keyboard. Nothing is expanded up front, so a
// 1 MB result opens at once; a match's ancestors are expanded when it is selected.
class RunDetailResults final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunDetailResults)

public:
    explicit RunDetailResults(QWidget *parent = nullptr);

    // Shows `json` (paths start with `rootName`); an empty or unparsable text shows a note.
    void setJson(const QByteArray &json, const QString &rootName);
    void clear();

    models::JsonTreeModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }

    // Runs the search box's text now (the box itself waits for a pause in typing).
    void search(const QString &text);
    int matchCount() const { return int(m_matches.size()); }
    int currentMatch() const { return m_current; } // -1 when none
    void nextMatch();
    void previousMatch();

    void copyValue();
    void copyPath();

Q_SIGNALS:
    // After a copy, for a brief confirmation ("Copied value").
    void copied(const QString &what);

private:
    void runSearch();
    void showMatch(int which);
    void showContextMenu(const QPoint &pos);
    void updateMatchLabel();

    models::JsonTreeModel *m_model;
    QLineEdit *m_search;
    QToolButton *m_previous;
    QToolButton *m_next;
    QLabel *m_matchLabel;
    QTreeView *m_view;
    QLabel *m_note;
    QModelIndexList m_matches;
    QString m_searched;
    int m_current = -1;
    QByteArray m_json;
};

} // namespace ab::ui
