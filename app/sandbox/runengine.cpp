#include "sandbox/runengine.h"

#include "sandbox/formengine.h"

#include <QRegularExpression>

namespace ab::sandbox {

namespace {

struct TemplateScope {
    const RunRecord *run = nullptr;
    int n = 0;
    QString page;

    QJsonValue lookup(const QString &name) const
    {
        if (name.startsWith(QLatin1String("inputs.")))
            return run->inputs.value(name.mid(7));
        if (name == QLatin1String("run_id"))
            return run->id;
        if (name == QLatin1String("run_number"))
            return double(run->number);
        if (name == QLatin1String("connection_id"))
            return run->connectionId;
        if (name == QLatin1String("now"))
            return run->createdAt.toUTC().toString(Qt::ISODate);
        if (name == QLatin1String("page"))
            return page;
        if (name == QLatin1String("n"))
            return n;
        return QJsonValue(QJsonValue::Undefined);
    }
};

QJsonValue fill(const QJsonValue &value, const TemplateScope &scope)
{
    static const QRegularExpression placeholder(
        QStringLiteral("\\{\\{\\s*([A-Za-z0-9_.$]+)\\s*\\}\\}"));
    if (value.isString()) {
        const QString text = value.toString();
        const QRegularExpressionMatch whole = placeholder.match(text);
        if (whole.hasMatch() && whole.capturedStart() == 0 &&
            whole.capturedLength() == text.size()) {
            const QJsonValue raw = scope.lookup(whole.captured(1));
            return raw.isUndefined() ? QJsonValue(QString()) : raw;
        }
        QString result;
        qsizetype last = 0;
        auto it = placeholder.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            result += text.mid(last, match.capturedStart() - last);
            result += FormEngine::valueText(scope.lookup(match.captured(1)));
            last = match.capturedEnd();
        }
        result += text.mid(last);
        return result;
    }
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(fill(item, scope));
        return array;
    }
    if (value.isObject()) {
        QJsonObject object;
        const QJsonObject source = value.toObject();
        // Keys are templates too ("{{inputs.field}}": ...), always as text.
        for (auto it = source.begin(); it != source.end(); ++it)
            object.insert(FormEngine::valueText(fill(it.key(), scope)), fill(it.value(), scope));
        return object;
    }
    return value;
}

bool conditionHolds(const QJsonObject &condition, const QJsonObject &inputs)
{
    const QJsonValue value = inputs.value(condition.value(QStringLiteral("input")).toString());
    const QString text = FormEngine::valueText(value);
    if (condition.contains(QStringLiteral("empty")))
        return FormEngine::isEmptyValue(value) == condition.value(QStringLiteral("empty")).toBool();
    if (FormEngine::isEmptyValue(value))
        return false; // a missing value is the required-field check's business
    if (condition.contains(QStringLiteral("not_contains")))
        return !text.contains(condition.value(QStringLiteral("not_contains")).toString(),
                              Qt::CaseInsensitive);
    if (condition.contains(QStringLiteral("contains")))
        return text.contains(condition.value(QStringLiteral("contains")).toString(),
                             Qt::CaseInsensitive);
    if (condition.contains(QStringLiteral("equals")))
        return text == FormEngine::valueText(condition.value(QStringLiteral("equals")));
    return false;
}

// The outcome block that applies, or an empty object for the default (success) path.
QJsonObject selectOutcome(const QJsonObject &run, const QJsonObject &inputs)
{
    const QJsonObject outcomes = run.value(QStringLiteral("outcomes")).toObject();
    for (const QJsonValue &rule : run.value(QStringLiteral("fail_when")).toArray()) {
        if (conditionHolds(rule.toObject(), inputs))
            return outcomes.value(rule.toObject().value(QStringLiteral("outcome")).toString())
                .toObject();
    }
    const QString selector = run.value(QStringLiteral("outcome_input")).toString();
    if (!selector.isEmpty()) {
        const QString name = FormEngine::valueText(inputs.value(selector));
        if (outcomes.contains(name))
            return outcomes.value(name).toObject();
    }
    return {};
}

QJsonArray normalizedErrors(const QJsonArray &errors)
{
    QJsonArray result;
    for (const QJsonValue &value : errors) {
        QJsonObject error = value.toObject();
        // `delay` is documented as integer seconds, whatever type the template produced.
        if (error.contains(QStringLiteral("delay"))) {
            bool ok = false;
            const int delay =
                FormEngine::valueText(error.value(QStringLiteral("delay"))).toInt(&ok);
            error.insert(QStringLiteral("delay"), ok ? delay : 30);
        }
        if (!error.contains(QStringLiteral("meta")))
            error.insert(QStringLiteral("meta"), QJsonValue::Null);
        result.append(error);
    }
    return result;
}

} // namespace

