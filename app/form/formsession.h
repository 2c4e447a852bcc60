#pragma once

#include "core/zapierbackend.h"
#include "form/choicecache.h"
#include "form/formtypes.h"

#include <QMap>
#include <QObject>
#include <QTimer>
#include <QVariantMap>

#include <functional>
#include <memory>
#include <optional>

namespace ab::form {

// The dynamic input form of one action, without widgets: the field tree from POST /inputs,
// the typed values, the SELECT choices page by page, client validation and the outputs
// preview. The Qt Widgets form and the CLI's `fields` command both drive it.
//
// Values: QString, qint64 (INTEGER), double (NUMBER), bool, QVariantList (ARRAY),
// QVariantMap (OBJECT); a SELECT holds the chosen choice id, its label is kept beside it.
// An empty value (see isEmptyValue()) means "no value" and is never sent.
//
// default_value is what Zapier uses when an input is omitted, so it is not copied into the
// values: a UI shows it (as placeholder or pre-filled text) but only what the user set is sent,
// and a required field with a default is not reported as missing.
//
// Refetching /inputs is coalesced (every change within one event-loop turn, or within the
// debounce interval, makes one request) and the newest request wins: each carries a sequence
// number and a reply to an older one is dropped even when it arrives last.
//
// The backend must outlive the session. Destroying the session drops every pending reply.
class FormSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FormSession)

public:
    using ResolveCallback = std::function<void(const ChoiceResolution &)>;

    explicit FormSession(core::ZapierBackend *backend, QObject *parent = nullptr);
    ~FormSession() override;

    // Loads the form of an action: POST /inputs with the values already set (e.g. restored).
    // Starting another action (a different key) clears the values; the same key, or a first
    // start() after restore(), keeps them.
    // `connectionId` is empty for apps that need no authentication.
    void start(const QString &actionKey, const QString &actionId, const QString &connectionId = {});
    // A fresh ephemeral action id for the same action (Zapier's ids expire): used by later
    // requests, refetches nothing.
    void setActionId(const QString &actionId);
    // Keeps the values (a reconnected account usually sees the same data; the server drops
    // what no longer applies) and refetches the form with the new connection.
    void setConnection(const QString &connectionId);
    QString actionKey() const { return m_actionKey; }
    QString actionId() const { return m_actionId; }
    QString connectionId() const { return m_connectionId; }

    // --- The field tree of the latest applied /inputs reply
    const QList<core::FieldNode> &fields() const { return m_fields; }
    const core::FieldNode *field(const QString &fieldId) const;
    bool hasField(const QString &fieldId) const { return field(fieldId) != nullptr; }
    bool isLoaded() const { return m_loaded; } // a tree arrived since start()
    // The depends_on fields of `fieldId` that are still empty: while any is, the field is gated.
    QStringList blockedBy(const QString &fieldId) const;

    // --- Values
    // Stores the value (empty clears it), clears every field that depends on it, transitively,
    // and schedules a refetch when the field invalidates_input_fields or anything depends on it.
    // Setting the same value again changes nothing. Ids not in the tree are kept and sent until
    // the next reply shows whether they exist.
    void setValue(const QString &fieldId, const QVariant &value, const QString &label = {});
    void clearValue(const QString &fieldId) { setValue(fieldId, QVariant()); }
    QVariant value(const QString &fieldId) const { return m_values.value(fieldId); }
    QString valueLabel(const QString &fieldId) const { return m_labels.value(fieldId); }
    bool hasValue(const QString &fieldId) const { return m_values.contains(fieldId); }
    QVariantMap values() const { return m_values; }
    QMap<QString, QString> valueLabels() const { return m_labels; }
    // The `inputs` object for the API: every field that has a value (SELECTs as choice ids).
    QVariantMap inputs() const { return m_values; }
    // The ids of the password fields: their values are secrets, kept out of what is recorded
    // (the backend is told as soon as the fields arrive) and hidden where a run is shown.
    QStringList secretInputs() const;
    // The title of each input's field in the tree (inputs without a titled field are left out).
    QMap<QString, QString> inputTitles() const;
    // Replaces every value at once (a past run into the form), then one refetch; no
    // depends_on clearing in between, the values belong together.
    void restore(const QVariantMap &values, const QMap<QString, QString> &labels = {});

    // --- Refetching /inputs
    void refetch(); // also the retry after fetchFailed
    void setDebounceInterval(int milliseconds);
    int debounceInterval() const { return m_debounceMs; }
    bool isBusy() const { return m_busy; } // a refetch is scheduled or awaiting its reply

    // --- Text input (the CLI's --set key=value, line edits)
    void setJsonTextParser(JsonTextParser parser) { m_json = std::move(parser); }
    // As ab::form::coerceText() for the field; an id not in the tree is treated as text.
    CoercionResult coerceText(const QString &fieldId, const QString &text) const;

    // --- Validation
    QList<ValidationIssue> validate() const; // empty while client validation is off
    void setClientValidationEnabled(bool enabled) { m_validationEnabled = enabled; }
    bool isClientValidationEnabled() const { return m_validationEnabled; }

    // --- Choices of SELECT fields (cached per action key, connection, field and the values of
    // the fields it depends on)
    void loadChoices(const QString &fieldId, int page = 1); // page >= 1
    // Pages until there is no next page (the CLI's --all), then allChoicesLoaded.
    void loadAllChoices(const QString &fieldId);
    QList<core::Choice> cachedChoices(const QString &fieldId) const;
    bool hasAllChoices(const QString &fieldId) const;
    // Over cached pages only: id, then label (exact, then ignoring case), then value.
    std::optional<core::Choice> findChoice(const QString &fieldId, const QString &text) const;
    // As findChoice, paging on demand until found or every page was seen. `done` runs on the
    // event loop, never inside the call, and not at all once the session is gone.
    void resolveChoice(const QString &fieldId, const QString &text, ResolveCallback done);

    // --- Outputs preview (POST /outputs with the current inputs; newest request wins)
    void fetchOutputs();

