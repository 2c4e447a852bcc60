#pragma once

#include "connect/connectresult.h"
#include "connect/tokenservice.h"

#include <QCoreApplication>
#include <QString>

namespace ab::ui {

// Connecting accounts, in words: the one place that turns Connect error codes (contract §6.3),
// token failures and the window's own outcomes into tr() text.
class ConnectMessages final {
    Q_DECLARE_TR_FUNCTIONS(ConnectMessages)

public:
    // What the problem means ("The connect token expired before the page opened.").
    static QString meaning(const connect::ConnectErrorInfo &info);
    // What to do about it ("Start again: a new token is made each time.").
    static QString nextStep(connect::ConnectNextStep step);
    // "Slack could not be connected: <meaning> <next step>"
    static QString resultFailed(const QString &appTitle, const connect::ConnectResult &result);
    // prepareConnect failed before any window opened.
    static QString tokenFailed(const QString &appTitle, const connect::TokenError &error);
    static QString notSignedIn();
    static QString timedOut(const QString &appTitle);
    static QString gettingToken(const QString &appTitle);
    static QString waitingForWindow(const QString &appTitle);
    static QString listingConnections();
    static QString connected(const QString &connectionTitle);
    static QString reconnected(const QString &connectionTitle);
    static QString closedWithoutConnecting(const QString &appTitle);
};

} // namespace ab::ui
