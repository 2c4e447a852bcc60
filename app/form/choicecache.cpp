#include "form/choicecache.h"

namespace ab::form {

using core::Choice;
using core::ChoicePage;

ChoiceCache::ChoiceCache(int capacity)
    : m_capacity(qMax(1, capacity))
{}

void ChoiceCache::insert(const Key &key, const ChoicePage &page)
{
    Entry updated;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).key == key) {
            updated = m_entries.takeAt(i);
            break;
        }
    }
    updated.key = key;
    updated.pages.insert(page.page, page);
    m_entries.append(std::move(updated));
    while (m_entries.size() > m_capacity)
        m_entries.removeFirst();
}

const ChoiceCache::Entry *ChoiceCache::entry(const Key &key) const
{
    for (const Entry &candidate : m_entries) {
        if (candidate.key == key)
            return &candidate;
    }
    return nullptr;
}

std::optional<ChoicePage> ChoiceCache::page(const Key &key, int page) const
{
    const Entry *found = entry(key);
    if (!found || !found->pages.contains(page))
        return std::nullopt;
    return found->pages.value(page);
}

QList<Choice> ChoiceCache::choices(const Key &key) const
{
    QList<Choice> all;
    const Entry *found = entry(key);
    if (!found)
        return all;
    for (int number = 1; found->pages.contains(number); ++number) {
        const ChoicePage &current = found->pages[number];
        all.append(current.choices);
        if (!current.hasNext)
            break;
    }
    return all;
}

int ChoiceCache::nextMissingPage(const Key &key) const
{
    const Entry *found = entry(key);
    if (!found)
        return 1;
    int number = 1;
    for (; found->pages.contains(number); ++number) {
        if (!found->pages[number].hasNext)
            return 0;
    }
    return number;
}

std::optional<Choice> ChoiceCache::find(const Key &key, const QString &text) const
{
    if (text.isEmpty())
        return std::nullopt;
    const QList<Choice> all = choices(key);
    const auto firstWhere = [&all](auto predicate) -> std::optional<Choice> {
        for (const Choice &choice : all) {
            if (predicate(choice))
                return choice;
        }
        return std::nullopt;
    };
    if (auto byId = firstWhere([&text](const Choice &c) { return c.id == text; }))
        return byId;
    if (auto byLabel = firstWhere([&text](const Choice &c) { return c.label == text; }))
        return byLabel;
    if (auto byFolded = firstWhere([&text](const Choice &c) {
            return !c.label.isEmpty() && c.label.compare(text, Qt::CaseInsensitive) == 0;
        }))
        return byFolded;
    return firstWhere([&text](const Choice &c) { return c.value == text; });
}

void ChoiceCache::clear()
{
    m_entries.clear();
}

} // namespace ab::form
