#include "traderevaluationpage.h"

#include "traderevaluationmodel.h"
#include "traderexportbox.h"
#include "wallet/walletstyle.h"
#include "widgets/charts/linechartview.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace apedesk::ui {

TraderEvaluationPage::TraderEvaluationPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("traderEvaluationPage"));
    m_evaluate = new QPushButton(tr("Evaluate"), this);
    m_evaluate->setObjectName(QStringLiteral("traderEvaluateButton"));
    m_evaluate->setToolTip(tr("Trade the held-out range with the policy, buy-and-hold and a random policy."));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("traderEvaluationSummary"));
    m_summary->setWordWrap(true);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("traderEvaluationMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);

    const QPalette p = QApplication::palette();
    m_equity = new charts::LineChartView(QStringLiteral("traderEquityChart"), this);
    m_equity->setTitle(tr("Equity on the held-out range"));
    m_equity->setAxisTitles(tr("step"), tr("equity (start = 1)"));
    m_equity->setEmptyText(tr("Evaluate the run to compare it with buy-and-hold and random trading."));
    for (const QString &key : TraderEvaluationModel::policyKeys())
        m_equity->addSeries(TraderEvaluationModel::policyName(key),
                            {TraderEvaluationModel::policyColor(key, p), Qt::SolidLine,
                             key == QLatin1String("policy") ? 2.2 : 1.4});

    m_model = new TraderEvaluationModel(this);
    m_model->setObjectName(QStringLiteral("traderEvaluationModel"));
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("traderEvaluationTable"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Never more than three rows: the table is exactly as tall as they are (fitTableHeight).
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    m_export = new TraderExportBox(this);

    auto *top = new QHBoxLayout;
    top->addWidget(m_evaluate);
    top->addWidget(m_summary, 1);
    auto *figures = new QWidget(this);
    figures->setObjectName(QStringLiteral("traderEvaluationFigures"));
    auto *figuresLayout = new QVBoxLayout(figures);
    figuresLayout->setContentsMargins(0, 0, 0, 0);
    figuresLayout->addWidget(m_table);
    figuresLayout->addWidget(m_export);
    figuresLayout->addStretch(1);
    auto *figuresScroll = new QScrollArea(this);
    figuresScroll->setObjectName(QStringLiteral("traderEvaluationFiguresScroll"));
    figuresScroll->setWidget(figures);
    figuresScroll->setWidgetResizable(true);
    figuresScroll->setFrameShape(QFrame::NoFrame);
    figuresScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    figuresScroll->setMinimumHeight(60);   // a short dock scrolls the figures rather than clip them
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("traderEvaluationSplitter"));
    m_splitter->addWidget(m_equity);
    m_splitter->addWidget(figuresScroll);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_splitter, 1);

    connect(m_evaluate, &QPushButton::clicked, this, &TraderEvaluationPage::evaluateRequested);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        fitTableHeight();
        balanceSplitter();
    });
    m_table->installEventFilter(this);
    clearResults();
    setActionsEnabled(false, false);
}

void TraderEvaluationPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // The chart and the figures side by side need about 900 px; below that, one above the other.
    const Qt::Orientation orientation = event->size().width() >= 900 ? Qt::Horizontal : Qt::Vertical;
    if (orientation != m_splitter->orientation() || !m_splitterPlaced) {
        m_splitter->setOrientation(orientation);
        m_splitterPlaced = true;
        balanceSplitter();
    }
}

bool TraderEvaluationPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::Resize)
        fitTableHeight();   // a narrower table may need its scroll bar, a wider one no longer
    return QWidget::eventFilter(watched, event);
}

void TraderEvaluationPage::balanceSplitter()
{
    const int total = m_splitter->orientation() == Qt::Horizontal ? m_splitter->width() : m_splitter->height();
    if (total <= 0)
        return;
    if (m_splitter->orientation() == Qt::Vertical) {
        m_splitter->setSizes({total / 2, total - total / 2});
        return;
    }
    const int table = m_table->horizontalHeader()->length() + 2 * m_table->frameWidth()
        + m_table->verticalScrollBar()->sizeHint().width();   // the figures' scroll bar, when they scroll
    const int figures = std::clamp(std::max(table, m_export->minimumSizeHint().width()), total / 3, total / 2);
    m_splitter->setSizes({total - figures, figures});
}

void TraderEvaluationPage::fitTableHeight()
{
    QHeaderView *header = m_table->horizontalHeader();
    int height = header->sizeHint().height() + 2 * m_table->frameWidth();
    // The rows an evaluation has, or room for them before there is one.
    const int rows = std::max(m_model->rowCount(), int(TraderEvaluationModel::policyKeys().size()));
    height += m_model->rowCount() == rows ? m_table->verticalHeader()->length()
                                          : rows * m_table->verticalHeader()->defaultSectionSize();
    if (header->length() > m_table->width() - 2 * m_table->frameWidth())
        height += m_table->horizontalScrollBar()->sizeHint().height();
    if (m_table->height() != height)
        m_table->setFixedHeight(height);
}

void TraderEvaluationPage::setActionsEnabled(bool evaluate, bool exportDataset)
{
    m_evaluate->setEnabled(evaluate);
    m_export->setExportEnabled(exportDataset);
}

bool TraderEvaluationPage::showEvaluation(const QJsonObject &evaluation)
{
    if (!m_model->setEvaluation(evaluation)) {
        clearResults();
        return false;
    }
    m_equity->clearPoints();
    const QStringList keys = TraderEvaluationModel::policyKeys();
    for (int series = 0; series < keys.size(); ++series) {
        const QJsonArray equity = evaluation.value(keys.at(series)).toObject().value(QStringLiteral("equity")).toArray();
        QVector<QPointF> points;
        points.reserve(equity.size());
        for (int i = 0; i < equity.size(); ++i)
            points.append({double(i), equity.at(i).toDouble()});
        m_equity->setPoints(series, std::move(points));
    }
    const QLocale locale;
    m_summary->setText(tr("%1 held-out decision steps · %2")
                           .arg(locale.toString(evaluation.value(QStringLiteral("steps")).toInt()),
                                evaluation.value(QStringLiteral("description")).toString()));
    return true;
}

void TraderEvaluationPage::clearResults()
{
    m_model->clear();
    m_equity->clearPoints();
    m_summary->setText(tr("No evaluation yet."));
    m_export->clearReport();
}

void TraderEvaluationPage::showMessage(const QString &text, bool error) { walletstyle::showMessage(m_message, text, error); }

QString TraderEvaluationPage::message() const { return !m_message->isHidden() ? m_message->text() : QString(); }

QString TraderEvaluationPage::summaryText() const { return m_summary->text(); }

} // namespace apedesk::ui