Q_SIGNALS:
    void fieldsChanged(const ab::form::FormDiff &diff);
    // Fields and values are kept. Emitted before busyChanged(false) of the same reply.
    void fetchFailed(const ab::core::ApiError &error);
    void busyChanged(bool busy);
    void valueChanged(const QString &fieldId);       // set, cleared, restored or dropped
    void valuesCleared(const QStringList &fieldIds); // by a change of a field they depend on
    // A page arrived (or, for loadChoices, came from the cache) for the field's current key.
    void choicesLoaded(const QString &fieldId, int page, const ab::core::ChoicePage &choices);
    void choicesFailed(const QString &fieldId, int page, const ab::core::ApiError &error);
    void allChoicesLoaded(const QString &fieldId, const QList<ab::core::Choice> &choices);
    void outputsLoaded(const QList<ab::core::OutputField> &fields);
    void outputsFailed(const ab::core::ApiError &error);

private:
    using PageDone = std::function<void(const core::ApiResult<core::ChoicePage> &)>;
    struct PageRequest {
        ChoiceCache::Key key;
        int page = 1;
        QList<PageDone> waiters;
    };
    struct PagingJob;

    void scheduleRefetch();
    void sendInputs();
    void onInputsReply(quint64 sequence, const core::ApiResult<QList<core::FieldNode>> &result);
    void applyTree(const QList<core::FieldNode> &tree);
    QStringList clearDependantsOf(const QString &fieldId);
    void updateBusy();

    ChoiceCache::Key choiceKey(const QString &fieldId) const;
    void fetchChoicePage(const QString &fieldId, int page, PageDone done);
    void onChoicesReply(const QString &fieldId, const ChoiceCache::Key &key, int page,
                        const core::ApiResult<core::ChoicePage> &result);
    void continuePaging(const std::shared_ptr<PagingJob> &job);

    core::ZapierBackend *m_backend;
    QString m_actionKey;
    QString m_actionId;
    QString m_connectionId;

    QList<core::FieldNode> m_fields;
    bool m_loaded = false;
    QVariantMap m_values;
    QMap<QString, QString> m_labels;

    QTimer m_refetchTimer;
    int m_debounceMs = 0;
    quint64 m_inputsSequence = 0;  // bumped when a refetch is scheduled; replies must match it
    bool m_latestInFlight = false; // the request carrying m_inputsSequence awaits its reply
    bool m_busy = false;
    quint64 m_outputsSequence = 0;

    JsonTextParser m_json;
    bool m_validationEnabled = true;

    ChoiceCache m_choiceCache;
    QList<PageRequest> m_pageRequests; // in flight, so two callers share one request
};

} // namespace ab::form
