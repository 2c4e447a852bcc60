#pragma once

// Shared by the form widget tests: a field tree holding every format and value type, the JSON
// parser the composition roots plug into FormSession, and small helpers to act like a user.

#include "api/jsontext.h"
#include "core/field.h"
#include "form/formtypes.h"
#include "support/fakebackend.h"
#include "support/pseudotranslator.h"
#include "ui/untranslatedtext.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTest>
#include <QWidget>

#include <algorithm>

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

using ab::test::PseudoLanguage;

// A scanner filter that removes the given data (field titles, help, choices, typed values)
// from text left outside ⟦…⟧: whole words only, the longest first ("Channel 1", then
// "Channel"), so a title never hides a word of ours that skipped tr().
inline DataFilter stripping(QStringList data)
{
    data.removeAll(QString());
    data.removeDuplicates();
    std::sort(data.begin(), data.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    QList<QRegularExpression> patterns;
    for (const QString &item : std::as_const(data)) {
        patterns.append(QRegularExpression(
            QStringLiteral("(?<!\\p{L})%1(?!\\p{L})").arg(QRegularExpression::escape(item))));
    }
    return [patterns](const QString &text) {
        QString rest = text;
        for (const QRegularExpression &pattern : patterns)
            rest.remove(pattern);
        return rest;
    };
}

// What a tree shows as data: ids, titles, help (as written and as read out), placeholders
// and defaults of every node.
inline QStringList dataOf(const QList<core::FieldNode> &nodes)
{
    QStringList data;
    for (const core::FieldNode &node : nodes) {
        QString spoken = node.description;
        spoken.remove(QLatin1Char('*'));
        spoken.remove(QLatin1Char('`'));
        data << node.id << node.title << node.description << spoken.simplified() << node.placeholder
             << node.defaultValue;
        data << dataOf(node.children);
    }
    return data;
}

// Focuses `widget` and types `text` as keystrokes.
inline void typeInto(QWidget *widget, const QString &text)
{
    widget->setFocus(Qt::TabFocusReason);
    QTest::keyClicks(widget, text);
}

} // namespace ab::test::formui
