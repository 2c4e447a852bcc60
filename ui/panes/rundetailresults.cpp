#include "panes/rundetailresults.h"

#include "models/jsontreemodel.h"

#include <QAction>
#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScopedValueRollback>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace ab::ui {

using models::JsonTreeModel;

namespace {

constexpr int searchLimit = 1000;

} // namespace

RunDetailResults::RunDetailResults(QWidget *parent)
    : QWidget(parent)
    , m_model(new JsonTreeModel(this))
    , m_search(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_matchLabel(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_note(new QLabel(this))
{
    m_search->setObjectName(QStringLiteral("resultsSearch"));
    m_search->setClearButtonEnabled(true);

    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setAutoRaise(true);
    m_next->setArrowType(Qt::DownArrow);
    m_next->setAutoRaise(true);
    m_matchLabel->setObjectName(QStringLiteral("resultsMatches"));
    m_matchLabel->setForegroundRole(QPalette::PlaceholderText);

    m_view->setObjectName(QStringLiteral("resultsTree"));
    m_view->setModel(m_model);
    // Uniform rows let the view skip measuring each row: a 20,000-element array stays smooth.
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    // The keys are fitted to what they show (fitKeyColumn), measured near the rows in view: a
    // 20,000-element array is not measured whole.
    m_view->header()->setResizeContentsPrecision(200);
    connect(m_view->header(), &QHeaderView::sectionResized, this, [this](int section) {
        if (section == JsonTreeModel::KeyColumn && !m_fittingKeys)
            m_keysSizedByUser = true;
    });
    connect(m_view, &QTreeView::expanded, this, &RunDetailResults::fitKeyColumn);
    connect(m_view, &QTreeView::collapsed, this, &RunDetailResults::fitKeyColumn);
    m_view->viewport()->installEventFilter(this);

    m_note->setObjectName(QStringLiteral("resultsNote"));
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->setAlignment(Qt::AlignCenter);
    m_note->hide();

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_matchLabel);
    bar->addWidget(m_previous);
    bar->addWidget(m_next);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_note, 1);

    auto addShortcut = [this](const QKeySequence &keys, auto slot, QWidget *on) {
        auto *action = new QAction(on);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        on->addAction(action);
    };
    addShortcut(QKeySequence::FindNext, &RunDetailResults::nextMatch, this);
    addShortcut(QKeySequence::FindPrevious, &RunDetailResults::previousMatch, this);
    addShortcut(QKeySequence::Copy, &RunDetailResults::copyValue, m_view);
    addShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), &RunDetailResults::copyPath,
                m_view);

    // Searching a 1 MB document takes a few milliseconds; waiting for a pause in typing keeps
    // each keystroke instant anyway.
    auto *delay = new QTimer(this);
    delay->setSingleShot(true);
    delay->setInterval(250);
    connect(delay, &QTimer::timeout, this, &RunDetailResults::runSearch);
    connect(m_search, &QLineEdit::textChanged, delay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, [this, delay] {
        delay->stop();
        const bool shift = QGuiApplication::keyboardModifiers() & Qt::ShiftModifier;
        if (m_search->text() != m_searched)
            runSearch();
        else if (shift)
            previousMatch();
        else
            nextMatch();
    });
    connect(m_previous, &QToolButton::clicked, this, &RunDetailResults::previousMatch);
    connect(m_next, &QToolButton::clicked, this, &RunDetailResults::nextMatch);
    connect(m_view, &QWidget::customContextMenuRequested, this, &RunDetailResults::showContextMenu);
    retranslateUi();
}

void RunDetailResults::retranslateUi()
{
    m_search->setPlaceholderText(tr("Find in results (keys and values)"));
    m_search->setAccessibleName(tr("Find in results"));
    m_previous->setToolTip(tr("Previous match (Shift+F3)"));
    m_previous->setAccessibleName(tr("Previous match"));
    m_next->setToolTip(tr("Next match (F3)"));
    m_next->setAccessibleName(tr("Next match"));
    m_matchLabel->setAccessibleName(tr("Matches"));
    m_view->setAccessibleName(tr("Results"));
    m_model->retranslate();
    fitTypeColumn();
    updateNote();
    updateMatchLabel();
}

bool RunDetailResults::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitKeyColumn();
    return QWidget::eventFilter(watched, event);
}

void RunDetailResults::fitKeyColumn()
{
    // As wide as the keys in view, but never more than two fifths of the tree, so that the
    // values stay readable in a narrow detail pane. A width the user dragged is theirs.
    if (m_keysSizedByUser || m_model->rowCount() == 0)
        return;
    const int least = fontMetrics().horizontalAdvance(QLatin1Char('m')) * 6;
    const int most = qMax(least, m_view->viewport()->width() * 2 / 5);
    const QScopedValueRollback fitting(m_fittingKeys, true);
    m_view->resizeColumnToContents(JsonTreeModel::KeyColumn);
    QHeaderView *header = m_view->header();
    const int wanted = header->sectionSize(JsonTreeModel::KeyColumn) +
                       fontMetrics().horizontalAdvance(QLatin1Char('m'));
    header->resizeSection(JsonTreeModel::KeyColumn, qBound(least, wanted, most));
}

