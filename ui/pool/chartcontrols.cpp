#include "chartcontrols.h"

#include "flowlayout.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QMenu>
#include <QSignalBlocker>
#include <QToolButton>

namespace apedesk::ui {

using charts::SwapChartStack;

ChartControls::ChartControls(SwapChartStack *charts, QWidget *parent) : QWidget(parent), m_charts(charts)
{
    setObjectName(QStringLiteral("chartControls"));
    auto *flow = new FlowLayout(this, 6, 4);

    auto *ranges = new QWidget(this);
    ranges->setObjectName(QStringLiteral("chartRangeButtons"));
    auto *rangeRow = new QHBoxLayout(ranges);
    rangeRow->setContentsMargins(0, 0, 0, 0);
    rangeRow->setSpacing(2);
    const auto add = [&](const char *name, const QString &text, const QString &tip, SwapChartStack::Range range) {
        rangeRow->addWidget(addRangeButton(QLatin1String(name), text, tip, range));
    };
    add("range1hButton", tr("1 h"), tr("The last hour before the newest swap."), SwapChartStack::Range::Hour);
    add("range1dButton", tr("1 d"), tr("The last day before the newest swap."), SwapChartStack::Range::Day);
    add("range1wButton", tr("1 w"), tr("The last week before the newest swap."), SwapChartStack::Range::Week);
    add("rangeAllButton", tr("All"), tr("Every stored swap of the pool."), SwapChartStack::Range::All);
    flow->addWidget(ranges);

    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("chartModePicker"));
    m_mode->addItem(tr("Line"), int(SwapChartStack::Mode::Line));
    m_mode->addItem(tr("Candles"), int(SwapChartStack::Mode::Candles));
    m_mode->setToolTip(tr("The price as a line through every swap, or as OHLC candles per interval."));
    flow->addWidget(m_mode);

    m_interval = new QComboBox(this);
    m_interval->setObjectName(QStringLiteral("chartIntervalPicker"));
    m_interval->addItem(tr("Auto"), 0);
    for (qint64 seconds : charts::candleIntervals())
        m_interval->addItem(SwapChartStack::intervalName(seconds), seconds);
    m_interval->setToolTip(tr("The interval of candles and bars; Auto picks one that suits the range."));
    m_interval->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    flow->addWidget(m_interval);

    m_export = new QToolButton(this);
    m_export->setObjectName(QStringLiteral("chartExportButton"));
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    m_export->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(m_export);
    menu->setObjectName(QStringLiteral("chartExportMenu"));
    m_exportPng = menu->addAction(tr("Charts as PNG…"));
    m_exportPng->setObjectName(QStringLiteral("exportPngAction"));
    m_exportCandles = menu->addAction(tr("Shown candles as CSV…"));
    m_exportCandles->setObjectName(QStringLiteral("exportCandlesCsvAction"));
    m_exportCandles->setToolTip(tr("Time, open, high, low, close, volume and swaps per interval of the shown range."));
    m_export->setMenu(menu);
    flow->addWidget(m_export);

    connect(m_mode, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        m_charts->setMode(SwapChartStack::Mode(m_mode->currentData().toInt()));
    });
    connect(m_interval, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { m_charts->setInterval(m_interval->currentData().toLongLong()); });
    connect(m_charts, &SwapChartStack::rangeChanged, this, &ChartControls::showRange);
    // The pickers mirror the charts when something else (a test, a later shortcut) changes them.
    connect(m_charts, &SwapChartStack::modeChanged, this, [this](SwapChartStack::Mode mode) {
        const QSignalBlocker block(m_mode);
        m_mode->setCurrentIndex(m_mode->findData(int(mode)));
    });
    connect(m_charts, &SwapChartStack::intervalChanged, this, [this](qint64 seconds) {
        const QSignalBlocker block(m_interval);
        m_interval->setCurrentIndex(std::max(0, m_interval->findData(seconds)));
    });
    connect(m_charts, &SwapChartStack::frameApplied, this, &ChartControls::updateIntervalText);
    connect(m_charts, &SwapChartStack::pointsChanged, this, [this](int count) {
        for (const auto &[button, range] : std::as_const(m_rangeButtons))
            button->setEnabled(count > 0);
        m_export->setEnabled(count > 0);
    });
    showRange(m_charts->range());
    for (const auto &[button, range] : std::as_const(m_rangeButtons))
        button->setEnabled(m_charts->pointCount() > 0);
    m_export->setEnabled(m_charts->pointCount() > 0);
}

QToolButton *ChartControls::addRangeButton(const QString &objectName, const QString &text, const QString &toolTip,
                                           SwapChartStack::Range range)
{
    auto *button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setCheckable(true);
    button->setAutoRaise(false);
    connect(button, &QToolButton::clicked, this, [this, range] {
        m_charts->showRange(range);
        showRange(range);   // a click on the checked button keeps it checked
    });
    m_rangeButtons.append({button, range});
    return button;
}

void ChartControls::showRange(SwapChartStack::Range range)
{
    for (const auto &[button, buttonRange] : std::as_const(m_rangeButtons))
        button->setChecked(buttonRange == range);
}

void ChartControls::updateIntervalText()
{
    const qint64 shown = m_charts->shownInterval();
    const QString text = shown > 0 ? tr("Auto (%1)").arg(SwapChartStack::intervalName(shown)) : tr("Auto");
    if (m_interval->itemText(0) != text)
        m_interval->setItemText(0, text);
}

} // namespace apedesk::ui
