#pragma once

#include "cli/resolver.h"
#include "form/formsession.h"

#include <QObject>

#include <functional>

namespace ab::cli {

// Fills an action's form from `--set id=value` pairs exactly as the desktop app would: each
// value in order, SELECT values resolved by choice id or label (paging on demand), dependants
// cleared and /inputs refetched after every invalidating change before the next value.
class FormFiller final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FormFiller)

public:
    struct Failure {
        QString message;
        std::optional<core::ApiError> apiError; // else a usage problem (unknown field or choice)
    };
    using Done = std::function<void(std::optional<Failure>)>;

    FormFiller(core::ZapierBackend *backend, QObject *parent = nullptr);

    // "key=value" strings; a value may contain '='. Returns false on a malformed pair.
    static bool parseAssignments(const QStringList &pairs, QList<QPair<QString, QString>> *out,
                                 QString *error);

    void fill(const Target &target, const QList<QPair<QString, QString>> &assignments, Done done);
    form::FormSession *session() const { return m_session; }
    // Warnings for people (a SELECT value used as a custom value, ...).
    QStringList notes() const { return m_notes; }

private:
    void applyNext();
    void afterChange();
    void finishWith(std::optional<Failure> failure);

    form::FormSession *m_session;
    QList<QPair<QString, QString>> m_pending;
    Done m_done;
    QStringList m_notes;
    bool m_waitingForTree = false;
};

} // namespace ab::cli
