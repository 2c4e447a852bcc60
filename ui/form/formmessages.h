#pragma once

#include "core/apierror.h"
#include "form/formtypes.h"

#include <QCoreApplication>
#include <QString>

namespace ab::ui {

// The form's one place that turns codes into words: validation codes and API error kinds
// become tr() text here and nowhere else, so wording and translations stay consistent.
class FormMessages final {
    Q_DECLARE_TR_FUNCTIONS(FormMessages)

public:
    // Inline message under a field ("This field is required").
    static QString validation(form::ValidationIssue::Code code);
    // What went wrong with a call, in plain words, without the server's detail.
    static QString errorKind(const core::ApiError &error);
    // The banner when /inputs failed: what happened plus the server's own detail when useful.
    static QString formLoadFailed(const core::ApiError &error);
    static QString choicesFailed(const core::ApiError &error);
    static QString outputsFailed(const core::ApiError &error);
    // "Choose Spreadsheet first" / "Choose Spreadsheet and Worksheet first".
    static QString gated(const QStringList &blockingTitles);
    // "Added: A, B · Removed: C"; titles past `limit` are counted ("and 3 more").
    static QString formChanged(const QStringList &addedTitles, const QStringList &removedTitles,
                               int limit = 5);
    // "Form cleared." (the note that offers Undo), then `changes` when there are any.
    static QString formCleared(const QString &changes);
    static QString formRestored(const QString &changes); // after Restore into form

private:
    static QString withDetail(const QString &headline, const core::ApiError &error);
};

} // namespace ab::ui
