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
    // What a copy put on the clipboard.
    enum class Copied { Value, Path };
    Q_ENUM(Copied)

    explicit RunDetailResults(QWidget *parent = nullptr);

    // The brief confirmation of a copy ("Copied the path results[0].id"); `path` for Path.
    static QString copiedText(Copied what, const QString &path);

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
    // After a copy, for a brief confirmation (see copiedText()).
    void copied(ab::ui::RunDetailResults::Copied what, const QString &path);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslateUi();
    void fitTypeColumn();
    void fitKeyColumn();
    void updateNote();
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
    // What stands in for the tree, kept as state so a language change can word it again.
    enum class Note { None, NoResults, Invalid };
    Note m_noteKind = Note::None;
    QString m_parseError; // the parser's words, for Note::Invalid
    bool m_fittingKeys = false;
    bool m_keysSizedByUser = false; // the user dragged the keys' divider
};

} // namespace ab::ui
