#include "translations.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace apedesk::ui {

QList<LanguageChoice> availableLanguages()
{
    QList<LanguageChoice> languages;
    const QStringList files = QDir(QStringLiteral(":/translations")).entryList({QStringLiteral("apedesk_*.qm")});
    for (const QString &file : files) {
        const QString code = file.mid(8, file.size() - 8 - 3);
        languages.append({code, QLocale(code).nativeLanguageName()});
    }
    return languages;
}

QString installTranslators(QCoreApplication *app, const QString &language)
{
    // Remove what an earlier call installed, so a test can switch languages.
    const QList<QTranslator *> old = app->findChildren<QTranslator *>(QStringLiteral("apedeskTranslator"));
    for (QTranslator *translator : old) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);

    auto load = [app](const QLocale &locale, const QString &name, const QString &prefix, const QString &dir) {
        auto *translator = new QTranslator(app);
        translator->setObjectName(QStringLiteral("apedeskTranslator"));
        if (translator->load(locale, name, prefix, dir)) {
            QCoreApplication::installTranslator(translator);
            return true;
        }
        delete translator;
        return false;
    };
    load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    const bool ours = load(locale, QStringLiteral("apedesk"), QStringLiteral("_"), QStringLiteral(":/translations"));
    qCDebug(lcUi) << "language" << locale.name() << (ours ? "translated" : "English fallback");
    return locale.name();
}

} // namespace apedesk::ui
