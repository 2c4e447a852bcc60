#pragma once

#include "core/apierror.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ab::cli {

// Everything a command prints goes through here: with --json one JSON document on stdout and
// nothing else there; without it, plain text for people. Diagnostics go to stderr either way.
class Output final {
public:
    explicit Output(bool json)
        : m_json(json)
    {}

    bool isJson() const { return m_json; }
    // The command's result. In text mode `text` is printed instead of the document.
    void result(const QJsonObject &document, const QString &text) const;
    void error(const QString &message, int exitCode) const;
    void apiError(const core::ApiError &error, const QString &context) const;
    void progress(const QString &message) const; // stderr, text mode only
    // Something a person or a script must act on while the command runs (a URL to open):
    // stderr, as one compact JSON line with --json, else `text`. Stdout stays the result's.
    void notice(const QJsonObject &document, const QString &text) const;

    // A fixed-width table for text mode.
    static QString table(const QStringList &headers, const QList<QStringList> &rows);
    static QJsonObject errorJson(const core::ApiError &error);

private:
    bool m_json;
};

} // namespace ab::cli
