// HistoryStore's form drafts: the values left in each action's form, kept between sessions.

#include "runs/historystore.h"

#include "runs/historyrows.h"

#include <QDateTime>
#include <QSqlQuery>

namespace ab::runs {

bool HistoryStore::saveFormDraft(const QString &environment, const FormDraft &draft)
{
    if (!ready())
        return false;
    if (draft.inputs.isEmpty()) {
        QSqlQuery *query = statement(QStringLiteral(
            "DELETE FROM form_drafts WHERE environment = ? AND app_id = ? AND action_key = ?"));
        if (!query)
            return false;
        for (const QString &value : {environment, draft.appId, draft.actionKey})
            query->addBindValue(value);
        return query->exec() || failQuery(*query);
    }
    QSqlQuery *query = statement(
        QStringLiteral("INSERT OR REPLACE INTO form_drafts (environment, app_id, action_key,"
                       " inputs, input_labels, saved_at) VALUES (?, ?, ?, ?, ?, ?)"));
    if (!query)
        return false;
    for (const QString &value : {environment, draft.appId, draft.actionKey})
        query->addBindValue(value);
    query->addBindValue(m_codec.encodeVariant(draft.inputs));
    query->addBindValue(rows::stringMapColumn(draft.labels, m_codec, true));
    query->addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query->exec())
        return failQuery(*query);
    // Forms left long ago give way to recent ones; a few hundred rows stay small.
    QSqlQuery *prune = statement(
        QStringLiteral("DELETE FROM form_drafts WHERE rowid NOT IN (SELECT rowid FROM form_drafts"
                       " ORDER BY saved_at DESC, rowid DESC LIMIT ?)"));
    if (!prune)
        return false;
    prune->addBindValue(maxFormDrafts);
    return prune->exec() || failQuery(*prune);
}

std::optional<FormDraft> HistoryStore::formDraft(const QString &environment, const QString &appId,
                                                 const QString &actionKey) const
{
    if (!ready())
        return std::nullopt;
    QSqlQuery *query =
        statement(QStringLiteral("SELECT inputs, input_labels FROM form_drafts"
                                 " WHERE environment = ? AND app_id = ? AND action_key = ?"));
    if (!query)
        return std::nullopt;
    for (const QString &value : {environment, appId, actionKey})
        query->addBindValue(value);
    if (!query->exec()) {
        failQuery(*query);
        return std::nullopt;
    }
    if (!query->next()) {
        query->finish();
        return std::nullopt;
    }
    // Anything unreadable reads as no draft: a form left empty loses nothing.
    QString unreadable;
    FormDraft draft{appId,
                    actionKey,
                    m_codec.decodeVariant(query->value(0).toByteArray(), &unreadable).toMap(),
                    {}};
    draft.labels = rows::readStringMap(query->value(1), m_codec, &unreadable);
    query->finish();
    if (!unreadable.isEmpty() || draft.inputs.isEmpty())
        return std::nullopt;
    return draft;
}

} // namespace ab::runs
