#pragma once

#include "sandbox/faultplan.h"
#include "sandbox/httpmessage.h"

namespace ab::sandbox::faults {

// The error envelope a fault status answers with (Zapier's codes and titles for that status).
HttpReply statusReply(int status);
// Applies a rule's status, headers and body distortion to an answer.
HttpReply apply(const FaultRule &rule, HttpReply reply);
// Same keys, wrong types: arrays become strings, numbers "x", strings numbers; objects are
// walked one level down (meta.count -> "x", links.next -> 42).
QByteArray wrongTypes(const QByteArray &json);

} // namespace ab::sandbox::faults
