#include "traderexportbox.h"

#include "classbalancebar.h"
#include "pool/flowlayout.h"
#include "traderstyle.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTextDocument>
#include <QVBoxLayout>

namespace apedesk::ui {

namespace {
// The report's action keys in the bar's order.
const char *const kActions[] = {"HOLD", "BUY", "SELL"};
} // namespace

TraderExportBox::TraderExportBox(QWidget *parent) : QGroupBox(tr("Distillation dataset"), parent)
{
    setObjectName(QStringLiteral("traderExportBox"));
    m_episodes = new QSpinBox(this);
    m_episodes->setObjectName(QStringLiteral("traderExportEpisodesSpin"));
    m_episodes->setRange(1, 100000);
    m_episodes->setValue(20);
    m_steps = new QSpinBox(this);
    m_steps->setObjectName(QStringLiteral("traderExportStepsSpin"));
    m_steps->setRange(1, 100000);
    m_steps->setValue(100);
    m_export = new QPushButton(tr("Export dataset…"), this);
    m_export->setObjectName(QStringLiteral("traderExportButton"));
    m_export->setToolTip(tr("Write prompt/completion pairs whose labels are the policy's own greedy decisions."));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("traderExportSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bar = new ClassBalanceBar(this);
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("traderExportLegend"));
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);

    // Side by side, or wrapped in a narrow dock.
    auto *settings = new QWidget(this);
    settings->setObjectName(QStringLiteral("traderExportSettings"));
    auto *flow = new FlowLayout(settings, 12, 4);
    flow->setContentsMargins(0, 0, 0, 0);
    const auto pair = [settings, flow](const QString &text, const char *name, QWidget *field) {
        auto *box = new QWidget(settings);
        box->setObjectName(QLatin1String(name) + QStringLiteral("Pair"));
        auto *row = new QHBoxLayout(box);
        row->setContentsMargins(0, 0, 0, 0);
        auto *label = new QLabel(text, box);
        label->setObjectName(QLatin1String(name));
        row->addWidget(label);
        row->addWidget(field);
        flow->addWidget(box);
    };
    pair(tr("Episodes:"), "traderExportEpisodesLabel", m_episodes);
    pair(tr("Steps each:"), "traderExportStepsLabel", m_steps);
    flow->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(4);
    layout->addWidget(settings);
    layout->addWidget(m_summary);
    layout->addWidget(m_bar);
    layout->addWidget(m_legend);

    connect(m_export, &QPushButton::clicked, this, &TraderExportBox::askExport);
    clearReport();
}

void TraderExportBox::setExportEnabled(bool enabled) { m_export->setEnabled(enabled); }

void TraderExportBox::askExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the trader's decisions"), m_defaultOutput,
                                                      tr("JSON Lines (*.jsonl);;All files (*)"));
    if (!path.isEmpty())
        Q_EMIT exportRequested(path, m_episodes->value(), m_steps->value());
}

void TraderExportBox::showReport(const QJsonObject &report)
{
    const QLocale locale;
    const QJsonObject actions = report.value(QStringLiteral("actions")).toObject();
    const QJsonObject files = report.value(QStringLiteral("files")).toObject();
    const int examples = report.value(QStringLiteral("examples")).toInt();
    // The file's name; the whole path (and its companions) in the tooltip.
    const QString jsonl = QDir::toNativeSeparators(files.value(QStringLiteral("jsonl")).toString());
    m_summary->setText(tr("%n examples from %1 episodes in %2", nullptr, examples)
                           .arg(locale.toString(report.value(QStringLiteral("episodes")).toInt()), QFileInfo(jsonl).fileName()));
    QStringList written;
    for (const char *key : {"jsonl", "chat", "states", "report"})
        written << QDir::toNativeSeparators(files.value(QLatin1String(key)).toString());
    m_summary->setToolTip(written.join(QLatin1Char('\n')));
    std::array<int, 3> counts{};
    QStringList legend;
    const QPalette p = palette();
    const QColor colors[3] = {traderstyle::holdColor(p), traderstyle::buyColor(p), traderstyle::sellColor(p)};
    for (int a = 0; a < 3; ++a) {
        const QJsonObject action = actions.value(QLatin1String(kActions[a])).toObject();
        counts[a] = action.value(QStringLiteral("count")).toInt();
        // Action names and canary words are the dataset's own tokens: shown as written.
        const QString item = tr("%1 (%2): %3 · %4 %")
                                 .arg(QLatin1String(kActions[a]), action.value(QStringLiteral("canary")).toString(),
                                      locale.toString(counts[a]),
                                      locale.toString(action.value(QStringLiteral("share")).toDouble() * 100, 'f', 1));
        // Each item wraps as a whole: a narrow dock breaks the line between items, not inside one.
        legend << QStringLiteral("<span style=\"color:%1\">■</span>&nbsp;%2")
                      .arg(colors[a].name(), item.toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;")));
    }
    m_bar->setCounts(counts);
    m_legend->setText(legend.join(QStringLiteral("&nbsp;&nbsp; ")));
    m_bar->setVisible(true);
    m_legend->setVisible(true);
}

void TraderExportBox::clearReport()
{
    m_summary->setText(tr("No export yet: the dataset's labels are the policy's own decisions, so train a run first."));
    m_bar->setCounts({});
    m_bar->setVisible(false);
    m_legend->clear();
    m_legend->setVisible(false);
}

QString TraderExportBox::reportText() const
{
    if (m_legend->isHidden())
        return m_summary->text();
    QTextDocument legend;   // the legend as a person reads it, without its markup
    legend.setHtml(m_legend->text());
    return QString(m_summary->text() + QLatin1Char('\n') + legend.toPlainText().replace(QChar::Nbsp, QLatin1Char(' ')));
}

} // namespace apedesk::ui
