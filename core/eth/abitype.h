#pragma once
// The Solidity ABI type model (uintN, intN, address, bool, bytesN, bytes, string, T[], T[k], tuples) and
// the signatures cast accepts: "transfer(address,uint256)", "f(uint256 x)(bool ok)",
// "function f(uint a) external returns (uint256)". Parsing is strict and bounded, so a hostile type
// string can neither recurse without end nor describe a static size that overflows.

#include "common/error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace apedesk::eth::abi {

constexpr int kMaxTypeDepth = 32;                    // nesting of arrays and tuples
constexpr qsizetype kMaxStaticSize = 1 << 24;        // bytes a static type may occupy in a head

class Type
{
public:
    enum class Kind { Uint, Int, Address, Bool, FixedBytes, Bytes, String, Array, FixedArray, Tuple };

    Type() : Type(Kind::Uint, 256) {}
    static Type uintType(int bits = 256) { return Type(Kind::Uint, bits); }
    static Type intType(int bits = 256) { return Type(Kind::Int, bits); }
    static Type address() { return Type(Kind::Address, 0); }
    static Type boolean() { return Type(Kind::Bool, 0); }
    static Type fixedBytes(int size) { return Type(Kind::FixedBytes, size); }
    static Type bytes() { return Type(Kind::Bytes, 0); }
    static Type string() { return Type(Kind::String, 0); }
    static Type array(Type element);
    // The caller keeps length * element size within kMaxStaticSize (parse() checks it).
    static Type fixedArray(Type element, int length);
    // names: one per component (may be empty strings), or none at all.
    static Type tuple(QList<Type> components, QStringList names = {});

    // "uint256", "(address,bytes)[2]": what selectors and topics hash.
    static Result<Type> parse(QStringView text);

    Kind kind() const { return m_kind; }
    int bits() const { return m_size; }           // Uint, Int
    int byteSize() const { return m_size; }       // FixedBytes
    int length() const { return m_size; }         // FixedArray
    const Type &element() const { return m_children.first(); }   // Array, FixedArray
    const QList<Type> &components() const { return m_children; } // Tuple
    const QStringList &componentNames() const { return m_names; }
    bool isDynamic() const { return m_dynamic; }
    // Bytes this type takes in the head of its enclosing tuple: 32 when dynamic, else its full size.
    qsizetype headSize() const { return m_headSize; }
    int depth() const { return m_depth; }
    QString canonical() const;

    // Structural equality; component names do not count.
    friend bool operator==(const Type &a, const Type &b)
    {
        return a.m_kind == b.m_kind && a.m_size == b.m_size && a.m_children == b.m_children;
    }
    friend bool operator!=(const Type &a, const Type &b) { return !(a == b); }

private:
    Type(Kind kind, int size);
    void computeLayout();

    Kind m_kind;
    int m_size;
    QList<Type> m_children;
    QStringList m_names;
    bool m_dynamic = false;
    qsizetype m_headSize = 32;
    int m_depth = 0;
};

// "(uint256,address)" of a parameter list, used for the canonical signature.
QString canonicalList(const QList<Type> &types);

struct Param
{
    QString name;   // may be empty
    Type type;
    bool indexed = false;   // events only
};

QList<Type> typesOf(const QList<Param> &params);

// A function (or error or event) signature as cast reads it. Outputs are optional: "f(uint256)(bool)"
// or "function f(uint256) returns (bool)".
struct Signature
{
    QString name;
    QList<Param> inputs;
    QList<Param> outputs;

    static Result<Signature> parse(QStringView text);
    QString canonical() const;   // "name(type1,type2)"
    QByteArray selector() const; // first 4 bytes of keccak256(canonical())
};

// The first 4 bytes of keccak256 of a canonical signature text.
QByteArray selectorOf(QStringView canonicalSignature);

} // namespace apedesk::eth::abi
