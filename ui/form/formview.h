#pragma once

#include "core/apierror.h"
#include "form/fieldeditor.h"
#include "form/formtypes.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QTabWidget;
class QToolButton;
class QVBoxLayout;

namespace ab::form {
class FormSession;
}

namespace ab::ui {

class OutputsPanel;

// The dynamic input form of one action, kept in step with a FormSession: one editor per input
// field (made by FieldEditorFactory), fieldsets as titled groups, info fields as notes,
// depends_on gating, a busy line while /inputs is refetched, the fields a refetch added
// highlighted and the ones it removed named, inline validation, and an "Outputs" tab.
//
// The session belongs to the caller, who starts it (and plugs in a JSON parser); the view only
// reads fields and writes values. A rebuild reuses the editors of surviving fields, so values,
// focus and scroll position survive an invalidation.
class FormView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FormView)

public:
    explicit FormView(form::FormSession *session, QWidget *parent = nullptr);
    ~FormView() override;

    form::FormSession *session() const { return m_session; }

    // Scrolls to the field, focuses its editor and flashes it (a run error named it).
    void focusField(const QString &fieldId);
    // Puts the keyboard in the first field of `actionKey`'s form that takes a value now (the
    // Run button when none does): at once when that form is shown, else when its fields
    // arrive, unless the user has moved the focus by then. For going on from the catalog to
    // the form (Enter on an action).
    void focusFirstField(const QString &actionKey);
    // "/data/inputs/email" -> "email"; empty when the pointer names no input.
    static QString fieldIdFromSourcePointer(const QString &pointer);
    // Commits pending edits, then (unless skipped) validates: inline messages next to each
    // field, focus on the first problem. Returns whether the run may go ahead.
    bool checkBeforeRun();
    bool skipsValidation() const;
    void setSkipsValidation(bool skip);

    // Turns text typed but not yet committed (a field that refetches on commit, a SELECT's
    // typed text) into session values. checkBeforeRun() does this first.
    void commitPendingEdits();

    // Re-reads session->fields() into the widgets: reuses surviving editors, creates the new
    // ones, drops the vanished. Runs on every fieldsChanged; public so it can be timed.
    void rebuild();

    // --- For tests and the main window
    FieldEditor *editor(const QString &fieldId) const { return m_editors.value(fieldId); }
    QStringList fieldIds() const; // in document order
    QGroupBox *fieldsetBox(const QString &fieldsetId) const;
    QString changeNote() const;  // "Added: … · Removed: …", empty when hidden
    QString errorBanner() const; // the /inputs failure shown, empty when hidden
    bool isBusyShown() const;
    QString placeholderText() const; // empty-state text, empty when fields are shown
    QTabWidget *tabs() const { return m_tabs; }
    QScrollArea *scrollArea() const { return m_scroll; }
    OutputsPanel *outputsPanel() const { return m_outputs; }
    QPushButton *runButton() const { return m_run; }
    // Run, with the Ctrl+Enter keys (form-wide); the window puts this same action in its menu
    // and toolbar and widens its context, so the keys have one owner.
    QAction *runAction() const { return m_runAction; }
    // Clear form: empties every field; the note it shows offers Undo until a field is edited
    // or another action is chosen. Disabled while the form holds no value.
    QAction *clearAction() const { return m_clearAction; }
    void clearForm();
    // A past run's values took the place of `values` (Restore into form): the note says so
    // and offers Undo, as after Clear form. Offered while the form is still loading (the run
    // chose its action), it waits for that form's fields.
    void offerUndoRestore(const QVariantMap &values, const QMap<QString, QString> &labels);
    QToolButton *undoButton() const { return m_undo; }
    void undo(); // puts back what Clear form or a restore replaced
    QPushButton *saveAsStoredButton() const { return m_saveStored; }
    QCheckBox *skipValidationBox() const { return m_skipValidation; }
    QToolButton *retryButton() const { return m_retry; }
    FieldEditorFactory &editorFactory() { return m_factory; }

