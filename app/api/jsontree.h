#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

// A typed, lazy, read-only view of one JSON document, for code above api/ that shows JSON
// (results, request bodies) and must not include QJson. The document is parsed once; a node's
// children are created the first time one of them is asked for, so opening a 1 MB result costs
// the parse and nothing per value until the user expands something.
namespace ab::api {

class JsonTree {
public:
    enum class Kind { Null, Bool, Number, String, Array, Object };

    // An opaque handle to one node, valid for the tree (and its copies) that returned it.
    // Copies of a JsonTree share their nodes, so handles stay valid across copies.
    using Node = quint32;

    struct Match {
        Node node = 0;
        QString path;
        bool inKey = false; // the text was found in the key (else in the value)
    };

    // Parses any JSON value (object, array or a scalar). On failure returns nothing and sets
    // `*error` (the parser's message with the byte offset) if given.
    static std::optional<JsonTree> parse(const QByteArray &json, QString *error = nullptr);

    // Indented JSON text of `json` when it parses, else `json` as UTF-8 text unchanged (a
    // truncated or non-JSON body is shown as it is).
    static QString prettyPrinted(const QByteArray &json);

    // The name paths start with ("results" gives "results[0].id"); empty by default
    // ("[0].id", "id").
    void setRootName(const QString &name);
    QString rootName() const;

    Node root() const { return 0; }
    Kind kind(Node node) const;
    bool isContainer(Node node) const;
    std::optional<Node> parent(Node node) const;
    int row(Node node) const;     // position among its parent's children; 0 for the root
    QString key(Node node) const; // object member name; empty for array elements and the root
    int index(Node node) const;   // array element index; -1 when not an array element
    int childCount(Node node) const;
    Node child(Node node, int row) const; // `row` in [0, childCount); created on first use

    // One line for a table cell: strings unquoted with line breaks shown as "⏎" and cut to
    // `maxChars` with "…"; numbers, true/false/null as written; "{3}" / "[12]" for containers.
    QString displayValue(Node node, int maxChars = 200) const;
    // The whole value: strings unquoted, scalars as written, containers as indented JSON.
    QString valueText(Node node) const;
    // The value as JSON text (strings quoted and escaped, containers indented).
    QString copyText(Node node) const;
    // "results[0].fields.Name"; keys that are not identifiers read ["a key"].
    QString path(Node node) const;
    // The node a path() names, or nothing; creates the nodes along the way.
    std::optional<Node> nodeForPath(const QString &path) const;

    // Keys and scalar values containing `text` (case-insensitive), in document order, at most
    // `limit` of them. Walks the parsed document without creating nodes except the matches
    // (and their ancestors), so it stays fast on large documents.
    QList<Match> search(const QString &text, int limit = 1000) const;

    // Nodes created so far (the root included); for tests of laziness.
    int materializedCount() const;

    struct Data; // internal

private:
    JsonTree() = default;
    std::shared_ptr<Data> d;
};

} // namespace ab::api
