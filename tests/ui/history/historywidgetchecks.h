#pragma once

// Checks every history widget test runs: each interactive child has an accessible name.

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QLineEdit>
#include <QStringList>
#include <QWidget>

namespace ab::test {

inline QStringList widgetsWithoutAccessibleName(const QWidget *root)
{
    QStringList missing;
    const auto widgets = root->findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        const bool interactive = qobject_cast<const QAbstractButton *>(widget) ||
                                 qobject_cast<const QLineEdit *>(widget) ||
                                 qobject_cast<const QComboBox *>(widget) ||
                                 qobject_cast<const QAbstractItemView *>(widget);
        // Widgets Qt composes internally (a combo's popup list, a line edit's clear button,
        // a tab bar's scroll arrows) are named by their owner.
        if (!interactive || widget->accessibleName().isEmpty() == false)
            continue;
        const QWidget *parent = widget->parentWidget();
        if (parent &&
            (qobject_cast<const QComboBox *>(parent) || qobject_cast<const QLineEdit *>(parent)))
            continue;
        if (widget->inherits("QTabBar") || widget->inherits("QHeaderView") ||
            widget->inherits("QTableCornerButton") || widget->inherits("QComboBoxListView") ||
            widget->inherits("QComboBoxPrivateContainer") || parent == nullptr ||
            widget->objectName().startsWith(QLatin1String("qt_")))
            continue;
        if (qobject_cast<const QAbstractButton *>(widget) && parent->inherits("QTabBar"))
            continue;
        missing.append(QString::fromLatin1(widget->metaObject()->className()) + u':' +
                       widget->objectName());
    }
    return missing;
}

} // namespace ab::test
