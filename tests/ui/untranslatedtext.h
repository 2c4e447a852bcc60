#pragma once

// Collects every visible string of ours in a widget tree that did not go through tr() while a
// PseudoTranslator is installed. Header-only so any UI test can use it.

#include "support/pseudotranslator.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTabBar>
#include <QTextDocumentFragment>
#include <QTextEdit>
#include <QToolButton>

#include <functional>

namespace ab::test {

// Says whether leftover text is data (an API label, a user value, a number) rather than ours.
using DataFilter = std::function<QString(const QString &)>;

// Removes the sandbox catalog's own strings (app titles, categories, action titles, field
// labels, help, choices, connection titles: Zapier's data, shown as it comes) and `extra` from
// a text, longest first.
inline DataFilter sandboxData(QStringList extra = {})
{
    QFile file(QStringLiteral(":/sandbox/catalog.json"));
    if (file.open(QIODevice::ReadOnly)) {
        std::function<void(const QJsonValue &)> collect = [&](const QJsonValue &value) {
            if (value.isString() && value.toString().size() >= 3) {
                extra.append(value.toString());
                // Help text is Markdown: the window shows it rendered.
                if (value.toString().contains(QLatin1Char('`')))
                    extra.append(value.toString().remove(QLatin1Char('`')));
            } else if (value.isArray())
                for (const QJsonValue &item : value.toArray())
                    collect(item);
            else if (value.isObject())
                for (const QJsonValue &item : value.toObject())
                    collect(item);
        };
        collect(QJsonDocument::fromJson(file.readAll()).object());
    }
    // Dates and times are the locale's words, not ours.
    const QLocale locale;
    for (int i = 1; i <= 12; ++i)
        extra << locale.monthName(i) << locale.monthName(i, QLocale::ShortFormat);
    for (int i = 1; i <= 7; ++i)
        extra << locale.dayName(i) << locale.dayName(i, QLocale::ShortFormat);
    extra << locale.amText() << locale.pmText() << QStringLiteral("UTC");
    extra.removeAll(QString());
    extra.removeDuplicates();
    std::sort(extra.begin(), extra.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return [extra](QString text) {
        for (const QString &value : extra)
            text.remove(value);
        return text;
    };
}

class UntranslatedText {
public:
    explicit UntranslatedText(DataFilter stripData = {})
        : m_stripData(std::move(stripData))
    {}

    // Every offending "where: text" in the visible part of root's tree, its actions and menus.
    QStringList scan(const QWidget *root)
    {
        m_found.clear();
        visit(root);
        const QList<QWidget *> children = root->findChildren<QWidget *>();
        for (const QWidget *child : children) {
            if (child->isVisibleTo(root) || qobject_cast<const QMenu *>(child))
                visit(child);
        }
        m_found.removeDuplicates();
        return m_found;
    }

private:
    void check(const QWidget *widget, const char *what, QString text)
    {
        if (text.isEmpty())
            return;
        if (Qt::mightBeRichText(text))
            text = QTextDocumentFragment::fromHtml(text).toPlainText();
        QString rest = PseudoTranslator::untranslatedRemainder(text);
        if (m_stripData)
            rest = m_stripData(rest);
        rest.remove(QLatin1Char('&'));
        // URLs, paths and ids (an API call, a run id) are data, not words of ours.
        static const QRegularExpression pathLike(QStringLiteral("\\S*[/:=]\\S*"));
        rest.remove(pathLike);
        // A word of two letters or more left over is a string of ours that skipped tr().
        static const QRegularExpression word(QStringLiteral("\\p{L}{2,}"));
        if (rest.contains(word)) {
            const QString name = widget->objectName().isEmpty()
                                     ? QString::fromLatin1(widget->metaObject()->className())
                                     : widget->objectName();
            m_found.append(QStringLiteral("%1 %2: %3").arg(name, QLatin1String(what), text));
        }
    }

    void visitAction(const QWidget *owner, const QAction *action)
    {
        if (action->isSeparator() || !action->isVisible())
            return;
        check(owner, "action", action->text());
        check(owner, "action tooltip",
              action->toolTip() == action->text().remove(QLatin1Char('&')) ? QString()
                                                                           : action->toolTip());
    }

    // The first rows of an item view (and their first children): texts models make up, such
    // as group headings and status words, must be ours and translated too.
    void visitRows(const QWidget *w, const QAbstractItemModel *model, const QModelIndex &parent,
                   int depth)
    {
        const int rows = qMin(model->rowCount(parent), 40);
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < model->columnCount(parent); ++c) {
                const QModelIndex index = model->index(r, c, parent);
                check(w, "item", index.data(Qt::DisplayRole).toString());
                check(w, "item tooltip", index.data(Qt::ToolTipRole).toString());
                check(w, "item accessible", index.data(Qt::AccessibleTextRole).toString());
            }
            if (depth < 2)
                visitRows(w, model, model->index(r, 0, parent), depth + 1);
        }
    }

