#pragma once

#include "panes/historycelldelegate.h"

#include <QCache>
#include <QFont>
#include <QStaticText>

namespace ab::ui {

// Paints the text columns of HistoryModel (time, app, action, connection, duration) the way
// QStyledItemDelegate does, from a cache: a text is elided to its cell's width and laid out
// once (QStaticText), keyed by the text and the width, so a changed text or a resized column
// simply finds no entry, and a font change empties the cache. A history repeats its apps,
// actions, connections and durations on row after row, so scrolling to rows never shown
// before mostly draws glyphs already laid out instead of shaping and eliding every cell.
class HistoryTextDelegate final : public HistoryCellDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryTextDelegate)

public:
    explicit HistoryTextDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // The texts laid out so far, as shown (elided); for tests.
    QStringList shownTexts() const;

private:
    struct Key {
        QString text;
        int width;
        friend bool operator==(const Key &a, const Key &b)
        {
            return a.width == b.width && a.text == b.text;
        }
        friend size_t qHash(const Key &key, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, key.text, key.width);
        }
    };

    // Several screens' worth of distinct texts; older ones are laid out again when needed.
    mutable QCache<Key, QStaticText> m_texts{4096};
    mutable QFont m_font; // what the cached texts were laid out in
};

} // namespace ab::ui
