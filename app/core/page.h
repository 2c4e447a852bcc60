#pragma once

#include <QList>
#include <QString>

namespace ab::core {

// One page of a limit/offset collection (contract §2.2).
template <typename T> struct Page {
    QList<T> items;
    int count = 0;  // total in the collection (meta.count)
    int offset = 0; // meta.offset (null reads as 0)
    int limit = 0;  // meta.limit (null reads as 0)
    QString next;   // links.next, empty when there is none
    QString previous;
    bool hasNext() const { return !next.isEmpty(); }
};

} // namespace ab::core
