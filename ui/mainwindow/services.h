#pragma once

#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QSettings;

namespace ab::api {
class ApiClient;
}
namespace ab::connect {
class CredentialStore;
class TokenService;
} // namespace ab::connect
namespace ab::models {
class IconCache;
}
namespace ab::runs {
class HistoryStore;
class RunService;
} // namespace ab::runs

namespace ab::ui {

class LanguageManager;

// What the composition root (main.cpp, or a test) hands the main window. Nothing is owned by
// the window; everything outlives it.
struct Services {
    api::ApiClient *client = nullptr;
    runs::HistoryStore *history = nullptr;
    runs::RunService *runs = nullptr;
    models::IconCache *icons = nullptr;
    QSettings *settings = nullptr; // window layout and last selection; never secrets
    // Access and connect tokens of the environment in use; null: connecting accounts says
    // there are no credentials.
    connect::TokenService *tokens = nullptr;
    // Where the accounts dialog keeps each environment's credentials (secrets in the keychain).
    connect::CredentialStore *credentials = nullptr;
    // The UI language; null: Settings offers no language choice (some tests).
    LanguageManager *languages = nullptr;
    QUrl sandboxUrl; // the in-process sandbox, the default environment
    QString sandboxToken;
};

} // namespace ab::ui
