#pragma once

#include "core/field.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace ab::form {

// Pages of /choices already fetched, so re-opening a combo box costs no request. A key names
// what the choices can depend on: the action (by its stable key, not the ephemeral id), the
// connection (another account has other spreadsheets), the field, and the values of the fields
// it depends_on. A changed depended-on value is a different key, so stale choices are never
// served; old keys age out by least-recent use.
class ChoiceCache final {
public:
    struct Key {
        QString actionKey;
        QString connectionId;
        QString fieldId;
        QVariantMap dependsOn; // depended-on field id -> value; empty when nothing is depended on

        bool operator==(const Key &) const = default;
    };

    explicit ChoiceCache(int capacity = 64);

    void insert(const Key &key, const core::ChoicePage &page);
    std::optional<core::ChoicePage> page(const Key &key, int page) const;
    // Every choice of pages 1..n that are cached without a gap, in page order.
    QList<core::Choice> choices(const Key &key) const;
    // The first page not cached after the contiguous run from page 1; 0 when the last cached
    // page of that run says there is no next page (every choice is known).
    int nextMissingPage(const Key &key) const;
    bool isComplete(const Key &key) const { return nextMissingPage(key) == 0; }

    // Over the contiguous cached pages: an exact id first, then an exact label, then a label
    // ignoring case, then an exact value (the CLI accepts `--set sheet=<id or label>`).
    std::optional<core::Choice> find(const Key &key, const QString &text) const;

    void clear();
    int size() const { return int(m_entries.size()); }

private:
    struct Entry {
        Key key;
        QMap<int, core::ChoicePage> pages;
    };
    const Entry *entry(const Key &key) const;

    int m_capacity;
    QList<Entry> m_entries; // most recently written last; few enough for a linear search
};

} // namespace ab::form
