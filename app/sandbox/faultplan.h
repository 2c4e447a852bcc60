#pragma once

// A fault plan tells the sandbox to answer some requests badly, so QA can rehearse failures
// and tests can prove the client copes. JSON format (also in resources/sandbox/README-faults.md,
// example in resources/sandbox/faults-example.json):
//
//   {
//     "rules": [
//       {
//         "method": "POST",                 // optional; empty or absent = any method
//         "path": "/v2/action-runs*",       // required glob on the path (no query); '*' matches
//                                           // any run of characters, '/' included; '?' one char
//         "status": 503,                    // optional HTTP status to answer instead (100..599);
//                                           // 0/absent = the normal status; >= 400
//                                           // answers a JSON:API error envelope
//         "headers": {"Retry-After": "2"},  // optional extra/overriding response headers
//                                           // (object, or an array of [name, value] pairs)
//         "delay_ms": 1500,                 // optional delay before answering (asynchronous)
//         "body": "normal",                 // normal | malformed_json | html | empty | huge |
//                                           // wrong_types
//         "huge_bytes": 20971520,           // size of the "huge" body
//         "drop_connection": false,         // close the socket without any answer
//         "process": false,                 // let the request take effect before the fault
//                                           // answer (a run is created but the client never
//                                           // hears of it); status/drop faults skip it otherwise
//         "times": 1,                       // -1/absent = always; N = only N matching requests
//         "skip": 0                         // let the first `skip` matching requests through
//       }
//     ]
//   }
//
// A bare array of rules is accepted too. The first rule that applies to a request wins; rules
// never apply to the /sandbox/faults admin route, so a plan can always be switched off.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace ab::sandbox {

struct FaultRule {
    enum class Body { Normal, MalformedJson, Html, Empty, Huge, WrongTypes };

    QString method;      // empty = any
    QString pathPattern; // glob, e.g. "/v2/apps*" or "/v2/action-runs/*"
    int status = 0;      // 0 = keep the normal status
    QList<QPair<QByteArray, QByteArray>> headers;
    int delayMs = 0;
    Body body = Body::Normal;
    qint64 hugeBytes = 20 * 1024 * 1024;
    bool dropConnection = false;
    bool process = false;
    int times = -1; // -1 = always, N = the first N matching requests (after `skip`)
    int skip = 0;

    bool matches(const QString &method, const QString &path) const;
    // Whether the rule changes the answer at all (a rule with only `skip` does nothing).
    bool isActive() const;
    // Whether the normal handler runs: body faults and 2xx/3xx overrides need the real answer;
    // error statuses and drops refuse the request unless `process` is set.
    bool runsHandler() const;

    static QString bodyName(Body body);
    static std::optional<Body> bodyFromName(const QString &name);
};

struct FaultPlan {
    QList<FaultRule> rules;

    bool isEmpty() const { return rules.isEmpty(); }
    static std::optional<FaultPlan> fromJson(const QByteArray &json, QString *error);
    QByteArray toJson() const;
};

// Glob used by fault rules: '*' = any characters including '/', '?' = one character.
bool globMatches(const QString &pattern, const QString &text);

} // namespace ab::sandbox