void RunDetailResults::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RunDetailResults::fitTypeColumn()
{
    // Wide enough for the longest type name in the current language; only ever widened.
    const QFontMetrics metrics = fontMetrics();
    int widest = 0;
    for (const api::JsonTree::Kind kind :
         {api::JsonTree::Kind::Object, api::JsonTree::Kind::Array, api::JsonTree::Kind::String,
          api::JsonTree::Kind::Number, api::JsonTree::Kind::Bool, api::JsonTree::Kind::Null})
        widest = qMax(widest, metrics.horizontalAdvance(JsonTreeModel::kindName(kind)));
    const int wanted = widest + metrics.height() * 2;
    QHeaderView *header = m_view->header();
    if (header->sectionSize(JsonTreeModel::TypeColumn) < wanted)
        header->resizeSection(JsonTreeModel::TypeColumn, wanted);
}

QString RunDetailResults::copiedText(Copied what, const QString &path)
{
    return what == Copied::Path ? tr("Copied the path %1").arg(path) : tr("Copied the value");
}

void RunDetailResults::setJson(const QByteArray &json, const QString &rootName)
{
    if (json == m_json && !m_model->isEmpty())
        return; // a live refresh with the same results keeps the expanded rows
    m_json = json;
    m_matches.clear();
    m_current = -1;
    m_searched.clear();
    m_parseError.clear();
    const bool ok = !json.trimmed().isEmpty() && m_model->setJson(json, rootName, &m_parseError);
    const bool empty = ok && m_model->rowCount() == 0;
    m_noteKind = ok && !empty                        ? Note::None
                 : json.trimmed().isEmpty() || empty ? Note::NoResults
                                                     : Note::Invalid;
    updateNote();
    m_note->setVisible(!ok || empty);
    m_view->setVisible(ok && !empty);
    if (ok && m_model->rowCount() == 1)
        m_view->expand(m_model->index(0, 0)); // a single result record is what people look at
    fitKeyColumn();
    if (!m_search->text().isEmpty())
        runSearch();
    updateMatchLabel();
}

void RunDetailResults::updateNote()
{
    switch (m_noteKind) {
    case Note::None:
        return;
    case Note::NoResults:
        m_note->setText(tr("No results."));
        break;
    case Note::Invalid:
        //: %1 is the JSON parser's own message.
        m_note->setText(tr("The results are not valid JSON (%1).").arg(m_parseError));
        break;
    }
    m_note->setAccessibleName(m_note->text());
}

void RunDetailResults::clear()
{
    m_json.clear();
    m_model->clear();
    m_matches.clear();
    m_current = -1;
    updateMatchLabel();
}

void RunDetailResults::search(const QString &text)
{
    const QSignalBlocker block(m_search);
    m_search->setText(text);
    runSearch();
}

void RunDetailResults::runSearch()
{
    m_searched = m_search->text();
    m_matches = m_model->search(m_searched.trimmed(), searchLimit);
    m_current = -1;
    if (!m_matches.isEmpty())
        showMatch(0);
    updateMatchLabel();
}

void RunDetailResults::nextMatch()
{
    if (m_search->text() != m_searched)
        runSearch();
    else if (!m_matches.isEmpty())
        showMatch((m_current + 1) % int(m_matches.size()));
}

void RunDetailResults::previousMatch()
{
    if (m_search->text() != m_searched)
        runSearch();
    else if (!m_matches.isEmpty())
        showMatch((m_current - 1 + int(m_matches.size())) % int(m_matches.size()));
}

void RunDetailResults::showMatch(int which)
{
    m_current = which;
    const QModelIndex index = m_matches.at(which);
    // Expand only the match's ancestors; never the whole document.
    for (QModelIndex up = index.parent(); up.isValid(); up = up.parent())
        m_view->expand(up);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    updateMatchLabel();
}

void RunDetailResults::updateMatchLabel()
{
    QString text;
    if (!m_searched.trimmed().isEmpty()) {
        if (m_matches.isEmpty())
            text = tr("No matches");
        else if (m_matches.size() >= searchLimit)
            text = tr("%1 of %2+").arg(m_current + 1).arg(m_matches.size());
        else
            text = tr("%1 of %2").arg(m_current + 1).arg(m_matches.size());
    }
    m_matchLabel->setText(text);
    m_matchLabel->setAccessibleDescription(text);
    m_previous->setEnabled(m_matches.size() > 1);
    m_next->setEnabled(m_matches.size() > 1);
}

void RunDetailResults::copyValue()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return;
    QGuiApplication::clipboard()->setText(m_model->copyTextAt(index));
    Q_EMIT copied(Copied::Value, QString());
}

void RunDetailResults::copyPath()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return;
    QGuiApplication::clipboard()->setText(m_model->pathAt(index));
    Q_EMIT copied(Copied::Path, m_model->pathAt(index));
}

void RunDetailResults::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAction *value = menu->addAction(tr("Copy &value"), this, &RunDetailResults::copyValue);
    value->setShortcut(QKeySequence::Copy);
    QAction *path = menu->addAction(tr("Copy &path"), this, &RunDetailResults::copyPath);
    path->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    if (m_model->hasChildren(index)) {
        menu->addSeparator();
        const QModelIndex key = index.siblingAtColumn(0);
        if (m_view->isExpanded(key))
            menu->addAction(tr("&Collapse"), this, [this, key] { m_view->collapse(key); });
        else
            menu->addAction(tr("&Expand"), this, [this, key] { m_view->expand(key); });
    }
    menu->popup(m_view->viewport()->mapToGlobal(pos));
}

} // namespace ab::ui