Q_SIGNALS:
    void runRequested();
    void saveAsStoredRequested();
    void valuesEdited();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    // What one rebuild() carries through buildNodes(): the widgets not (yet) reused, the rows
    // to show once every layout has them, and whether the tab order needs fixing.
    struct Build {
        QHash<QString, QWidget *> unusedOthers;
        QHash<QString, FieldEditor *> unusedEditors;
        QList<QWidget *> toShow;
        QSet<QString> inputIds; // every input of the new tree
        bool orderChanged = false;
    };
    void buildNodes(const QList<core::FieldNode> &nodes, QWidget *container, QVBoxLayout *layout,
                    Build &build);
    void showBuiltRows(const QList<QWidget *> &rows);
    FieldEditor *takeOrCreateEditor(const core::FieldNode &node, QWidget *container, Build &build);
    FieldEditor *takeSpareEditor(const core::FieldNode &node, QWidget *container, Build &build);
    void connectEditor(FieldEditor *editor);
    void dropEditor(FieldEditor *editor);
    void fixTabOrder();

    void onFieldsChanged(const form::FormDiff &diff);
    void onFetchFailed(const core::ApiError &error);
    void onBusyChanged(bool busy);
    void onValueChanged(const QString &fieldId);
    void onEdited(FieldEditor *editor);
    void onEditingFinished(FieldEditor *editor);
    void commit(FieldEditor *editor);
    QVariant typedValue(FieldEditor *editor) const;
    void syncEditor(FieldEditor *editor);
    void updateGates();
    void showIssues(const QList<form::ValidationIssue> &issues);
    void clearErrors();
    void showChangeNote(const form::FormDiff &diff);
    void showUndoNote();
    void focusFirstFieldIfReady(bool formStarted);
    void revealAndFocus(FieldEditor *editor);
    void updateUndoName();
    void dropUndo();
    void updateChangeNote();
    void updateBanner();
    void updatePlaceholder();
    void onTabChanged(int index);
    void fetchOutputsIfStale();

    form::FormSession *m_session;
    FieldEditorFactory m_factory;

    QTabWidget *m_tabs;
    QProgressBar *m_busy;
    QWidget *m_banner;
    QLabel *m_bannerText;
    QToolButton *m_retry;
    QWidget *m_note;
    QLabel *m_noteText;
    QToolButton *m_dismiss;
    QScrollArea *m_scroll;
    QWidget *m_content;
    QVBoxLayout *m_contentLayout;
    QLabel *m_placeholder;
    OutputsPanel *m_outputs;
    QCheckBox *m_skipValidation;
    QPushButton *m_saveStored;
    QPushButton *m_run;
    QAction *m_runAction;
    QAction *m_clearAction;
    QToolButton *m_undo;
    // The values Clear form or a restore replaced, for Undo, and the action they belong to.
    struct Replaced {
        enum class By { Clear, Restore };
        By by = By::Clear;
        QString actionKey;
        QVariantMap values;
        QMap<QString, QString> labels;
        bool awaitingFields = false; // offered before the form's fields arrived
    };
    std::optional<Replaced> m_replaced;
    // focusFirstField() waiting for its form: the action, and where the focus was when asked.
    struct FocusRequest {
        QString actionKey;
        QPointer<QWidget> from;
    };
    std::optional<FocusRequest> m_focusFirst;

    core::ApiError m_fetchError;                // what the banner explains
    QStringList m_addedTitles, m_removedTitles; // what the change note names

    QHash<QString, FieldEditor *> m_editors;
    QHash<QString, QWidget *> m_others; // notes and groups, by "kind:id"
    QStringList m_order;
    QSet<QString> m_dependedOn;  // ids some field depends on: their edits commit when finished
    QString m_connectionKey;     // action key and connection the choices were loaded for
    QString m_writing;           // the field whose value the view is setting right now
    bool m_writeChanged = false; // the session took the value the view set
    QSet<QString> m_pending;     // edited but not committed (fields that refetch on commit)
    bool m_validationShown = false;
    bool m_outputsStale = true;
    bool m_outputsLoading = false;
};

} // namespace ab::ui
