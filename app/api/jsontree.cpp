#include "api/jsontree.h"

#include "api/jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QLocale>

#include <limits>
#include <vector>

namespace ab::api {

namespace {

struct Entry {
    QJsonValue value;
    QString key;            // object member name; empty otherwise
    int index = -1;         // array element index; -1 otherwise
    quint32 parent = 0;     // meaningless for the root
    int row = 0;            // position among the parent's children
    qint64 firstChild = -1; // index of the first child in Data::nodes, once created
};

constexpr qint64 notAnInteger = std::numeric_limits<qint64>::min();

QString numberText(const QJsonValue &value)
{
    // Qt keeps JSON integers as qint64, so large ids survive exactly; other numbers print in
    // the shortest form that reads back the same.
    const qint64 integer = value.toInteger(notAnInteger);
    if (integer != notAnInteger)
        return QString::number(integer);
    return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
}

QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return numberText(value);
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Null:
        return QStringLiteral("null");
    default:
        return {};
    }
}

QString indentedText(const QJsonValue &value)
{
    QByteArray text;
    if (value.isObject())
        text = QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
    else if (value.isArray())
        text = QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
    else
        text = detail::compactJson(value);
    return QString::fromUtf8(text).trimmed();
}

bool isIdentifier(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        const bool letter =
            (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_' || c == u'$';
        if (!letter && !(i > 0 && c >= u'0' && c <= u'9'))
            return false;
    }
    return true;
}

QString quotedKey(const QString &key)
{
    QString out = key;
    out.replace(u'\\', QStringLiteral("\\\\"));
    out.replace(u'"', QStringLiteral("\\\""));
    return QStringLiteral("[\"") + out + QStringLiteral("\"]");
}

} // namespace

struct JsonTree::Data {
    std::vector<Entry> nodes;
    QString rootName;

    const Entry &at(Node node) const { return nodes.at(node); }

    int childCount(Node node) const
    {
        const QJsonValue &value = at(node).value;
        if (value.isObject())
            return int(value.toObject().size());
        if (value.isArray())
            return int(value.toArray().size());
        return 0;
    }

    // Creates all children of `node` at once: a level is what a view expands, and one
    // contiguous block keeps child(row) a simple offset.
    void materialize(Node node)
    {
        if (nodes[node].firstChild >= 0)
            return;
        const QJsonValue value = nodes[node].value;
        const qint64 first = qint64(nodes.size());
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            nodes.reserve(nodes.size() + size_t(object.size()));
            int row = 0;
            for (auto it = object.constBegin(); it != object.constEnd(); ++it, ++row)
                nodes.push_back(Entry{it.value(), it.key(), -1, node, row, -1});
        } else if (value.isArray()) {
            const QJsonArray array = value.toArray();
            nodes.reserve(nodes.size() + size_t(array.size()));
            for (qsizetype i = 0; i < array.size(); ++i)
                nodes.push_back(Entry{array.at(i), QString(), int(i), node, int(i), -1});
        }
        nodes[node].firstChild = first;
    }

    Node child(Node node, int row)
    {
        materialize(node);
        return Node(nodes[node].firstChild + row);
    }
};

std::optional<JsonTree> JsonTree::parse(const QByteArray &json, QString *error)
{
    QJsonValue value;
    QString problem;
    if (!detail::parseJson(json, &value, &problem)) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    JsonTree tree;
    tree.d = std::make_shared<Data>();
    tree.d->nodes.push_back(Entry{value, QString(), -1, 0, 0, -1});
    return tree;
}

QString JsonTree::prettyPrinted(const QByteArray &json)
{
    QJsonValue value;
    QString problem;
    if (!detail::parseJson(json, &value, &problem))
        return QString::fromUtf8(json);
    return indentedText(value);
}

void JsonTree::setRootName(const QString &name)
{
    d->rootName = name;
}

QString JsonTree::rootName() const
{
    return d->rootName;
}

JsonTree::Kind JsonTree::kind(Node node) const
{
    switch (d->at(node).value.type()) {
    case QJsonValue::Bool:
        return Kind::Bool;
    case QJsonValue::Double:
        return Kind::Number;
    case QJsonValue::String:
        return Kind::String;
    case QJsonValue::Array:
        return Kind::Array;
    case QJsonValue::Object:
        return Kind::Object;
    default:
        return Kind::Null;
    }
}

bool JsonTree::isContainer(Node node) const
{
    const Kind k = kind(node);
    return k == Kind::Array || k == Kind::Object;
}

std::optional<JsonTree::Node> JsonTree::parent(Node node) const
{
    if (node == root())
        return std::nullopt;
    return d->at(node).parent;
}

int JsonTree::row(Node node) const
{
    return node == root() ? 0 : d->at(node).row;
}

QString JsonTree::key(Node node) const
{
    return d->at(node).key;
}

int JsonTree::index(Node node) const
{
    return d->at(node).index;
}

int JsonTree::childCount(Node node) const
{
    return d->childCount(node);
}

JsonTree::Node JsonTree::child(Node node, int row) const
{
    Q_ASSERT(row >= 0 && row < childCount(node));
    return d->child(node, row);
}

