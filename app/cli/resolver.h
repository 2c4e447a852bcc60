#pragma once

#include "core/zapierbackend.h"

#include <QObject>

#include <functional>

namespace ab::cli {

// What a command asked for by name, looked up against the API: an app by id or title, an
// action by its stable key (yielding a fresh ephemeral id), a connection by id or by default.
struct Target {
    core::App app;
    core::Action action;
    core::Connection connection; // empty id for apps that need no authentication
};

// A lookup that failed: either the API failed (error set) or the name matched nothing (message).
struct ResolveFailure {
    QString message;
    std::optional<core::ApiError> apiError;
};

class Resolver final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Resolver)

public:
    template <typename T>
    using Done = std::function<void(std::optional<T> value, ResolveFailure failure)>;

    explicit Resolver(core::ZapierBackend *backend, QObject *parent = nullptr);

    // An app id (exact) or title (exact, ignoring case; else the only search hit).
    void app(const QString &idOrTitle, Done<core::App> done);
    // The action with this stable key, with an id fetched just now.
    void action(const core::App &app, const QString &key, Done<core::Action> done);
    // The given connection id (looked up for its title), or the first usable one of the app.
    // Apps that need no authentication resolve to an empty connection.
    void connection(const core::App &app, const QString &connectionId, Done<core::Connection> done);
    // All three in order.
    void target(const QString &appText, const QString &actionKey, const QString &connectionId,
                Done<Target> done);

private:
    core::ZapierBackend *m_backend;
};

} // namespace ab::cli
