#include "decisionlogpane.h"

#include "agentcontrolsbox.h"
#include "agentstatusstrip.h"
#include "canarybadgedelegate.h"
#include "canarymixdelegate.h"
#include "canarystatsmodel.h"
#include "common/logging.h"
#include "decisiondetailview.h"
#include "decisionfilterbar.h"
#include "decisionfilterproxy.h"
#include "decisionlogmodel.h"
#include "journalreader.h"
#include "wallet/walletstyle.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFrame>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace apedesk::ui {

using agent::DecisionRecord;

namespace {

// Column widths from the font, wide enough for typical content: ResizeToContents would measure the
// rows again on every streamed token.
void sizeColumns(QTableView *table)
{
    const QFontMetrics metrics(table->font());
    auto width = [&metrics](const QString &sample) { return metrics.horizontalAdvance(sample) + 14; };
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(DecisionLogModel::TimeColumn, width(QStringLiteral("00-00 00:00")));
    header->resizeSection(DecisionLogModel::BackendColumn, width(QStringLiteral("Ollama · qwen3:4b")));
    header->resizeSection(DecisionLogModel::CanaryColumn, width(QStringLiteral("APE NEUTRAL")) + 10);
    header->resizeSection(DecisionLogModel::ActionColumn, width(QStringLiteral("Rebalance: sell ETH")));
    header->resizeSection(DecisionLogModel::AmountColumn, width(QStringLiteral("0.016627 ETH")));
    header->resizeSection(DecisionLogModel::PriceColumn, width(QStringLiteral("3,000.00")));
    header->resizeSection(DecisionLogModel::StatusColumn, width(QStringLiteral("No trade")));
    header->resizeSection(DecisionLogModel::TxHashColumn, width(QStringLiteral("0x1234ab…cdef")));
    header->resizeSection(DecisionLogModel::PnlColumn, width(QStringLiteral("−10.00 USD")));
    header->setMinimumSectionSize(40);
    header->setStretchLastSection(true);
}

} // namespace

DecisionLogPane::DecisionLogPane(AgentService *agent, ChainService *chain, Settings *settings, QWidget *parent)
    : PaneScaffold(QStringLiteral("decisionLogPane"), agent, parent), m_agent(agent)
{
    if (!agent)
        setCapabilityNote(tr("The trading agent is not available in this build: there are no decisions to show "
                             "and the agent cannot start."));
    m_journalPath = agent ? agent->databasePath() : QString();

    m_model = new DecisionLogModel(2000, this);
    m_model->setObjectName(QStringLiteral("decisionLogModel"));
    m_proxy = new DecisionFilterProxy(this);
    m_proxy->setObjectName(QStringLiteral("decisionFilterProxy"));
    m_proxy->setSourceModel(m_model);
    m_stats = new CanaryStatsModel(this);
    m_stats->setObjectName(QStringLiteral("canaryStatsModel"));

    m_strip = new AgentStatusStrip(this);
    contentLayout()->addWidget(m_strip);

    m_controls = new AgentControlsBox(agent, chain, settings);
    m_controlsScroll = new QScrollArea;
    m_controlsScroll->setObjectName(QStringLiteral("agentControlsScroll"));
    m_controlsScroll->setWidget(m_controls);
    m_controlsScroll->setWidgetResizable(true);
    m_controlsScroll->setFrameShape(QFrame::NoFrame);
    m_controlsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    // Narrow first (the smallest minimum size); resizeEvent moves the controls beside the tabs when
    // the pane is wide enough.
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("decisionLogTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildDecisionsPage(), tr("Decisions"));
    m_tabs->addTab(m_controlsScroll, tr("Agent"));
    m_tabs->addTab(buildStatsPage(), tr("Canary statistics"));
    m_detail->setCompact(true);

    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->setObjectName(QStringLiteral("decisionLogSplitter"));
    m_split->setChildrenCollapsible(false);
    m_split->addWidget(m_tabs);
    contentLayout()->addWidget(m_split, 1);

    m_statsTimer = new QTimer(this);
    m_statsTimer->setObjectName(QStringLiteral("canaryStatsTimer"));
    m_statsTimer->setSingleShot(true);
    m_statsTimer->setInterval(kStatsDelayMs);
    connect(m_statsTimer, &QTimer::timeout, this, &DecisionLogPane::refreshStats);

    connect(m_model, &DecisionLogModel::recordAdded, this, &DecisionLogPane::onRecordAdded);
    connect(m_model, &DecisionLogModel::recordChanged, this, &DecisionLogPane::onRecordChanged);
    connect(m_model, &DecisionLogModel::responseAppended, this, &DecisionLogPane::onResponseAppended);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { selectSourceRow(shownSourceRow()); });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &DecisionLogPane::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DecisionLogPane::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &DecisionLogPane::updateCount);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DecisionLogPane::showSelected);

    if (agent) {
        // Connected before the snapshots are read, so nothing published in between is lost.
        connect(agent, &AgentService::agentStateChanged, m_strip, &AgentStatusStrip::showState);
        connect(agent, &AgentService::decisionChanged, m_model, &DecisionLogModel::upsert);
        connect(agent, &AgentService::decisionToken, m_model, &DecisionLogModel::appendToken);
        connect(agent, &AgentService::exportFinished, this, &DecisionLogPane::onExportFinished);
        m_strip->showState(agent->state());
        const QList<DecisionRecord> recent = agent->recentDecisions();
        for (const DecisionRecord &record : recent)
            m_model->upsert(record);
    }
    updateCount();
    if (agent && agent->status().state == ServiceStatus::State::Starting) {
        // The service opens (and on first use creates) the journal as it starts: read after it, so
        // two connections do not set up the same file at once; at the latest after kServiceWaitMs.
        m_historyPending = true;
        connect(agent, &Service::statusChanged, this, [this](const ServiceStatus &status) {
            if (m_historyPending && status.state != ServiceStatus::State::Starting) {
                m_historyPending = false;
                reloadHistory();
            }
        });
        QTimer::singleShot(kServiceWaitMs, this, [this] {
            if (std::exchange(m_historyPending, false))
                reloadHistory();
        });
    } else {
        reloadHistory();
    }
}

