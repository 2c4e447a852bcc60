#pragma once

#include "core/run.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariant>

#include <functional>

namespace ab::runs {

// How HistoryStore turns typed values into JSON text and back. Injected so runs/ does not depend
// on api/ (where JSON lives, architecture "JSON never leaves api/"); the composition root passes
// the api/ codec, tests pass their own. Decoders report a failure through `error`.
struct RunCodec {
    std::function<QByteArray(const QVariant &)> encodeVariant;
    std::function<QVariant(const QByteArray &, QString *error)> decodeVariant;
    std::function<QByteArray(const QList<core::RunError> &)> encodeErrors;
    std::function<QList<core::RunError>(const QByteArray &, QString *error)> decodeErrors;

    bool isComplete() const
    {
        return encodeVariant && decodeVariant && encodeErrors && decodeErrors;
    }
};

} // namespace ab::runs
