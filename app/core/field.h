#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace ab::core {

// `format` of an input field (contract §8.2). Absent means a plain single-line field.
enum class FieldFormat {
    Plain,
    Datetime,
    Multiline,
    Password,
    Code,
    Readonly,
    File,
    Select,
    Unknown
};
// `value_type` of an input field.
enum class ValueType { String, Number, Integer, Boolean, Array, Object, Unknown };

FieldFormat fieldFormatFromString(const QString &text); // "" -> Plain, unrecognised -> Unknown
QString fieldFormatToString(FieldFormat format);        // Plain -> ""
ValueType valueTypeFromString(const QString &text);     // "" -> String, unrecognised -> Unknown
QString valueTypeToString(ValueType type);

// One node of the form returned by POST /inputs: an input field, an info field or a fieldset.
struct FieldNode {
    enum class Kind { Input, Info, Fieldset };

    Kind kind = Kind::Input;
    QString id;
    QString title;
    QString description; // help text; may be Markdown
    QString defaultValue;
    QString placeholder;
    bool isRequired = false;
    FieldFormat format = FieldFormat::Plain;
    QString formatRaw; // exactly as sent, kept when unknown
    ValueType valueType = ValueType::String;
    QString valueTypeRaw;
    QStringList dependsOn;
    bool invalidatesInputFields = false;
    QMap<QString, QString> items;
    QList<FieldNode> children; // fieldsets only

    bool isInput() const { return kind == Kind::Input; }
};

// Every input field of a tree in document order, descending into fieldsets.
QList<const FieldNode *> flattenInputs(const QList<FieldNode> &nodes);
const FieldNode *findInput(const QList<FieldNode> &nodes, const QString &id);
// Input fields known only by id and title (a stored action's saved titles, "COL$A" -> "Deal
// Name"), in id order: what a run of it is titled from when no form was fetched.
QList<FieldNode> titledInputs(const QMap<QString, QString> &titles);
// `inputs` as a view shows them: the value of each of `secretInputs` (the password fields)
// replaced by `mask`.
QVariantMap maskSecretInputs(QVariantMap inputs, const QStringList &secretInputs,
                             const QVariant &mask);
// What the windows show for a secret input's value: dots, like a password editor.
QString secretInputMask();

// A field of POST /outputs (contract §8.4).
struct OutputField {
    QString id; // flattened path, e.g. "commit__message", "parents[]sha"
    QString title;
    QString sample;
};

// One choice of a SELECT field (contract §8.3). `id` is what goes into inputs.
struct Choice {
    QString id;
    QString label; // may be empty: show value then
    QString value;
    QString displayText() const
    {
        return !label.isEmpty() ? label : (!value.isEmpty() ? value : id);
    }
};

struct ChoicePage {
    QList<Choice> choices;
    int page = 1;
    bool hasNext = false;
};

} // namespace ab::core
