#include "runs/jsonruncodec.h"

#include "api/jsontext.h"

#include <QStandardPaths>

namespace ab::runs {

RunCodec jsonRunCodec()
{
    RunCodec codec;
    codec.encodeVariant = [](const QVariant &value) {
        return api::toJsonText(value);
    };
    codec.decodeVariant = [](const QByteArray &text, QString *error) {
        return api::fromJsonText(text, error);
    };
    codec.encodeErrors = [](const QList<core::RunError> &errors) {
        return api::encodeRunErrors(errors);
    };
    codec.decodeErrors = [](const QByteArray &text, QString *error) {
        return api::decodeRunErrors(text, error);
    };
    return codec;
}

QString defaultDataDirectory()
{
    // Generic, not per-application: the CLI and the GUI have different application names but
    // must share one history.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/actionbench");
}

QString defaultHistoryPath()
{
    return defaultDataDirectory() + QStringLiteral("/history.sqlite");
}

} // namespace ab::runs