int RunEngine::polls(const CatalogAction &action, const QJsonObject &inputs)
{
    int polls = action.run.value(QStringLiteral("polls")).toInt(0);
    const QString input = action.run.value(QStringLiteral("polls_input")).toString();
    if (!input.isEmpty() && !FormEngine::isEmptyValue(inputs.value(input))) {
        bool ok = false;
        const int chosen = FormEngine::valueText(inputs.value(input)).toInt(&ok);
        if (ok)
            polls = chosen;
    }
    const QJsonObject chosen = selectOutcome(action.run, inputs);
    if (chosen.contains(QStringLiteral("polls")))
        polls = chosen.value(QStringLiteral("polls")).toInt();
    return qBound(0, polls, 100);
}

RunOutcome RunEngine::outcome(const CatalogApp &app, const CatalogAction &action,
                              const RunRecord &run, bool connectionExpired)
{
    RunOutcome result;
    result.polls = polls(action, run.inputs);
    TemplateScope scope;
    scope.run = &run;
    scope.page = run.page.isEmpty() ? QStringLiteral("0") : run.page;
    if (connectionExpired && app.needsAuth) {
        result.status = QStringLiteral("error");
        result.errors.append(QJsonObject{
            {QStringLiteral("code"), QStringLiteral("authentication")},
            {QStringLiteral("title"), QStringLiteral("Connection expired")},
            {QStringLiteral("detail"),
             QStringLiteral("The %1 connection %2 has expired. Reconnect it and run the action "
                            "again.")
                 .arg(app.title, run.connectionId)},
            {QStringLiteral("meta"),
             QJsonObject{{QStringLiteral("connection_id"), run.connectionId}}}});
        return result;
    }
    const QJsonObject chosen = selectOutcome(action.run, run.inputs);
    if (!chosen.isEmpty()) {
        result.errors =
            normalizedErrors(fill(chosen.value(QStringLiteral("errors")), scope).toArray());
        result.results = fill(chosen.value(QStringLiteral("results")), scope).toArray();
        result.status = chosen.value(QStringLiteral("status"))
                            .toString(result.errors.isEmpty() ? QStringLiteral("success")
                                                              : QStringLiteral("error"));
        return result;
    }
    result.status = QStringLiteral("success");
    result.results = fill(action.run.value(QStringLiteral("results")), scope).toArray();
    const QJsonObject repeat = action.run.value(QStringLiteral("repeat_results")).toObject();
    if (!repeat.isEmpty()) {
        const int count = repeat.value(QStringLiteral("count")).toInt();
        const QJsonValue tpl = repeat.value(QStringLiteral("template"));
        for (scope.n = 1; scope.n <= count; ++scope.n)
            result.results.append(fill(tpl, scope));
    }
    const QJsonObject bulk = action.run.value(QStringLiteral("bulk")).toObject();
    if (!bulk.isEmpty()) {
        // Bulk reads page through `total` records; `page` is the opaque string the client
        // passes back from next_page ("0" first).
        const int total = bulk.value(QStringLiteral("total")).toInt();
        const int size = qMax(1, bulk.value(QStringLiteral("page_size")).toInt(50));
        bool ok = false;
        const int page = qMax(0, scope.page.toInt(&ok));
        const QJsonValue tpl = bulk.value(QStringLiteral("template"));
        for (scope.n = page * size + 1; scope.n <= qMin(total, (page + 1) * size); ++scope.n)
            result.results.append(fill(tpl, scope));
        if ((page + 1) * size < total)
            result.nextPage = QString::number(page + 1);
    }
    return result;
}

std::optional<RunOutcome> RunEngine::read(const SandboxContext &context, RunRecord *run)
{
    if (run->pollsRemaining > 0) {
        --run->pollsRemaining;
        context.state->dirty = true;
        return std::nullopt;
    }
    const CatalogApp *app = context.catalog->app(run->appId);
    const CatalogAction *action = app ? app->action(run->actionKey) : nullptr;
    if (!app || !action) {
        // The catalog changed under a persisted run (another --catalog-size): say so plainly.
        RunOutcome missing;
        missing.status = QStringLiteral("error");
        missing.errors.append(QJsonObject{
            {QStringLiteral("code"), QStringLiteral("system")},
            {QStringLiteral("title"), QStringLiteral("Unknown action")},
            {QStringLiteral("detail"), QStringLiteral("The action of this run no longer exists.")},
            {QStringLiteral("meta"), QJsonValue::Null}});
        return missing;
    }
    const auto connection = context.connection(*app, run->connectionId);
    return outcome(*app, *action, *run, connection && connection->isExpired);
}

} // namespace ab::sandbox
