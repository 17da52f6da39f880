#pragma once
// Loads Qt's own and ApeDesk's translations for a language: Qt base, then the app, so the app wins.

#include <QList>
#include <QString>

class QCoreApplication;

namespace apedesk::ui {

struct LanguageChoice
{
    QString code;         // "en", "de"
    QString nativeName;   // "English", "Deutsch"
};

// Languages with an embedded translation file (:/translations/apedesk_<code>.qm).
QList<LanguageChoice> availableLanguages();

// language: a code such as "de", or empty for the system locale. Returns the language in use.
QString installTranslators(QCoreApplication *app, const QString &language);

} // namespace apedesk::ui
