#pragma once

#include "core/app.h"
#include "core/connection.h"

#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QPushButton;

namespace ab::core {
class ZapierBackend;
}
namespace ab::models {
class ConnectionListModel;
}

namespace ab::ui {

class CatalogStatusLine;

// Which connected account an action runs with (issue 3, point 2): a combo of the app's
// connections, expired ones selectable but marked ("Expired — reconnect"), the first usable
// one chosen by default. Apps that need no authentication say so instead. The layout keeps a
// slot at the right (actionSlot()) for the "Connect account…" button of the next issue.
class ConnectionPicker final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionPicker)

public:
    explicit ConnectionPicker(core::ZapierBackend *backend, QWidget *parent = nullptr);
    ~ConnectionPicker() override;

    void setApp(const core::App &app);
    const core::App &app() const;
    // The chosen connection; empty (no id) when none is chosen or the app needs none.
    core::Connection currentConnection() const;

    // Empty, at the right of the picker: for buttons that act on connections.
    QHBoxLayout *actionSlot() const { return m_actionSlot; }
    QComboBox *comboBox() const { return m_combo; }
    models::ConnectionListModel *model() const { return m_model; }
    // What the picker says instead of (or beside) the combo; for tests.
    QString messageText() const;
    bool isExpiredBadgeShown() const;
    CatalogStatusLine *status() const { return m_status; }
    QPushButton *connectButton() const { return m_connect; }
    QPushButton *reconnectButton() const { return m_reconnect; }

public Q_SLOTS:
    // Chooses the connection now, or as soon as the list has loaded.
    void selectConnection(const QString &id);
    void reload();

Q_SIGNALS:
    void connectionChanged(const ab::core::Connection &connection);
    // "Connect account…" (reconnectId empty) or "Reconnect" for the expired one chosen.
    void connectRequested(const ab::core::App &app, const QString &reconnectId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void onLoaded();
    void updateState();
    void onCurrentIndexChanged();
    void updateComboToolTip();
    void updateBadgeColours();
    void updateConnectButtons();

    models::ConnectionListModel *m_model;
    QLabel *m_label;
    QComboBox *m_combo;
    QLabel *m_badge;
    QLabel *m_message;
    CatalogStatusLine *m_status;
    QHBoxLayout *m_actionSlot;
    QPushButton *m_connect;
    QPushButton *m_reconnect;
    QString m_pendingId;
    QString m_emittedId;
    bool m_emittedOnce = false;
};

} // namespace ab::ui