DecisionLogPane::~DecisionLogPane() = default;

void DecisionLogPane::resizeEvent(QResizeEvent *event)
{
    PaneScaffold::resizeEvent(event);
    // A margin between the two switch points, so a width near the limit does not flip back and forth.
    const int w = width();
    if (!m_wide && w >= kWideWidth)
        setWide(true);
    else if (m_wide && w < kWideWidth - 60)
        setWide(false);
}

void DecisionLogPane::setWide(bool wide)
{
    m_wide = wide;
    const bool controlsShown = m_tabs->currentWidget() == m_controlsScroll;
    if (wide) {
        m_tabs->removeTab(m_tabs->indexOf(m_controlsScroll));
        m_controlsScroll->setMinimumWidth(m_controls->minimumSizeHint().width() + 16);
        m_split->insertWidget(0, m_controlsScroll);
        m_controlsScroll->show();
        m_split->setStretchFactor(0, 0);
        m_split->setStretchFactor(1, 1);
        m_split->setSizes({m_controlsScroll->minimumWidth(), std::max(1, width() - m_controlsScroll->minimumWidth())});
        if (controlsShown)
            m_tabs->setCurrentIndex(0);
    } else {
        m_controlsScroll->setMinimumWidth(0);
        m_tabs->insertTab(1, m_controlsScroll, tr("Agent"));   // takes it out of the splitter
    }
    m_detail->setCompact(!wide);
}

