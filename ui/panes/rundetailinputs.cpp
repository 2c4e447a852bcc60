#include "panes/rundetailinputs.h"

#include "api/jsontext.h"
#include "core/field.h"

#include <QAction>
#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>

namespace ab::ui {

namespace {

constexpr int IdRole = Qt::UserRole;         // column 0: the field id
constexpr int SentRole = Qt::UserRole;       // column 1: the value as sent, as text
constexpr int SecretRole = Qt::UserRole + 1; // column 1: true for a password field

QString valueText(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QVariantList:
    case QMetaType::QVariantMap:
    case QMetaType::QStringList:
        return QString::fromUtf8(api::toJsonText(value));
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return value.isNull() ? QString() : value.toString();
    }
}

} // namespace

RunDetailInputs::RunDetailInputs(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("runInputs"));
    setColumnCount(2);
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(true);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, &RunDetailInputs::showContextMenu);
    retranslateUi();
}

QString RunDetailInputs::copiedText(Copied what, const QString &field)
{
    switch (what) {
    case Copied::Value:
        return tr("Copied the value of %1").arg(field);
    case Copied::FieldId:
        return tr("Copied the field id %1").arg(field);
    case Copied::SecretNotCopied:
        break;
    }
    return tr("%1 is a password field: its value is not copied.").arg(field);
}

void RunDetailInputs::setRun(const runs::RunRecord &run)
{
    m_secrets = run.secretInputs;
    m_inputs = run.inputs;
    m_labels = run.inputLabels;
    m_fieldsJson = run.fieldsJson;
    fill();
}

void RunDetailInputs::fill()
{
    QMap<QString, QString> titles;
    QStringList order;
    // flattenInputs points into the tree, so the tree must outlive the loop.
    const QList<core::FieldNode> fields = api::decodeFieldTree(m_fieldsJson);
    for (const core::FieldNode *field : core::flattenInputs(fields)) {
        titles.insert(field->id, field->title);
        order.append(field->id);
    }
    // Inputs the schema does not list (or a run kept without one) follow in key order.
    for (auto it = m_inputs.cbegin(); it != m_inputs.cend(); ++it) {
        if (!order.contains(it.key()))
            order.append(it.key());
    }
    order.removeIf([this](const QString &id) { return !m_inputs.contains(id); });

    // Rows are reused, so a live refresh or a language change keeps the current row.
    const int rows = order.isEmpty() ? 1 : int(order.size());
    while (topLevelItemCount() > rows)
        delete takeTopLevelItem(topLevelItemCount() - 1);
    while (topLevelItemCount() < rows)
        new QTreeWidgetItem(this);
    static const Qt::ItemFlags rowFlags = QTreeWidgetItem().flags();
    if (order.isEmpty()) {
        QTreeWidgetItem *item = topLevelItem(0);
        item->setText(0, tr("No inputs"));
        item->setText(1, QString());
        for (int column : {0, 1}) {
            item->setToolTip(column, QString());
            item->setData(column, Qt::UserRole, QVariant());
        }
        item->setData(1, SecretRole, QVariant());
        item->setFlags(Qt::NoItemFlags);
        resizeColumnToContents(0);
        return;
    }
    for (int row = 0; row < order.size(); ++row) {
        const QString &id = order.at(row);
        QTreeWidgetItem *item = topLevelItem(row);
        item->setFlags(rowFlags);
        item->setText(0, titles.value(id).isEmpty() ? id : titles.value(id));
        item->setToolTip(0, id);
        item->setData(0, IdRole, id);
        const bool secret = m_secrets.contains(id);
        item->setData(1, SecretRole, secret);
        if (secret) {
            // A password field: kept for Re-run and Restore, never shown (a screen may be shared).
            item->setText(1, core::secretInputMask());
            item->setToolTip(1, tr("A password field: its value is hidden here, and left out of "
                                   "the API calls and the cURL command."));
            item->setData(1, SentRole, QVariant());
            continue;
        }
        const QString value = valueText(m_inputs.value(id));
        const QString label = m_labels.value(id).toString();
        // A SELECT shows the label the user picked, with the id that was sent.
        item->setText(1,
                      label.isEmpty() || label == value ? value : tr("%1 (%2)").arg(label, value));
        item->setToolTip(1, value);
        item->setData(1, SentRole, value);
    }
    resizeColumnToContents(0);
}

QString RunDetailInputs::fieldIdAt(int row) const
{
    const QTreeWidgetItem *item = topLevelItem(row);
    return item ? item->data(0, IdRole).toString() : QString();
}

QString RunDetailInputs::valueTextAt(int row) const
{
    const QTreeWidgetItem *item = topLevelItem(row);
    return item ? item->data(1, SentRole).toString() : QString();
}

QString RunDetailInputs::titleAt(int row) const
{
    const QTreeWidgetItem *item = topLevelItem(row);
    return item ? item->text(0) : QString();
}

void RunDetailInputs::copyValue()
{
    const int row = indexOfTopLevelItem(currentItem());
    if (fieldIdAt(row).isEmpty())
        return;
    if (topLevelItem(row)->data(1, SecretRole).toBool()) {
        Q_EMIT copied(Copied::SecretNotCopied, titleAt(row));
        return;
    }
    QGuiApplication::clipboard()->setText(valueTextAt(row));
    Q_EMIT copied(Copied::Value, titleAt(row));
}

void RunDetailInputs::copyFieldId()
{
    const int row = indexOfTopLevelItem(currentItem());
    if (fieldIdAt(row).isEmpty())
        return;
    QGuiApplication::clipboard()->setText(fieldIdAt(row));
    Q_EMIT copied(Copied::FieldId, fieldIdAt(row));
}

void RunDetailInputs::showContextMenu(const QPoint &pos)
{
    QTreeWidgetItem *item = itemAt(pos);
    if (!item || fieldIdAt(indexOfTopLevelItem(item)).isEmpty())
        return;
    setCurrentItem(item);
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAction *value = menu->addAction(tr("Copy &value"), this, &RunDetailInputs::copyValue);
    value->setShortcut(QKeySequence::Copy);
    // A password field's value stays off the clipboard; the item says why.
    value->setEnabled(!item->data(1, SecretRole).toBool());
    QAction *id = menu->addAction(tr("Copy field &id"), this, &RunDetailInputs::copyFieldId);
    id->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    menu->popup(viewport()->mapToGlobal(pos));
}

void RunDetailInputs::retranslateUi()
{
    setHeaderLabels({tr("Field"), tr("Value")});
    setAccessibleName(tr("Inputs"));
    setAccessibleDescription(tr("Ctrl+C copies a value, Ctrl+Shift+C its field id."));
}

void RunDetailInputs::keyPressEvent(QKeyEvent *event)
{
    // The item view's own Ctrl+C would copy the text shown (a label, or the mask), not what
    // was sent.
    if (event == QKeySequence::Copy) {
        copyValue();
        event->accept();
        return;
    }
    if (event->keyCombination() == QKeyCombination(Qt::CTRL | Qt::SHIFT, Qt::Key_C)) {
        copyFieldId();
        event->accept();
        return;
    }
    QTreeWidget::keyPressEvent(event);
}

void RunDetailInputs::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        fill();
    }
    QTreeWidget::changeEvent(event);
}

} // namespace ab::ui
