#include "form/collectioneditors.h"
#include "form/datetimeeditor.h"
#include "form/fieldeditor.h"
#include "form/selecteditor.h"
#include "form/texteditors.h"

namespace ab::ui {

using core::FieldFormat;
using core::ValueType;

FieldEditorFactory::FieldEditorFactory()
{
    const auto line = [](EditorKind kind) {
        return [kind](const core::FieldNode &field, QWidget *parent) -> FieldEditor * {
            return new LineEditor(field, kind, parent);
        };
    };
    for (EditorKind kind :
         {EditorKind::Text, EditorKind::Number, EditorKind::Integer, EditorKind::Unknown})
        m_creators.insert(kind, line(kind));
    for (EditorKind kind : {EditorKind::Multiline, EditorKind::Code}) {
        m_creators.insert(kind, [kind](const core::FieldNode &field, QWidget *parent) {
            return new TextBlockEditor(field, kind, parent);
        });
    }
    for (EditorKind kind : {EditorKind::Array, EditorKind::Object}) {
        m_creators.insert(kind, [kind](const core::FieldNode &field, QWidget *parent) {
            return new RowListEditor(field, kind, parent);
        });
    }
    m_creators.insert(EditorKind::Password, [](const core::FieldNode &field, QWidget *parent) {
        return new PasswordEditor(field, parent);
    });
    m_creators.insert(EditorKind::DateTime, [](const core::FieldNode &field, QWidget *parent) {
        return new DateTimeEditor(field, parent);
    });
    m_creators.insert(EditorKind::Boolean, [](const core::FieldNode &field, QWidget *parent) {
        return new BooleanEditor(field, parent);
    });
    m_creators.insert(EditorKind::Select, [](const core::FieldNode &field, QWidget *parent) {
        return new SelectEditor(field, parent);
    });
    m_creators.insert(EditorKind::File, [](const core::FieldNode &field, QWidget *parent) {
        return new FileEditor(field, parent);
    });
    m_creators.insert(EditorKind::Readonly, [](const core::FieldNode &field, QWidget *parent) {
        return new ReadonlyEditor(field, parent);
    });
}

EditorKind FieldEditorFactory::kindOf(const core::FieldNode &field)
{
    // The format says how the value is entered; the value type only matters for plain fields.
    switch (field.format) {
    case FieldFormat::Select:
        return EditorKind::Select;
    case FieldFormat::Readonly:
        return EditorKind::Readonly;
    case FieldFormat::Password:
        return EditorKind::Password;
    case FieldFormat::Code:
        return EditorKind::Code;
    case FieldFormat::Multiline:
        return EditorKind::Multiline;
    case FieldFormat::Datetime:
        return EditorKind::DateTime;
    case FieldFormat::File:
        return EditorKind::File;
    case FieldFormat::Unknown:
        return EditorKind::Unknown;
    case FieldFormat::Plain:
        break;
    }
    switch (field.valueType) {
    case ValueType::String:
        return EditorKind::Text;
    case ValueType::Number:
        return EditorKind::Number;
    case ValueType::Integer:
        return EditorKind::Integer;
    case ValueType::Boolean:
        return EditorKind::Boolean;
    case ValueType::Array:
        return EditorKind::Array;
    case ValueType::Object:
        return EditorKind::Object;
    case ValueType::Unknown:
        return EditorKind::Unknown;
    }
    return EditorKind::Unknown;
}

void FieldEditorFactory::setCreator(EditorKind kind, Creator creator)
{
    m_creators.insert(kind, std::move(creator));
}

FieldEditor *FieldEditorFactory::create(const core::FieldNode &field, QWidget *parent) const
{
    const EditorKind kind = kindOf(field);
    const Creator creator = m_creators.value(kind, m_creators.value(EditorKind::Unknown));
    return creator(field, parent);
}

} // namespace ab::ui
