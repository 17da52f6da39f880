#include "ganrunspage.h"

#include "common/logging.h"
#include "ganrunsmodel.h"
#include "ganstyle.h"
#include "wallet/walletstyle.h"
#include "widgets/charts/linechartview.h"

#include <QDir>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace apedesk::ui {

GanRunsPage::GanRunsPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("ganRunsPage"));
    m_model = new GanRunsModel(this);
    m_model->setObjectName(QStringLiteral("ganRunsModel"));
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("ganRunsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(false);

    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("ganRunsRefreshButton"));
    m_open = new QPushButton(tr("Open"), this);
    m_open->setObjectName(QStringLiteral("ganRunsOpenButton"));
    m_open->setToolTip(tr("Show the run's curves and use it for generation and validation."));
    m_continue = new QPushButton(tr("Continue"), this);
    m_continue->setObjectName(QStringLiteral("ganRunsContinueButton"));
    m_continue->setToolTip(tr("Train on from the run's last checkpoint."));
    m_compareButton = new QPushButton(tr("Compare"), this);
    m_compareButton->setObjectName(QStringLiteral("ganRunsCompareButton"));
    m_compareButton->setToolTip(tr("Select two runs to overlay their generator losses."));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("ganRunsMessage"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);

    m_compare = new charts::LineChartView(QStringLiteral("ganCompareChart"), this);
    m_compare->setTitle(tr("Generator loss"));
    m_compare->setAxisTitles(tr("step"), QString());
    m_compare->setEmptyText(tr("Select two runs and press Compare."));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addStretch(1);
    buttons->addWidget(m_open);
    buttons->addWidget(m_continue);
    buttons->addWidget(m_compareButton);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(buttons);
    topLayout->addWidget(m_view, 1);
    topLayout->addWidget(m_message);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("ganRunsSplitter"));
    splitter->addWidget(top);
    splitter->addWidget(m_compare);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({400, 600});   // most runs folders hold a handful: the comparison gets the room
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    connect(m_refresh, &QPushButton::clicked, this, &GanRunsPage::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &GanRunsPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &GanRunsPage::updateButtons);
    connect(m_open, &QPushButton::clicked, this, [this] {
        const QStringList runs = selectedRuns();
        if (runs.size() == 1)
            Q_EMIT openRequested(runs.first());
    });
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT openRequested(index.data(GanRunsModel::DirectoryRole).toString());
    });
    connect(m_continue, &QPushButton::clicked, this, [this] {
        const QStringList runs = selectedRuns();
        if (runs.size() == 1)
            Q_EMIT continueRequested(runs.first());
    });
    connect(m_compareButton, &QPushButton::clicked, this, [this] {
        const QStringList runs = selectedRuns();
        if (runs.size() == 2)
            compare(runs.at(0), runs.at(1));
    });
    updateButtons();
}

GanRunsPage::~GanRunsPage() = default;

void GanRunsPage::setRunsDirectory(const QString &directory)
{
    m_runsDirectory = directory;
    refresh();
}

void GanRunsPage::refresh()
{
    const quint64 scan = ++m_scan;
    const QString directory = m_runsDirectory;
    auto *watcher = new QFutureWatcher<QVector<GanRunInfo>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, scan] {
        watcher->deleteLater();
        scanFinished(scan, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([directory] { return scanGanRuns(directory); }));
}

void GanRunsPage::scanFinished(quint64 scan, const QVector<GanRunInfo> &runs)
{
    if (scan != m_scan)
        return;   // a newer scan was asked for
    const QStringList selected = selectedRuns();
    m_model->setRuns(runs);
    // Keep the selection across a refresh.
    for (const QString &run : selected) {
        const int row = m_model->rowOf(run);
        if (row >= 0)
            m_view->selectionModel()->select(m_model->index(row, 0),
                                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    showMessage(runs.isEmpty() ? tr("No GAN runs in %1 yet.").arg(QDir::toNativeSeparators(m_runsDirectory)) : QString());
    qCDebug(lcUi) << "GAN runs scan:" << runs.size() << "runs in" << m_runsDirectory;
    Q_EMIT scanned(int(runs.size()));
}

QStringList GanRunsPage::selectedRuns() const
{
    QStringList runs;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        runs.append(index.data(GanRunsModel::DirectoryRole).toString());
    return runs;
}

void GanRunsPage::setContinueAllowed(bool allowed)
{
    m_continueAllowed = allowed;
    updateButtons();
}

void GanRunsPage::updateButtons()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    m_open->setEnabled(rows.size() == 1);
    m_continue->setEnabled(m_continueAllowed && rows.size() == 1
                           && m_model->run(rows.first().row()).hasCheckpoint);
    m_compareButton->setEnabled(rows.size() == 2);
}

void GanRunsPage::compare(const QString &first, const QString &second)
{
    const quint64 comparison = ++m_comparison;
    using Loaded = QPair<Result<QVector<ml::GanStepMetrics>>, Result<QVector<ml::GanStepMetrics>>>;
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, comparison, first, second] {
        watcher->deleteLater();
        if (comparison != m_comparison)
            return;
        const Loaded loaded = watcher->result();
        for (const auto *result : {&loaded.first, &loaded.second}) {
            if (!*result) {
                showMessage(result->error().message, true);
                Q_EMIT compared(false);
                return;
            }
        }
        m_compare->removeAllSeries();
        const QPalette p = palette();
        const QString names[2] = {QDir(first).dirName(), QDir(second).dirName()};
        const QColor colors[2] = {ganstyle::generatorColor(p), ganstyle::compareColor(p)};
        const QVector<ml::GanStepMetrics> *metrics[2] = {&loaded.first.value(), &loaded.second.value()};
        for (int i = 0; i < 2; ++i) {
            const int series = m_compare->addSeries(names[i], {colors[i]});
            QVector<QPointF> points;
            points.reserve(metrics[i]->size());
            for (const ml::GanStepMetrics &m : *metrics[i])
                points.append({double(m.step), m.generatorLoss});
            m_compare->setPoints(series, points);
        }
        m_compare->setTitle(tr("Generator loss: %1 and %2").arg(names[0], names[1]));
        showMessage({});
        Q_EMIT compared(true);
    });
    watcher->setFuture(QtConcurrent::run([first, second] {
        return Loaded(readGanMetricsCsv(QDir(first).filePath(QStringLiteral("metrics.csv"))),
                      readGanMetricsCsv(QDir(second).filePath(QStringLiteral("metrics.csv"))));
    }));
}

QString GanRunsPage::message() const { return !m_message->isHidden() ? m_message->text() : QString(); }

void GanRunsPage::showMessage(const QString &text, bool error) { walletstyle::showMessage(m_message, text, error); }

} // namespace apedesk::ui
