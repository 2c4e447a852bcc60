#pragma once

#include "core/apierror.h"
#include "core/requestrecord.h"

#include <QList>

#include <functional>
#include <utility>
#include <variant>

namespace ab::core {

struct Empty {};

// The outcome of one logical API call: a typed value or a typed error, plus the HTTP
// exchanges (retries included) that produced it, so callers can attach them to a run.
template <typename T> class ApiResult {
public:
    ApiResult(T value)
        : m_data(std::move(value))
    {}
    ApiResult(ApiError error)
        : m_data(std::move(error))
    {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<T>(m_data); }
    T &value() { return std::get<T>(m_data); }
    const ApiError &error() const { return std::get<ApiError>(m_data); }

    QList<RequestRecord> calls;

private:
    std::variant<T, ApiError> m_data;
};

template <typename T> using Callback = std::function<void(ApiResult<T>)>;

} // namespace ab::core
