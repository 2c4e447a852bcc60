#pragma once

// Shared by the form widget tests: a field tree holding every format and value type, the JSON
// parser the composition roots plug into FormSession, and small helpers to act like a user.

#include "api/jsontext.h"
#include "core/field.h"
#include "form/formtypes.h"
#include "support/fakebackend.h"

#include <QTest>
#include <QWidget>

namespace ab::test::formui {

inline QString s(const char *text)
{
    return QString::fromUtf8(text);
}

inline form::JsonTextParser jsonParser()
{
    return [](const QString &text) -> std::optional<QVariant> {
        QString error;
        const QVariant value = api::fromJsonText(text.toUtf8(), &error);
        if (!error.isEmpty() || !value.isValid())
            return std::nullopt;
        return value;
    };
}

inline core::FieldNode field(const QString &id, const QString &title, const QString &format = {},
                             const QString &valueType = {})
{
    core::FieldNode node;
    node.id = id;
    node.title = title;
    node.formatRaw = format;
    node.format = core::fieldFormatFromString(format);
    node.valueTypeRaw = valueType.isEmpty() ? QStringLiteral("STRING") : valueType;
    node.valueType = core::valueTypeFromString(node.valueTypeRaw);
    return node;
}

// One input of every format and every value type, an info field and a fieldset.
inline QList<core::FieldNode> everyKindTree()
{
    core::FieldNode info;
    info.kind = core::FieldNode::Kind::Info;
    info.id = s("help");
    info.description = s("Read the **docs** at [example](https://example.com).");

    core::FieldNode text = field(s("text"), s("Subject"));
    text.isRequired = true;
    text.description = s("The *subject* line.");
    text.placeholder = s("Hello");
    core::FieldNode withDefault = field(s("greeting"), s("Greeting"));
    withDefault.defaultValue = s("Hi there");
    core::FieldNode select = field(s("channel"), s("Channel"), s("SELECT"));
    core::FieldNode readonly = field(s("fixed"), s("Fixed"), s("READONLY"));
    readonly.defaultValue = s("always this");

    core::FieldNode group;
    group.kind = core::FieldNode::Kind::Fieldset;
    group.id = s("address");
    group.title = s("Address");
    group.children = {field(s("street"), s("Street")), field(s("zip"), s("Zip"), {}, s("INTEGER"))};

    return {info,
            text,
            withDefault,
            field(s("body"), s("Body"), s("MULTILINE")),
            field(s("script"), s("Script"), s("CODE")),
            field(s("secret"), s("Secret"), s("PASSWORD")),
            field(s("when"), s("When"), s("DATETIME")),
            field(s("amount"), s("Amount"), {}, s("NUMBER")),
            field(s("count"), s("Count"), {}, s("INTEGER")),
            field(s("notify"), s("Notify"), {}, s("BOOLEAN")),
            select,
            field(s("tags"), s("Tags"), {}, s("ARRAY")),
            field(s("meta"), s("Meta"), {}, s("OBJECT")),
            field(s("attachment"), s("Attachment"), s("FILE")),
            readonly,
            field(s("colour"), s("Colour"), s("COLOR")),
            field(s("price"), s("Price"), {}, s("DECIMAL128")),
            group};
}

// Serves `tree` for every /inputs call.
inline void serveTree(FakeBackend &backend, const QList<core::FieldNode> &tree)
{
    backend.onInputs = [tree](const FakeCall &) {
        return std::optional<core::ApiResult<QList<core::FieldNode>>>(tree);
    };
}

// Focuses `widget` and types `text` as keystrokes.
inline void typeInto(QWidget *widget, const QString &text)
{
    widget->setFocus(Qt::TabFocusReason);
    QTest::keyClicks(widget, text);
}

} // namespace ab::test::formui
