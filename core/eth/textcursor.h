#pragma once
// A read position in a piece of text, shared by the ABI type and argument parsers.

#include "common/error.h"

#include <QStringView>

namespace apedesk::eth {

class TextCursor
{
public:
    explicit TextCursor(QStringView text) : m_text(text) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text[m_pos]; }
    void skipSpace()
    {
        while (!atEnd() && m_text[m_pos].isSpace())
            ++m_pos;
    }
    bool accept(QChar c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    // A format error that says where in the text it happened.
    Error error(const QString &message) const
    {
        return Error::make(Error::Kind::Format, message,
                           QStringLiteral("at position %1 of \"%2\"").arg(m_pos).arg(m_text.left(200)));
    }

protected:
    QStringView m_text;
    qsizetype m_pos = 0;
};

} // namespace apedesk::eth