QWidget *DecisionLogPane::buildDecisionsPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("decisionsPage"));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 0, 0);
    layout->setSpacing(4);

    m_filterBar = new DecisionFilterBar(m_model, m_proxy, page);
    layout->addWidget(m_filterBar);

    auto *tools = new QHBoxLayout;
    m_count = new QLabel(page);
    m_count->setObjectName(QStringLiteral("decisionCountLabel"));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    m_follow = new QCheckBox(tr("Follow newest"), page);
    m_follow->setObjectName(QStringLiteral("decisionFollowCheck"));
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Select each new decision as it appears, while the newest one is selected."));
    m_export = new QPushButton(tr("Export JSONL…"), page);
    m_export->setObjectName(QStringLiteral("decisionExportButton"));
    m_export->setToolTip(tr("Write the whole decision journal, prompts and answers included, as JSON Lines."));
    m_export->setEnabled(m_agent != nullptr);
    tools->addWidget(m_count, 1);
    tools->addWidget(m_follow);
    tools->addWidget(m_export);
    layout->addLayout(tools);

    m_message = new QLabel(page);
    m_message->setObjectName(QStringLiteral("decisionLogMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    layout->addWidget(m_message);

    auto *split = new QSplitter(Qt::Vertical, page);
    split->setObjectName(QStringLiteral("decisionTableSplitter"));
    split->setChildrenCollapsible(false);
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("decisionTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(DecisionLogModel::CanaryColumn,
                                      new CanaryBadgeDelegate(DecisionLogModel::CanaryRole, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(m_table->font()).height() + 10);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setMinimumHeight(60);
    sizeColumns(m_table);
    m_detail = new DecisionDetailView(split);
    m_detail->setMinimumHeight(80);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({360, 240});   // more rows than detail; the splitter keeps the ratio as it grows
    layout->addWidget(split, 1);

    connect(m_export, &QPushButton::clicked, this, &DecisionLogPane::chooseExportPath);
    return page;
}

QWidget *DecisionLogPane::buildStatsPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("canaryStatsPage"));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 0, 0);
    m_statsNote = new QLabel(page);
    m_statsNote->setObjectName(QStringLiteral("canaryStatsNote"));
    m_statsNote->setWordWrap(true);
    m_statsNote->setText(tr("How often each model answered with a canary word (APE IN, APE OUT, APE NEUTRAL), and "
                            "which. Rebalances and failed calls are not answers."));
    layout->addWidget(m_statsNote);
    m_statsView = new QTableView(page);
    m_statsView->setObjectName(QStringLiteral("canaryStatsView"));
    m_statsView->setModel(m_stats);
    m_statsView->setItemDelegateForColumn(CanaryStatsModel::MixColumn,
                                          new CanaryMixDelegate(CanaryStatsModel::MixRole, m_statsView));
    m_statsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_statsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_statsView->setAlternatingRowColors(true);
    m_statsView->setShowGrid(false);
    m_statsView->verticalHeader()->setVisible(false);
    m_statsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_statsView->horizontalHeader()->setSectionResizeMode(CanaryStatsModel::MixColumn, QHeaderView::Stretch);
    m_statsView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    layout->addWidget(m_statsView, 1);
    return page;
}

// ---- journal ------------------------------------------------------------------------------------

void DecisionLogPane::reloadHistory()
{
    if (m_journalPath.isEmpty()) {
        refreshStats();
        return;
    }
    readJournal(kHistoryRows);
}

void DecisionLogPane::refreshStats()
{
    m_statsTimer->stop();
    if (!m_journalPath.isEmpty()) {
        readJournal(0);
        return;
    }
    m_stats->setStats(CanaryStatsModel::tally(m_model->records()));
    Q_EMIT canaryStatsUpdated();
}

void DecisionLogPane::readJournal(int limit)
{
    const quint64 read = ++m_read;
    auto *watcher = new QFutureWatcher<JournalSnapshot>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, read] {
        watcher->deleteLater();
        journalRead(read, watcher->result());
    });
    watcher->setFuture(JournalReader::readAsync(m_journalPath, limit));
}

void DecisionLogPane::journalRead(quint64 read, const JournalSnapshot &snapshot)
{
    if (read != m_read && !snapshot.hasRecords)
        return;   // statistics asked for again since; that answer is newer
    if (!snapshot.ok) {
        if (snapshot.error.message != m_journalError)   // once per problem, not once per decision
            qCWarning(lcUi) << "decision journal:" << snapshot.error.toString();
        m_journalError = snapshot.error.message;
        // The log's own decisions still give statistics, and say so.
        m_stats->setStats(CanaryStatsModel::tally(m_model->records()));
        m_statsNote->setText(tr("Could not read the decision journal (%1); the statistics count the decisions "
                                "shown.").arg(snapshot.error.message));
        if (snapshot.hasRecords)
            Q_EMIT historyLoadFailed(snapshot.error.message);
        Q_EMIT canaryStatsUpdated();
        return;
    }
    m_journalError.clear();
    if (snapshot.hasRecords) {
        m_model->mergeHistory(snapshot.records);
        qCInfo(lcUi) << "decision log: history of" << snapshot.records.size() << "decisions";
        Q_EMIT historyLoaded(int(snapshot.records.size()));
    }
    if (read == m_read) {
        m_stats->setStats(snapshot.stats);
        Q_EMIT canaryStatsUpdated();
    }
}