    void visit(const QWidget *w)
    {
        // Qt's own parts (a dock's float and close buttons, ...) carry Qt's translated text.
        if (w->objectName().startsWith(QLatin1String("qt_")))
            return;
        // A tab bar's scroll arrows are Qt's too.
        if (qobject_cast<const QTabBar *>(w->parentWidget()) &&
            qobject_cast<const QToolButton *>(w))
            return;
        if (w->isWindow())
            check(w, "window title", w->windowTitle());
        check(w, "tooltip", w->toolTip());
        check(w, "accessible name", w->accessibleName());
        check(w, "accessible description", w->accessibleDescription());
        for (const QAction *action : w->actions())
            visitAction(w, action);
        if (auto *menu = qobject_cast<const QMenu *>(w))
            check(w, "menu title", menu->title());
        if (auto *label = qobject_cast<const QLabel *>(w))
            check(w, "label", label->text());
        if (auto *button = qobject_cast<const QAbstractButton *>(w)) {
            auto *box = qobject_cast<const QDialogButtonBox *>(button->parentWidget());
            const bool standard =
                box && box->standardButton(const_cast<QAbstractButton *>(button)) !=
                           QDialogButtonBox::NoButton;
            if (!standard)
                check(w, "button", button->text());
        }
        if (auto *group = qobject_cast<const QGroupBox *>(w))
            check(w, "group title", group->title());
        if (auto *dock = qobject_cast<const QDockWidget *>(w))
            check(w, "dock title", dock->windowTitle());
        if (auto *edit = qobject_cast<const QLineEdit *>(w))
            check(w, "placeholder", edit->placeholderText());
        if (auto *edit = qobject_cast<const QPlainTextEdit *>(w))
            check(w, "placeholder", edit->placeholderText());
        if (auto *edit = qobject_cast<const QTextEdit *>(w))
            check(w, "placeholder", edit->placeholderText());
        if (auto *tabs = qobject_cast<const QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                check(w, "tab", tabs->tabText(i));
                check(w, "tab tooltip", tabs->tabToolTip(i));
            }
        }
        if (auto *combo = qobject_cast<const QComboBox *>(w)) {
            for (int i = 0; i < combo->count(); ++i)
                check(w, "combo item", combo->itemText(i));
        }
        if (auto *view = qobject_cast<const QAbstractItemView *>(w);
            view && !qobject_cast<const QHeaderView *>(w) && view->model())
            visitRows(w, view->model(), QModelIndex(), 0);
        if (auto *header = qobject_cast<const QHeaderView *>(w)) {
            if (const QAbstractItemModel *model = header->model()) {
                const int sections =
                    header->orientation() == Qt::Horizontal ? model->columnCount() : 0;
                for (int s = 0; s < sections; ++s) {
                    if (!header->isSectionHidden(s))
                        check(w, "header", model->headerData(s, header->orientation()).toString());
                }
            }
        }
    }

    DataFilter m_stripData;
    QStringList m_found;
};

} // namespace ab::test
