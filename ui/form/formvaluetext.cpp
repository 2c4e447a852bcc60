#include "form/formvaluetext.h"

#include "form/valuecoercion.h"

#include <QLocale>
#include <QStringList>

namespace ab::ui {

QString valueToText(const QVariant &value, bool multiline)
{
    if (!value.isValid() || value.isNull())
        return {};
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double:
    case QMetaType::Float:
        return QLocale::c().toString(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QMetaType::QVariantList:
    case QMetaType::QStringList: {
        QStringList items;
        for (const QVariant &item : value.toList())
            items.append(valueToText(item));
        return items.join(multiline ? QStringLiteral("\n") : QStringLiteral(", "));
    }
    case QMetaType::QVariantMap:
    case QMetaType::QVariantHash: {
        QStringList lines;
        const QVariantMap map = value.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            lines.append(it.key() + QLatin1Char('=') + valueToText(it.value()));
        return lines.join(QLatin1Char('\n'));
    }
    default:
        return value.toString();
    }
}

bool sameFormValue(const QVariant &a, const QVariant &b)
{
    const bool aEmpty = form::isEmptyValue(a);
    const bool bEmpty = form::isEmptyValue(b);
    if (aEmpty || bEmpty)
        return aEmpty == bEmpty;
    return a.metaType() == b.metaType() && a == b;
}

} // namespace ab::ui