// ---- selection and live rows --------------------------------------------------------------------

bool DecisionLogPane::selectDecision(qint64 id) { return selectSourceRow(m_model->rowOfId(id)); }

bool DecisionLogPane::selectSourceRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

int DecisionLogPane::filteredRow(int sourceRow) const
{
    if (sourceRow < 0)
        return -1;
    return m_proxy->mapFromSource(m_model->index(sourceRow, 0)).row();
}

int DecisionLogPane::shownSourceRow() const
{
    return m_detail->isShowing() ? m_model->rowOf(m_detail->shownDecision()) : -1;
}

void DecisionLogPane::showSelected()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return;   // the detail keeps the last decision until another is chosen
    m_detail->showRecord(m_model->record(m_proxy->mapToSource(current).row()));
}

void DecisionLogPane::onRecordAdded(int row)
{
    // Follow the new decision when the person was on the newest row (now the second), or on none.
    if (m_follow->isChecked() && filteredRow(row) == 0) {
        const int shownRow = filteredRow(shownSourceRow());
        if (shownRow == 1 || shownRow < 0)
            selectSourceRow(row);
    }
    if (m_model->record(row).status != DecisionRecord::Status::Thinking)
        m_statsTimer->start();
}

void DecisionLogPane::onRecordChanged(int row)
{
    const DecisionRecord record = m_model->record(row);
    if (m_detail->shows(record))
        m_detail->showRecord(record);
    if (record.status != DecisionRecord::Status::Thinking)
        m_statsTimer->start();   // stats follow once answers settle, not on every update
}

void DecisionLogPane::onResponseAppended(int row, const QString &delta)
{
    if (m_detail->shows(m_model->record(row)))
        m_detail->appendResponse(delta);
}

void DecisionLogPane::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int all = m_model->rowCount();
    m_count->setText(m_proxy->isFiltering() ? tr("%1 of %n decisions", nullptr, all).arg(shown)
                                            : tr("%n decisions", nullptr, all));
}

// ---- export -------------------------------------------------------------------------------------

void DecisionLogPane::exportJournalTo(const QString &path)
{
    if (!m_agent) {
        const QString text = tr("The trading agent is not available in this build; there is no journal to export.");
        showMessage(text, true);
        Q_EMIT journalExported(false, text);
        return;
    }
    m_exportPath = path;
    m_exportId = m_agent->exportJournal(path);
    m_export->setEnabled(false);
    showMessage(tr("Writing the journal to %1…").arg(QDir::toNativeSeparators(path)));
}

void DecisionLogPane::onExportFinished(quint64 id, bool ok, const Error &error, int rows)
{
    if (id != m_exportId || m_exportId == 0)
        return;
    m_exportId = 0;
    m_export->setEnabled(true);
    const QString text = ok ? tr("Wrote %n decisions to %1.", nullptr, rows).arg(QDir::toNativeSeparators(m_exportPath))
                            : tr("Could not export the journal: %1").arg(error.message);
    if (!ok)
        qCWarning(lcUi) << "journal export:" << error.toString();
    showMessage(text, !ok);
    Q_EMIT journalExported(ok, text);
}

void DecisionLogPane::chooseExportPath()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the decision journal"),
                                                      QDir::home().filePath(QStringLiteral("apedesk-decisions.jsonl")),
                                                      tr("JSON Lines (*.jsonl)"));
    if (!path.isEmpty())
        exportJournalTo(path);
}

void DecisionLogPane::showMessage(const QString &text, bool error) { walletstyle::showMessage(m_message, text, error); }

} // namespace apedesk::ui