QString JsonTree::displayValue(Node node, int maxChars) const
{
    const QJsonValue &value = d->at(node).value;
    if (value.isObject() || value.isArray()) {
        const QString count = QString::number(d->childCount(node));
        return value.isObject() ? u'{' + count + u'}' : u'[' + count + u']';
    }
    QString text = scalarText(value);
    if (text.size() > maxChars) {
        text.truncate(qMax(0, maxChars - 1));
        text.append(QChar(0x2026));
    }
    if (value.isString()) {
        // A cell shows one line; the full text is one "Copy value" away.
        text.replace(QStringLiteral("\r\n"), QStringLiteral("\u23ce"));
        text.replace(u'\n', QChar(0x23ce));
        text.replace(u'\r', QChar(0x23ce));
        text.replace(u'\t', u' ');
    }
    return text;
}

QString JsonTree::valueText(Node node) const
{
    const QJsonValue &value = d->at(node).value;
    if (value.isObject() || value.isArray())
        return indentedText(value);
    return scalarText(value);
}

QString JsonTree::copyText(Node node) const
{
    return indentedText(d->at(node).value);
}

QString JsonTree::path(Node node) const
{
    QStringList parts;
    for (Node at = node; at != root(); at = d->at(at).parent) {
        const Entry &entry = d->at(at);
        if (entry.index >= 0)
            parts.prepend(u'[' + QString::number(entry.index) + u']');
        else if (isIdentifier(entry.key))
            parts.prepend(u'.' + entry.key);
        else
            parts.prepend(quotedKey(entry.key));
    }
    QString out = d->rootName + parts.join(QString());
    if (d->rootName.isEmpty() && out.startsWith(u'.'))
        out.remove(0, 1);
    return out;
}

std::optional<JsonTree::Node> JsonTree::nodeForPath(const QString &path) const
{
    qsizetype pos = 0;
    if (!d->rootName.isEmpty()) {
        if (!path.startsWith(d->rootName))
            return std::nullopt;
        pos = d->rootName.size();
    }
    Node node = root();
    auto findKey = [this](Node parentNode, const QString &name) -> std::optional<Node> {
        if (kind(parentNode) != Kind::Object)
            return std::nullopt;
        const int count = childCount(parentNode);
        for (int row = 0; row < count; ++row) {
            const Node candidate = child(parentNode, row);
            if (d->at(candidate).key == name)
                return candidate;
        }
        return std::nullopt;
    };
    bool first = true;
    while (pos < path.size()) {
        const QChar c = path.at(pos);
        std::optional<Node> next;
        if (c == u'[' && pos + 1 < path.size() && path.at(pos + 1) == u'"') {
            // ["a key"]: read up to the unescaped closing quote.
            QString name;
            qsizetype i = pos + 2;
            for (; i < path.size() && path.at(i) != u'"'; ++i) {
                if (path.at(i) == u'\\' && i + 1 < path.size())
                    ++i;
                name.append(path.at(i));
            }
            if (i + 1 >= path.size() || path.at(i + 1) != u']')
                return std::nullopt;
            next = findKey(node, name);
            pos = i + 2;
        } else if (c == u'[') {
            const qsizetype close = path.indexOf(u']', pos);
            bool ok = false;
            const int row = close < 0 ? -1 : path.mid(pos + 1, close - pos - 1).toInt(&ok);
            if (!ok || kind(node) != Kind::Array || row < 0 || row >= childCount(node))
                return std::nullopt;
            next = child(node, row);
            pos = close + 1;
        } else {
            if (c == u'.')
                ++pos;
            else if (!first || !d->rootName.isEmpty())
                return std::nullopt;
            qsizetype end = pos;
            while (end < path.size() && path.at(end) != u'.' && path.at(end) != u'[')
                ++end;
            next = findKey(node, path.mid(pos, end - pos));
            pos = end;
        }
        if (!next)
            return std::nullopt;
        node = *next;
        first = false;
    }
    return node;
}

QList<JsonTree::Match> JsonTree::search(const QString &text, int limit) const
{
    QList<Match> matches;
    if (text.isEmpty() || limit <= 0)
        return matches;
    std::vector<int> rows; // the rows from the root to the value being looked at

    auto record = [&](bool inKey) {
        Node node = root();
        for (int row : rows)
            node = d->child(node, row);
        matches.append(Match{node, path(node), inKey});
    };
    // Recursion depth is bounded by the parser's nesting limit (Qt refuses deeper documents).
    auto walk = [&](auto &&self, const QJsonValue &value) -> void {
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            int row = 0;
            for (auto it = object.constBegin(); it != object.constEnd(); ++it, ++row) {
                if (matches.size() >= limit)
                    return;
                rows.push_back(row);
                const QJsonValue member = it.value();
                if (it.key().contains(text, Qt::CaseInsensitive))
                    record(true);
                else if (!member.isObject() && !member.isArray() &&
                         scalarText(member).contains(text, Qt::CaseInsensitive))
                    record(false);
                self(self, member);
                rows.pop_back();
            }
        } else if (value.isArray()) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (matches.size() >= limit)
                    return;
                rows.push_back(int(i));
                const QJsonValue element = array.at(i);
                if (!element.isObject() && !element.isArray() &&
                    scalarText(element).contains(text, Qt::CaseInsensitive))
                    record(false);
                self(self, element);
                rows.pop_back();
            }
        }
    };
    const QJsonValue &rootValue = d->at(root()).value;
    if (!rootValue.isObject() && !rootValue.isArray()) {
        if (scalarText(rootValue).contains(text, Qt::CaseInsensitive))
            matches.append(Match{root(), path(root()), false});
        return matches;
    }
    walk(walk, rootValue);
    return matches;
}

int JsonTree::materializedCount() const
{
    return int(d->nodes.size());
}

} // namespace ab::api
