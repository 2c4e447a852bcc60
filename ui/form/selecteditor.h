#pragma once

#include "core/apierror.h"
#include "form/fieldeditor.h"

#include <QComboBox>

#include <optional>

class QCompleter;
class QLabel;
class QStandardItemModel;
class QToolButton;

namespace ab::ui {

// An editable combo box that says when its list is about to open or it gains focus, so
// choices can be paged in on demand.
class ChoiceCombo final : public QComboBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChoiceCombo)

public:
    explicit ChoiceCombo(QWidget *parent = nullptr);
    void showPopup() override;

Q_SIGNALS:
    void popupAboutToShow();
    void focused();

protected:
    void focusInEvent(QFocusEvent *event) override;
};

// SELECT: a searchable editable combo. Choices arrive page by page (choicesRequested ->
// addPage / setChoicesFailed, wired by the FormView to FormSession), the first page when the
// list opens or the field gains focus, then one more page per "Load more…". Typing filters the
// loaded choices; Enter on text that is no choice keeps it as a custom value. The chosen
// choice's label is shown while value() is its id.
class SelectEditor final : public FieldEditor {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SelectEditor)

public:
    // Item roles of the combo's model.
    enum Role { IdRole = Qt::UserRole, RowTypeRole };
    enum class RowType { Choice, LoadMore, Status };

    SelectEditor(const core::FieldNode &field, QWidget *parent);

    void setValue(const QVariant &value, const QString &label = {}) override;
    QVariant value() const override;
    QString label() const override { return m_custom ? QString() : m_label; }
    void finishEditing() override;

    // --- Choices
    void resetChoices(); // what the field depends on changed: the pages are someone else's
    void addPage(const core::ChoicePage &page);
    void setChoicesFailed(int page, const core::ApiError &error);
    void loadFirstPage(); // no-op once loaded or loading
    void loadMore();
    // Enter: a choice whose label, id or value is `text`, else a custom value.
    void acceptText(const QString &text);

    QList<core::Choice> choices() const { return m_choices; }
    int loadedPages() const { return m_pages; }
    bool hasMore() const { return m_hasNext; }
    bool isLoading() const { return m_loadingPage > 0; }
    bool isCustomValue() const { return m_custom; }
    QString displayText() const { return m_display; }
    QString statusText() const;
    ChoiceCombo *comboBox() const { return m_combo; }
    // The type-to-filter completer over the loaded choices; made on first focus or use.
    QCompleter *completer();
    QToolButton *retryButton() const { return m_retry; }
    // The model row of "Load more…", or -1.
    int loadMoreRow() const;

Q_SIGNALS:
    void choicesRequested(int page);

protected:
    void applyField() override;
    void applyGated(bool gated) override;
    void retranslateUi() override;
    void resetState() override;

private:
    void choose(const core::Choice &choice);
    void setCustom(const QString &text);
    void clearChoice();
    void showDisplay();
    void rebuildModel();
    // The line under the combo (loading, failed with Retry, no choices), from the state.
    void updateStatus();
    void updateNote();
    void onActivated(int row);
    void onFocusLost();
    const core::Choice *findLoaded(const QString &text) const;
    int rowOfValue() const;

    ChoiceCombo *m_combo;
    QStandardItemModel *m_model;
    QCompleter *m_completer = nullptr;
    QWidget *m_box;
    QWidget *m_statusRow;
    QLabel *m_status;
    QToolButton *m_retry;

    QList<core::Choice> m_choices;
    int m_pages = 0;
    bool m_hasNext = false;
    int m_loadingPage = 0;
    std::optional<core::ApiError> m_failure; // of the page that failed to load
    bool m_reopen = false;

    QString m_value;   // choice id or custom text
    QString m_label;   // the chosen choice's label
    QString m_display; // what the line edit shows when not being typed in
    bool m_custom = false;
};

} // namespace ab::ui
