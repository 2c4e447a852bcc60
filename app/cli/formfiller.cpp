#include "cli/formfiller.h"

#include "api/jsontext.h"

namespace ab::cli {

using namespace ab::core;

FormFiller::FormFiller(ZapierBackend *backend, QObject *parent)
    : QObject(parent)
    , m_session(new form::FormSession(backend, this))
{
    m_session->setJsonTextParser([](const QString &text) -> std::optional<QVariant> {
        QString error;
        const QVariant value = api::fromJsonText(text.toUtf8(), &error);
        if (!error.isEmpty() || !value.isValid())
            return std::nullopt;
        return value;
    });
    connect(m_session, &form::FormSession::busyChanged, this, [this](bool busy) {
        if (!busy && m_waitingForTree) {
            m_waitingForTree = false;
            applyNext();
        }
    });
    connect(m_session, &form::FormSession::fetchFailed, this, [this](const ApiError &error) {
        if (!m_done)
            return;
        m_waitingForTree = false;
        finishWith(Failure{QStringLiteral("could not load the form"), error});
    });
}

bool FormFiller::parseAssignments(const QStringList &pairs, QList<QPair<QString, QString>> *out,
                                  QString *error)
{
    for (const QString &pair : pairs) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            *error = QStringLiteral("--set needs field=value, got \"%1\"").arg(pair);
            return false;
        }
        out->append({pair.left(equals).trimmed(), pair.mid(equals + 1)});
    }
    return true;
}

void FormFiller::fill(const Target &target, const QList<QPair<QString, QString>> &assignments,
                      Done done)
{
    m_pending = assignments;
    m_done = std::move(done);
    m_waitingForTree = true;
    m_session->start(target.action.key, target.action.id, target.connection.id);
}

void FormFiller::applyNext()
{
    if (!m_done)
        return;
    if (m_pending.isEmpty())
        return finishWith(std::nullopt);
    const auto [fieldId, text] = m_pending.takeFirst();
    const FieldNode *field = m_session->field(fieldId);
    if (!field) {
        QStringList ids;
        for (const FieldNode *input : flattenInputs(m_session->fields()))
            ids << input->id;
        return finishWith(Failure{QStringLiteral("the form has no field \"%1\" (fields now: %2)")
                                      .arg(fieldId, ids.join(QStringLiteral(", "))),
                                  std::nullopt});
    }
    const QStringList blockers = m_session->blockedBy(fieldId);
    if (!blockers.isEmpty())
        return finishWith(Failure{QStringLiteral("set %1 before %2 (it depends on it)")
                                      .arg(blockers.join(QStringLiteral(", ")), fieldId),
                                  std::nullopt});
    if (field->format == FieldFormat::Select) {
        m_session->resolveChoice(
            fieldId, text, [this, fieldId, text](const form::ChoiceResolution &resolution) {
                switch (resolution.status) {
                case form::ChoiceResolution::Status::Found:
                    m_session->setValue(fieldId, resolution.choice.id,
                                        resolution.choice.displayText());
                    break;
                case form::ChoiceResolution::Status::NotFound:
                    // The API accepts custom values for SELECT fields; QA relies on sending them.
                    m_notes << QStringLiteral("%1: \"%2\" is not one of its %3 page(s) of choices; "
                                              "sent as a custom value")
                                   .arg(fieldId, text)
                                   .arg(resolution.pagesSearched);
                    m_session->setValue(fieldId, text);
                    break;
                case form::ChoiceResolution::Status::Failed:
                    return finishWith(
                        Failure{QStringLiteral("could not load the choices of %1").arg(fieldId),
                                resolution.error});
                }
                afterChange();
            });
        return;
    }
    const form::CoercionResult coerced = m_session->coerceText(fieldId, text);
    if (!coerced.ok()) {
        static const QMap<form::ValidationIssue::Code, QString> expected{
            {form::ValidationIssue::Code::NotANumber, QStringLiteral("a number")},
            {form::ValidationIssue::Code::NotAnInteger, QStringLiteral("a whole number")},
            {form::ValidationIssue::Code::NotABoolean, QStringLiteral("true or false")},
            {form::ValidationIssue::Code::NotAList,
             QStringLiteral("a list (JSON array or one item per line)")},
            {form::ValidationIssue::Code::NotAnObject,
             QStringLiteral("an object (JSON or key=value lines)")},
        };
        return finishWith(
            Failure{QStringLiteral("%1 needs %2, got \"%3\"")
                        .arg(fieldId,
                             expected.value(*coerced.error, QStringLiteral("another value")), text),
                    std::nullopt});
    }
    m_session->setValue(fieldId, coerced.value);
    afterChange();
}

void FormFiller::afterChange()
{
    if (m_session->isBusy()) {
        m_waitingForTree = true; // the refetched form decides which fields exist next
        return;
    }
    applyNext();
}

void FormFiller::finishWith(std::optional<Failure> failure)
{
    if (!m_done)
        return;
    Done done = std::move(m_done);
    m_done = nullptr;
    done(std::move(failure));
}

} // namespace ab::cli
