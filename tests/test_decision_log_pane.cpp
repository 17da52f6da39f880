// The "Agent decision log" pane driven the way AgentService drives it: whole DecisionRecords through
// decisionChanged and streamed pieces through decisionToken, emitted here from a real AgentService
// (and ChainService) that is not started, on the GUI thread. Checks the table's columns (time,
// backend/model, canary, action, amount, price, status, tx hash, P&L) and in-place updates, the
// filters, the detail view that shows the tokens of the selected Thinking decision before it
// completes, the canary badge's colour for each word (as painted), canary statistics, the
// AgentConfig the controls build (and the settings they save), history and statistics read from a
// real journal off the GUI thread, the pane without a service, and a screenshot in
// $APEDESK_BUILD_DIR/screenshots/decision-log.png. Every model runs under QAbstractItemModelTester.
// Then live: a started AgentService with a ChainService on the offline sandbox and a MarketService,
// an Ollama-speaking LlmTestServer that streams its answer slowly, driven from the pane's own controls
// (the model picker filled from the server, Start, Stop, Export): the streamed tokens are in the detail
// view while the decision is still Thinking, "APE OUT 0.05 ETH" ends as a traded row with its tx hash,
// and the GUI thread never stalls.

#include "agent/agentcontrolsbox.h"
#include "agent/agentservice.h"
#include "agent/agentstatusstrip.h"
#include "agent/canarybadgedelegate.h"
#include "agent/canarystatsmodel.h"
#include "agent/decisiondetailview.h"
#include "agent/decisionfilterproxy.h"
#include "agent/decisionjournal.h"
#include "agent/decisionlogmodel.h"
#include "agent/decisionlogpane.h"
#include "chain/chainservice.h"
#include "common/settings.h"
#include "core.h"
#include "llmtestserver.h"
#include "market/marketservice.h"
#include "ml/dqnbackend.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <limits>
#include <memory>

using namespace apedesk;
using agent::Canary;
using agent::DecisionRecord;
using agent::ParsedAnswer;
using S = DecisionRecord::Status;
using ui::DecisionLogModel;

namespace {

QString screenshotPath(const QString &name)
{
    const QString dir = qEnvironmentVariable("APEDESK_BUILD_DIR", QDir::currentPath()) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name;
}

eth::Hash32 hashOf(quint64 n)
{
    QString hex = QString::number(n, 16).rightJustified(60, QLatin1Char('0'));
    return *eth::Hash32::fromString(QString(QStringLiteral("0xabcd") + hex));
}

eth::Address addressOf(const char *hex) { return *eth::Address::fromString(QString::fromLatin1(hex)); }

const QDateTime kBase = QDateTime::currentDateTimeUtc().addSecs(-3600);

// A decision as the service publishes it: `canary` parsed from a canary answer, `status` as given.
DecisionRecord decision(qint64 id, Canary canary, S status, const QString &backend = QStringLiteral("ollama"),
                        const QString &model = QStringLiteral("qwen3:4b"))
{
    DecisionRecord r;
    r.id = id;
    r.runId = QStringLiteral("run-1");
    r.cycle = quint64(id);
    r.time = kBase.addSecs(id * 10);
    r.backend = backend;
    r.model = model;
    r.systemPrompt = QStringLiteral("You are an AI trading assistant for ETH/USDC decisions.");
    r.prompt = QStringLiteral("Given ETH price is $3012.35 with volume of 12.50 and volatility of 0.1234, recent "
                              "price change of 0.5000 ticks, and I currently hold 1.0 ETH and 3000 USDC");
    r.status = status;
    r.observation.portfolio.valid = true;
    r.observation.portfolio.price = 3012.3456;
    r.observation.portfolio.ethWei = eth::u256(1'000'000'000'000'000'000ULL);
    r.observation.portfolio.usdcUnits = eth::u256(3'000'000'000ULL);
    r.parsed.canary = canary;
    r.parsed.format = canary == Canary::None ? ParsedAnswer::Format::None : ParsedAnswer::Format::Canary;
    switch (canary) {
    case Canary::ApeIn:
        r.parsed.action = ParsedAnswer::Action::Buy;
        r.response = QStringLiteral("The trend is up.\nRECOMMENDATION: APE IN 100 USDC");
        r.parsed.amountKind = ParsedAnswer::AmountKind::Absolute;
        r.parsed.amount = 100;
        r.parsed.unit = QStringLiteral("USDC");
        r.parsed.amountText = QStringLiteral("100 USDC");
        break;
    case Canary::ApeOut:
        r.parsed.action = ParsedAnswer::Action::Sell;
        r.response = QStringLiteral("Momentum fades.\nRECOMMENDATION: APE OUT 0.05 ETH");
        r.parsed.amountKind = ParsedAnswer::AmountKind::Absolute;
        r.parsed.amount = 0.05;
        r.parsed.unit = QStringLiteral("ETH");
        r.parsed.amountText = QStringLiteral("0.05 ETH");
        break;
    case Canary::ApeNeutral:
        r.parsed.action = ParsedAnswer::Action::Hold;
        r.response = QStringLiteral("No clear edge.\nRECOMMENDATION: APE NEUTRAL");
        break;
    case Canary::None:
        if (status != S::Thinking)
            r.response = QStringLiteral("I am not sure what to do here.");
        break;
    }
    return r;
}

// The 0.05 ETH sale of "RECOMMENDATION: APE OUT 0.05 ETH", mined, marked at +1.23 USD.
DecisionRecord soldEth(qint64 id)
{
    DecisionRecord r = decision(id, Canary::ApeOut, S::Succeeded);
    r.sized.trade = true;
    r.sized.direction = SwapDirection::EthToUsdc;
    r.sized.amountIn = eth::u256(50'000'000'000'000'000ULL);
    r.txHash = hashOf(quint64(id));
    r.amountOut = eth::u256(150'617'283ULL);
    r.effectivePrice = QStringLiteral("3012.345678");
    r.latencyMs = 2400;
    r.pnlUsd = 1.23;
    r.markPrice = 3001.0;
    return r;
}

// "APE IN 100 USDC": 100 USDC spent on ETH.
DecisionRecord boughtEth(qint64 id)
{
    DecisionRecord r = decision(id, Canary::ApeIn, S::Succeeded);
    r.sized.trade = true;
    r.sized.direction = SwapDirection::UsdcToEth;
    r.sized.amountIn = eth::u256(100'000'000ULL);
    r.txHash = hashOf(quint64(id));
    r.amountOut = eth::u256(33'190'000'000'000'000ULL);
    r.effectivePrice = QStringLiteral("3012.95");
    r.markDueAt = QDateTime::currentSecsSinceEpoch() + 600;
    return r;
}

DecisionRecord rebalance(qint64 id)
{
    DecisionRecord r = decision(id, Canary::None, S::Succeeded, QStringLiteral("rebalancer"), QString());
    r.type = agent::DecisionType::Rebalance;
    r.response.clear();
    r.prompt.clear();
    r.systemPrompt.clear();
    r.sized.trade = true;
    r.sized.direction = SwapDirection::EthToUsdc;
    r.sized.amountIn = eth::u256(20'000'000'000'000'000ULL);
    r.txHash = hashOf(quint64(id));
    r.amountOut = eth::u256(60'200'000ULL);
    r.effectivePrice = QStringLiteral("3010.00");
    r.pnlUsd = -0.4;
    return r;
}

DecisionRecord failedCall(qint64 id)
{
    DecisionRecord r = decision(id, Canary::None, S::Failed);
    r.response = QStringLiteral("RECOMMENDATION: AP");
    r.error = Error::make(Error::Kind::Timeout, QStringLiteral("The model did not answer within 90 s."));
    return r;
}

// Samples the painted canary badge of `row` in `view`: the fill just inside its left edge.
QColor badgeFill(QTableView *view, int row)
{
    const QModelIndex index = view->model()->index(row, DecisionLogModel::CanaryColumn);
    view->scrollTo(index);
    const QRect cell = view->visualRect(index);
    const QImage image = view->viewport()->grab().toImage();
    QFont font = view->font();
    font.setBold(true);
    font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.9));
    const QRect badge = ui::CanaryBadgeDelegate::badgeRect(cell, QFontMetrics(font), index.data().toString());
    const qreal dpr = image.devicePixelRatio();
    return image.pixelColor(QPoint(qRound((badge.left() + 2) * dpr), qRound(badge.center().y() * dpr)));
}

bool near(const QColor &a, const QColor &b, int tolerance = 12)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
           && std::abs(a.blue() - b.blue()) <= tolerance;
}

QString text(const QAbstractItemModel *model, int row, int column) { return model->index(row, column).data().toString(); }

} // namespace

class TestDecisionLogPane : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<AgentService> m_agent;
    std::unique_ptr<ChainService> m_chain;
    const eth::Address m_sandboxAccount = addressOf("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    const eth::Address m_keystoreAccount = addressOf("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    template <typename T>
    static T *child(QWidget *root, const char *name)
    {
        auto *widget = root->findChild<T *>(QLatin1String(name));
        if (!widget)
            qWarning("no child named %s", name);
        return widget;
    }

    void publishAccounts(const eth::Address &selected)
    {
        WalletAccount sandbox;
        sandbox.kind = WalletAccount::Kind::Sandbox;
        sandbox.label = QStringLiteral("Sandbox account 1");
        sandbox.address = m_sandboxAccount;
        WalletAccount keystore;
        keystore.kind = WalletAccount::Kind::Keystore;
        keystore.label = QStringLiteral("trader.json");
        keystore.address = m_keystoreAccount;
        keystore.keystorePath = m_dir.filePath(QStringLiteral("trader.json"));
        Q_EMIT m_chain->accountsChanged({sandbox, keystore});
        Q_EMIT m_chain->selectedAccountChanged(selected);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());   // numbers checked digit by digit
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<Settings>(m_dir.filePath(QStringLiteral("settings.ini")));
        m_agent = std::make_unique<AgentService>(AgentServiceConfig{});   // not started: its signals are emitted here
        m_chain = std::make_unique<ChainService>(ChainConfig{});
    }

    void cleanupTestCase()
    {
        m_agent.reset();
        m_chain.reset();
    }

    void tableColumnsAndInPlaceUpdates()
    {
        DecisionLogModel model(500);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(model.columnCount(), 9);
        const QStringList headers{QStringLiteral("Time"), QStringLiteral("Backend / model"), QStringLiteral("Canary"),
                                  QStringLiteral("Action"), QStringLiteral("Amount"), QStringLiteral("Price"),
                                  QStringLiteral("Status"), QStringLiteral("Tx hash"), QStringLiteral("P&L")};
        for (int c = 0; c < headers.size(); ++c)
            QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), headers.at(c));

        DecisionRecord thinking = decision(1, Canary::None, S::Thinking);
        thinking.response.clear();
        model.upsert(thinking);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(text(&model, 0, DecisionLogModel::CanaryColumn), QStringLiteral("…"));
        QCOMPARE(text(&model, 0, DecisionLogModel::ActionColumn), QStringLiteral("Thinking…"));
        QCOMPARE(text(&model, 0, DecisionLogModel::StatusColumn), QStringLiteral("Thinking"));
        QCOMPARE(text(&model, 0, DecisionLogModel::AmountColumn), QStringLiteral("—"));
        QCOMPARE(text(&model, 0, DecisionLogModel::TxHashColumn), QString());

        // The same id, answered and traded: updated in place, not a second row.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const DecisionRecord sold = soldEth(1);
        model.upsert(sold);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(changed.size(), 1);
        const QDateTime local = sold.time.toLocalTime();   // today's times alone, older ones with the day
        QCOMPARE(text(&model, 0, DecisionLogModel::TimeColumn),
                 local.toString(local.date() == QDate::currentDate() ? QStringLiteral("HH:mm:ss")
                                                                      : QStringLiteral("MM-dd HH:mm")));
        QCOMPARE(text(&model, 0, DecisionLogModel::BackendColumn), QStringLiteral("Ollama · qwen3:4b"));
        QCOMPARE(text(&model, 0, DecisionLogModel::CanaryColumn), QStringLiteral("APE OUT"));
        QCOMPARE(model.index(0, DecisionLogModel::CanaryColumn).data(DecisionLogModel::CanaryRole).toInt(),
                 int(Canary::ApeOut));
        QCOMPARE(text(&model, 0, DecisionLogModel::ActionColumn), QStringLiteral("Sell ETH"));
        QCOMPARE(text(&model, 0, DecisionLogModel::AmountColumn), QStringLiteral("0.05 ETH"));
        QCOMPARE(text(&model, 0, DecisionLogModel::PriceColumn), QStringLiteral("3,012.35"));
        QCOMPARE(text(&model, 0, DecisionLogModel::StatusColumn), QStringLiteral("Traded"));
        const QString hex = sold.txHash.toHex();
        QCOMPARE(text(&model, 0, DecisionLogModel::TxHashColumn), QString(hex.left(8) + QStringLiteral("…") + hex.right(4)));
        QCOMPARE(model.index(0, DecisionLogModel::TxHashColumn).data(Qt::ToolTipRole).toString(), hex);
        QCOMPARE(text(&model, 0, DecisionLogModel::PnlColumn), QStringLiteral("+1.23 USD"));
        QCOMPARE(model.index(0, DecisionLogModel::AmountColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Paid 0.05 ETH, received 150.617283 USDC"));

        // A late Thinking copy of a finished decision changes nothing.
        model.upsert(thinking);
        QCOMPARE(text(&model, 0, DecisionLogModel::StatusColumn), QStringLiteral("Traded"));

        // Newer decisions go on top; the "APE IN 100 USDC" one spends 100 USDC; P&L not marked yet.
        model.upsert(boughtEth(2));
        model.upsert(rebalance(3));
        model.upsert(failedCall(4));
        model.upsert(decision(5, Canary::ApeNeutral, S::NoTrade));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, 0).data(DecisionLogModel::IdRole).toLongLong(), 5);
        QCOMPARE(model.rowOfId(2), 3);
        QCOMPARE(text(&model, 3, DecisionLogModel::AmountColumn), QStringLiteral("100 USDC"));
        QCOMPARE(text(&model, 3, DecisionLogModel::ActionColumn), QStringLiteral("Buy ETH"));
        QVERIFY(text(&model, 3, DecisionLogModel::PnlColumn).startsWith(QStringLiteral("due ")));
        QCOMPARE(text(&model, 2, DecisionLogModel::BackendColumn), QStringLiteral("Rebalancer"));
        QCOMPARE(text(&model, 2, DecisionLogModel::ActionColumn), QStringLiteral("Rebalance: sell ETH"));
        QCOMPARE(text(&model, 2, DecisionLogModel::PnlColumn), QStringLiteral("−0.40 USD"));
        QCOMPARE(text(&model, 1, DecisionLogModel::StatusColumn), QStringLiteral("Failed"));
        QCOMPARE(model.index(1, DecisionLogModel::StatusColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("The model did not answer within 90 s."));
        QCOMPARE(text(&model, 0, DecisionLogModel::CanaryColumn), QStringLiteral("APE NEUTRAL"));
        QCOMPARE(text(&model, 0, DecisionLogModel::ActionColumn), QStringLiteral("Hold"));
        QCOMPARE(text(&model, 0, DecisionLogModel::AmountColumn), QStringLiteral("—"));

        // History from the journal slots in by time; known ids keep their live copy.
        DecisionRecord staleCopy = soldEth(1);
        staleCopy.pnlUsd.reset();
        model.mergeHistory({decision(99, Canary::ApeIn, S::Observed), staleCopy});
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.index(0, 0).data(DecisionLogModel::IdRole).toLongLong(), 99);   // its time is the newest
        QCOMPARE(text(&model, model.rowOfId(1), DecisionLogModel::PnlColumn), QStringLiteral("+1.23 USD"));

        // The capacity drops the oldest rows.
        DecisionLogModel small(3);
        QAbstractItemModelTester smallTester(&small, QAbstractItemModelTester::FailureReportingMode::Fatal);
        for (qint64 id = 1; id <= 5; ++id)
            small.upsert(decision(id, Canary::ApeNeutral, S::NoTrade));
        QCOMPARE(small.rowCount(), 3);
        QCOMPARE(small.rowOfId(1), -1);
        QCOMPARE(small.rowOfId(5), 0);
    }

    void tokensGrowTheThinkingResponse()
    {
        DecisionLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        DecisionRecord thinking = decision(7, Canary::None, S::Thinking);
        model.upsert(thinking);
        QSignalSpy appended(&model, &DecisionLogModel::responseAppended);
        model.appendToken(7, QStringLiteral("RECOMMENDATION: "));
        model.appendToken(7, QStringLiteral("APE "));
        model.appendToken(8, QStringLiteral("lost"));   // no such decision
        QCOMPARE(appended.size(), 2);
        QCOMPARE(model.recordById(7)->response, QStringLiteral("RECOMMENDATION: APE "));
        // A Thinking copy taken before those tokens does not cut the stream short.
        thinking.response = QStringLiteral("RECOMMENDATION: ");
        model.upsert(thinking);
        QCOMPARE(model.recordById(7)->response, QStringLiteral("RECOMMENDATION: APE "));
        // The search sees streamed text.
        ui::DecisionFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.setSearchText(QStringLiteral("ape"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setSearchText(QStringLiteral("neutral"));
        QCOMPARE(proxy.rowCount(), 0);
        model.appendToken(7, QStringLiteral("NEUTRAL"));
        QCOMPARE(proxy.rowCount(), 1);
        // Once answered, the whole record is the truth; later tokens are ignored.
        model.upsert(decision(7, Canary::ApeNeutral, S::NoTrade));
        model.appendToken(7, QStringLiteral(" late"));
        QCOMPARE(model.recordById(7)->response, decision(7, Canary::ApeNeutral, S::NoTrade).response);

        // A decision the journal could not store has id 0: its tokens go to the newest Thinking one
        // without an id, and the stored copy (same run, cycle, kind) later takes over its row.
        DecisionRecord unstored = decision(0, Canary::None, S::Thinking);
        unstored.cycle = 20;
        unstored.time = kBase.addSecs(500);
        model.upsert(unstored);
        model.appendToken(0, QStringLiteral("RECOMMENDATION: APE IN"));
        QCOMPARE(model.record(0).response, QStringLiteral("RECOMMENDATION: APE IN"));
        const int rows = model.rowCount();
        DecisionRecord stored = decision(20, Canary::ApeIn, S::NoTrade);
        stored.cycle = 20;
        stored.time = unstored.time;
        model.upsert(stored);
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(model.record(0).id, qint64(20));
    }

    void filters()
    {
        DecisionLogModel model;
        ui::DecisionFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.upsert(soldEth(1));
        model.upsert(boughtEth(2));
        model.upsert(rebalance(3));
        model.upsert(failedCall(4));
        model.upsert(decision(5, Canary::ApeNeutral, S::NoTrade));
        model.upsert(decision(6, Canary::ApeOut, S::Observed, QStringLiteral("builtin"), QStringLiteral("momentum")));
        model.upsert(decision(7, Canary::None, S::Observed, QStringLiteral("openai"), QStringLiteral("qwen/qwq-32b")));
        QCOMPARE(proxy.rowCount(), 7);
        QVERIFY(!proxy.isFiltering());

        proxy.setBackendModel(QStringLiteral("ollama"), QStringLiteral("qwen3:4b"));
        QCOMPARE(proxy.rowCount(), 4);   // 1, 2, 4, 5
        proxy.setBackendModel(QStringLiteral("builtin"), {});
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setBackendModel({}, {});

        proxy.setCanary(Canary::ApeOut);
        QCOMPARE(proxy.rowCount(), 2);   // 1 and 6
        proxy.setCanary(Canary::None);
        QCOMPARE(proxy.rowCount(), 3);   // 3, 4, 7
        proxy.setCanary(std::nullopt);

        proxy.setStatus(S::Observed);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setStatus(std::nullopt);

        proxy.setTradesOnly(true);
        QCOMPARE(proxy.rowCount(), 3);   // 1, 2, 3: the swaps
        proxy.setCanary(Canary::ApeIn);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(DecisionLogModel::IdRole).toLongLong(), 2);
        proxy.clearFilters();

        // Text search: words in any order, case-insensitive, over answers, errors and hashes.
        proxy.setSearchText(QStringLiteral("90 S model"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(DecisionLogModel::IdRole).toLongLong(), 4);
        proxy.setSearchText(soldEth(1).txHash.toHex().toUpper());
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(DecisionLogModel::IdRole).toLongLong(), 1);
        proxy.setSearchText(QStringLiteral("  "));
        QCOMPARE(proxy.rowCount(), 7);
        // Rows keep the model's order: newest first.
        QCOMPARE(proxy.index(0, 0).data(DecisionLogModel::IdRole).toLongLong(), 7);

        // The filter bar's widgets drive the proxy.
        ui::DecisionLogPane pane(m_agent.get(), m_chain.get(), nullptr);
        for (qint64 id = 1; id <= 7; ++id)
            Q_EMIT m_agent->decisionChanged(model.recordById(id).value());
        auto *table = pane.table();
        QCOMPARE(table->model()->rowCount(), 7);
        auto *modelCombo = child<QComboBox>(&pane, "decisionFilterModelCombo");
        QCOMPARE(modelCombo->count(), 1 + 4);   // all, ollama, rebalancer, builtin, openai
        modelCombo->setCurrentIndex(modelCombo->findText(QStringLiteral("Built-in · momentum")));
        QCOMPARE(table->model()->rowCount(), 1);
        modelCombo->setCurrentIndex(0);
        auto *canary = child<QComboBox>(&pane, "decisionFilterCanaryCombo");
        canary->setCurrentIndex(canary->findText(QStringLiteral("APE NEUTRAL")));
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(child<QLabel>(&pane, "decisionCountLabel")->text(), QStringLiteral("1 of 7 decisions"));
        QTest::mouseClick(child<QWidget>(&pane, "decisionFilterClearButton"), Qt::LeftButton);
        child<QCheckBox>(&pane, "decisionFilterTradesCheck")->setChecked(true);
        QCOMPARE(table->model()->rowCount(), 3);
        child<QCheckBox>(&pane, "decisionFilterTradesCheck")->setChecked(false);
        child<QLineEdit>(&pane, "decisionFilterSearchEdit")->setText(QStringLiteral("momentum fades"));
        QCOMPARE(table->model()->rowCount(), 2);
    }

    void badgeColourForEachCanaryWord()
    {
        const QPalette light = QApplication::palette();
        QCOMPARE(ui::CanaryBadgeDelegate::badgeColor(Canary::ApeIn, light), QColor(0x2e, 0x7d, 0x32));
        QCOMPARE(ui::CanaryBadgeDelegate::badgeColor(Canary::ApeOut, light), QColor(0xc6, 0x28, 0x28));
        QCOMPARE(ui::CanaryBadgeDelegate::badgeColor(Canary::ApeNeutral, light), QColor(0xf9, 0xa8, 0x25));
        QVERIFY(!ui::CanaryBadgeDelegate::badgeColor(Canary::None, light).isValid());

        // As painted in the pane's table: the badge's fill under each canary word, plain cells otherwise.
        ui::DecisionLogPane pane(m_agent.get(), m_chain.get(), nullptr);
        pane.resize(1200, 700);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        Q_EMIT m_agent->decisionChanged(failedCall(4));
        Q_EMIT m_agent->decisionChanged(decision(3, Canary::ApeNeutral, S::NoTrade));
        Q_EMIT m_agent->decisionChanged(boughtEth(2));
        Q_EMIT m_agent->decisionChanged(soldEth(1));   // older time: sorts below
        QTableView *table = pane.table();
        table->clearSelection();
        table->selectionModel()->clearCurrentIndex();
        QCoreApplication::processEvents();
        const QPalette palette = table->palette();
        struct Expect
        {
            qint64 id;
            Canary canary;
        };
        for (const Expect expect : {Expect{1, Canary::ApeOut}, Expect{2, Canary::ApeIn}, Expect{3, Canary::ApeNeutral}}) {
            const int row = pane.filter()->mapFromSource(pane.decisions()->index(pane.decisions()->rowOfId(expect.id), 0)).row();
            QVERIFY(row >= 0);
            const QColor painted = badgeFill(table, row);
            const QColor wanted = ui::CanaryBadgeDelegate::badgeColor(expect.canary, palette);
            QVERIFY2(near(painted, wanted), qPrintable(QStringLiteral("row %1: painted %2, wanted %3")
                                                            .arg(row).arg(painted.name(), wanted.name())));
        }
        // The failed call has no canary word: no badge, the cell's own background.
        const int failedRow = pane.filter()->mapFromSource(pane.decisions()->index(pane.decisions()->rowOfId(4), 0)).row();
        const QColor plain = badgeFill(table, failedRow);
        for (Canary canary : {Canary::ApeIn, Canary::ApeOut, Canary::ApeNeutral})
            QVERIFY(!near(plain, ui::CanaryBadgeDelegate::badgeColor(canary, palette), 40));
        QCOMPARE(ui::CanaryBadgeDelegate::badgeTextColor(Canary::ApeNeutral), QColor(0x21, 0x21, 0x21));
        QCOMPARE(ui::CanaryBadgeDelegate::badgeTextColor(Canary::ApeOut), QColor(Qt::white));
    }

    void detailStreamsTokensBeforeTheDecisionCompletes()
    {
        ui::DecisionLogPane pane(m_agent.get(), m_chain.get(), nullptr);
        pane.resize(1200, 760);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        Q_EMIT m_agent->decisionChanged(soldEth(1));
        DecisionRecord thinking = decision(2, Canary::None, S::Thinking);
        Q_EMIT m_agent->decisionChanged(thinking);
        // Following the newest row, the new decision is selected as it appears.
        auto *detail = pane.detail();
        QCOMPARE(detail->decisionId(), qint64(2));
        auto *response = child<QPlainTextEdit>(&pane, "decisionResponseText");
        QCOMPARE(response->toPlainText(), QString());
        QCOMPARE(child<QPlainTextEdit>(&pane, "decisionPromptText")->toPlainText(), thinking.prompt);
        QCOMPARE(child<QPlainTextEdit>(&pane, "decisionSystemPromptText")->toPlainText(), thinking.systemPrompt);
        QCOMPARE(child<QLabel>(&pane, "decisionDetailStatus")->text(), QStringLiteral("Thinking"));

        const QStringList pieces{QStringLiteral("Volume "), QStringLiteral("is thin and the trend "),
                                 QStringLiteral("turned.\n"), QStringLiteral("RECOMMENDATION: APE OUT 0.05 ETH")};
        QString expected;
        for (const QString &piece : pieces) {
            Q_EMIT m_agent->decisionToken(2, piece);
            expected += piece;
            // Shown at once, while the decision is still being answered.
            QCOMPARE(response->toPlainText(), expected);
            QCOMPARE(pane.decisions()->recordById(2)->status, S::Thinking);
            QCOMPARE(child<QLabel>(&pane, "decisionDetailStatus")->text(), QStringLiteral("Thinking"));
        }
        // Tokens of another decision do not land here.
        Q_EMIT m_agent->decisionToken(1, QStringLiteral("stray"));
        QCOMPARE(response->toPlainText(), expected);

        // The answer completes: the outcome is filled in, the streamed text stays.
        DecisionRecord done = soldEth(2);
        done.response = expected;
        Q_EMIT m_agent->decisionChanged(done);
        QCOMPARE(response->toPlainText(), expected);
        QCOMPARE(child<QLabel>(&pane, "decisionDetailStatus")->text(), QStringLiteral("Traded"));
        QCOMPARE(child<QLabel>(&pane, "decisionParsedValue")->text(), QStringLiteral("APE OUT 0.05 ETH (canary word)"));
        QCOMPARE(child<QLabel>(&pane, "decisionSizedValue")->text(), QStringLiteral("ETH → USDC, 0.05 ETH"));
        QCOMPARE(child<QLabel>(&pane, "decisionTxStatusValue")->text(), QStringLiteral("Mined"));
        QCOMPARE(child<QLineEdit>(&pane, "decisionTxHashValue")->text(), done.txHash.toHex());
        QCOMPARE(child<QLabel>(&pane, "decisionAmountInValue")->text(), QStringLiteral("0.05 ETH"));
        QCOMPARE(child<QLabel>(&pane, "decisionAmountOutValue")->text(), QStringLiteral("150.617283 USDC"));
        QCOMPARE(child<QLabel>(&pane, "decisionPriceValue")->text(), QStringLiteral("3,012.35 USDC per ETH"));
        QCOMPARE(child<QLabel>(&pane, "decisionPnlValue")->text(), QStringLiteral("+1.23 USD"));
        QCOMPARE(child<QLabel>(&pane, "decisionErrorValue")->text(), QStringLiteral("—"));
        QCOMPARE(child<QLabel>(&pane, "decisionLatencyValue")->text(), QStringLiteral("2.4 s"));

        // A failure says why in words.
        Q_EMIT m_agent->decisionChanged(failedCall(3));
        QCOMPARE(detail->decisionId(), qint64(3));
        QCOMPARE(child<QLabel>(&pane, "decisionErrorValue")->text(), QStringLiteral("The model did not answer within 90 s."));
        QCOMPARE(child<QLabel>(&pane, "decisionTxStatusValue")->text(), QStringLiteral("None: nothing was sent."));

        // Selecting an older row stops following; a new decision does not take the selection away.
        QVERIFY(pane.selectDecision(1));
        QCOMPARE(detail->decisionId(), qint64(1));
        Q_EMIT m_agent->decisionChanged(decision(4, Canary::None, S::Thinking));
        QCOMPARE(detail->decisionId(), qint64(1));
        Q_EMIT m_agent->decisionToken(4, QStringLiteral("elsewhere"));
        QCOMPARE(response->toPlainText(), soldEth(1).response);
        // Back on the newest row, its streamed text so far is there at once.
        QVERIFY(pane.selectDecision(4));
        QCOMPARE(response->toPlainText(), QStringLiteral("elsewhere"));
    }

    void canaryStatistics()
    {
        QList<DecisionRecord> records{soldEth(1), boughtEth(2), rebalance(3), failedCall(4),
                                      decision(5, Canary::ApeNeutral, S::NoTrade),
                                      decision(6, Canary::ApeOut, S::Observed),
                                      decision(7, Canary::None, S::Observed),
                                      decision(8, Canary::None, S::Thinking),
                                      decision(9, Canary::ApeIn, S::NoTrade, QStringLiteral("builtin"),
                                               QStringLiteral("momentum"))};
        DecisionRecord fields = decision(10, Canary::None, S::NoTrade);
        fields.parsed.format = ParsedAnswer::Format::TradeFields;
        fields.parsed.action = ParsedAnswer::Action::Hold;
        records << fields;
        const QList<agent::CanaryStats> stats = ui::CanaryStatsModel::tally(records);
        QCOMPARE(stats.size(), 2);
        // ollama/qwen3:4b: answers 1, 2, 5, 6, 7, 10 (not the rebalance, the failed call or the thinking one).
        QCOMPARE(stats.at(0).backend, QStringLiteral("ollama"));
        QCOMPARE(stats.at(0).answers, 6);
        QCOMPARE(stats.at(0).withCanary, 4);
        QCOMPARE(stats.at(0).apeIn, 1);
        QCOMPARE(stats.at(0).apeOut, 2);
        QCOMPARE(stats.at(0).apeNeutral, 1);
        QCOMPARE(stats.at(0).otherFormat, 1);
        QCOMPARE(stats.at(0).unreadable, 1);
        QCOMPARE(stats.at(1).model, QStringLiteral("momentum"));
        QCOMPARE(stats.at(1).answers, 1);

        ui::CanaryStatsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setStats(stats);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(text(&model, 0, ui::CanaryStatsModel::ModelColumn), QStringLiteral("Ollama · qwen3:4b"));
        QCOMPARE(text(&model, 0, ui::CanaryStatsModel::AnswersColumn), QStringLiteral("6"));
        QCOMPARE(text(&model, 0, ui::CanaryStatsModel::CanaryShareColumn), QStringLiteral("67 %"));
        QCOMPARE(text(&model, 0, ui::CanaryStatsModel::ApeOutColumn), QStringLiteral("2 (33 %)"));
        QCOMPARE(text(&model, 0, ui::CanaryStatsModel::ApeInColumn), QStringLiteral("1 (17 %)"));
        QCOMPARE(text(&model, 0, ui::CanaryStatsModel::UnreadableColumn), QStringLiteral("1 (17 %)"));
        const QVariantList mix = model.index(0, ui::CanaryStatsModel::MixColumn).data(ui::CanaryStatsModel::MixRole).toList();
        QCOMPARE(mix.size(), 3);
        QCOMPARE(mix.at(0).toDouble(), 0.25);
        QCOMPARE(mix.at(1).toDouble(), 0.5);
        QCOMPARE(mix.at(2).toDouble(), 0.25);
        QCOMPARE(model.headerData(ui::CanaryStatsModel::ApeNeutralColumn, Qt::Horizontal).toString(),
                 QStringLiteral("APE NEUTRAL"));

        // The pane without a journal counts the decisions it shows, a moment after they settle.
        ui::DecisionLogPane pane(m_agent.get(), m_chain.get(), nullptr);
        QAbstractItemModelTester paneTester(pane.canaryStats(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy updated(&pane, &ui::DecisionLogPane::canaryStatsUpdated);
        for (const DecisionRecord &record : records)
            Q_EMIT m_agent->decisionChanged(record);
        QVERIFY(updated.wait(ui::DecisionLogPane::kStatsDelayMs + 3000));
        QCOMPARE(pane.canaryStats()->rowCount(), 2);
        QCOMPARE(pane.canaryStats()->stats().at(0).answers, 6);
        QCOMPARE(pane.canaryStats()->stats().at(0).apeOut, 2);
    }

    void controlsBuildTheAgentConfig()
    {
        m_settings->setValue(Settings::Key::AgentBackend, QStringLiteral("builtin"));
        ui::AgentControlsBox box(nullptr, m_chain.get(), m_settings.get());
        // Without an account there is nothing to trade from.
        auto missing = box.config(ui::AgentControlsBox::RunMode::Trade);
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QStringLiteral("account")));
        publishAccounts(m_sandboxAccount);
        QVERIFY(child<QLabel>(&box, "agentAccountLabel")->text().startsWith(QStringLiteral("Sandbox account 1")));

        // The defaults: the built-in policy and the settings' values.
        auto defaults = box.config(ui::AgentControlsBox::RunMode::Trade);
        QVERIFY2(defaults, defaults ? "" : qPrintable(defaults.error().toString()));
        QCOMPARE(defaults->backend.kind, agent::BackendSpec::Kind::Builtin);
        QCOMPARE(defaults->backend.model, QStringLiteral("momentum"));
        QCOMPARE(defaults->intervalMs, 10000);
        QCOMPARE(defaults->rebalance.targetEthAllocation, 0.5);
        QCOMPARE(defaults->rebalance.threshold, 0.10);
        QCOMPARE(defaults->limits.maxTradeEth, 0.05);
        QCOMPARE(defaults->pnlHorizonSeconds, 600);
        QCOMPARE(defaults->observe.kind, agent::ObservationMode::Kind::None);
        QCOMPARE(defaults->account, m_sandboxAccount);
        QVERIFY(!defaults->stateful);

        // An Ollama server and model, stateful, every 30 s, 40 % ETH ± 5 %, trades up to 0.02 ETH,
        // P&L after 15 min, watching the first 3 cycles.
        auto *backend = child<QComboBox>(&box, "agentBackendCombo");
        backend->setCurrentIndex(backend->findData(QStringLiteral("ollama")));
        auto *url = child<QLineEdit>(&box, "agentServerUrlEdit");
        QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:11434"));
        QVERIFY(!child<QLineEdit>(&box, "agentApiKeyEdit")->isVisibleTo(&box));
        auto noModel = box.config(ui::AgentControlsBox::RunMode::Trade);
        QVERIFY(!noModel);
        QVERIFY(noModel.error().message.contains(QStringLiteral("model")));
        url->setText(QStringLiteral("http://127.0.0.1:11500/"));
        Q_EMIT url->editingFinished();
        child<QComboBox>(&box, "agentModelCombo")->setCurrentText(QStringLiteral("hf.co/apedesk/canary:Q4_K_M"));
        child<QCheckBox>(&box, "agentStatefulCheck")->setChecked(true);
        child<QSpinBox>(&box, "agentIntervalSpin")->setValue(30);
        child<QDoubleSpinBox>(&box, "agentTargetSpin")->setValue(40);
        child<QDoubleSpinBox>(&box, "agentThresholdSpin")->setValue(5);
        child<QDoubleSpinBox>(&box, "agentMaxTradeSpin")->setValue(0.02);
        child<QSpinBox>(&box, "agentHorizonSpin")->setValue(15);
        child<QSpinBox>(&box, "agentObserveCyclesSpin")->setValue(3);

        auto trade = box.config(ui::AgentControlsBox::RunMode::Trade);
        QVERIFY2(trade, trade ? "" : qPrintable(trade.error().toString()));
        QCOMPARE(trade->backend.kind, agent::BackendSpec::Kind::Ollama);
        QCOMPARE(trade->backend.baseUrl, QUrl(QStringLiteral("http://127.0.0.1:11500")));
        QCOMPARE(trade->backend.model, QStringLiteral("hf.co/apedesk/canary:Q4_K_M"));
        QVERIFY(trade->stateful);
        QCOMPARE(trade->intervalMs, 30000);
        QCOMPARE(trade->rebalance.targetEthAllocation, 0.40);
        QCOMPARE(trade->rebalance.threshold, 0.05);
        QCOMPARE(trade->limits.maxTradeEth, 0.02);
        QCOMPARE(trade->rebalance.maxEth, 0.02);
        QVERIFY(trade->rebalance.minEth <= trade->rebalance.maxEth);
        QCOMPARE(trade->pnlHorizonSeconds, 900);
        QCOMPARE(trade->observe.kind, agent::ObservationMode::Kind::Cycles);
        QCOMPARE(trade->observe.amount, 3);
        QCOMPARE(trade->maxCycles, 0);
        QVERIFY(trade->password.isEmpty());

        // Observe: watch 3 cycles and stop; with 0, watch until stopped.
        auto observe = box.config(ui::AgentControlsBox::RunMode::Observe);
        QVERIFY(observe);
        QCOMPARE(observe->observe.kind, agent::ObservationMode::Kind::Cycles);
        QCOMPARE(observe->observe.amount, 3);
        QCOMPARE(observe->maxCycles, 3);
        child<QSpinBox>(&box, "agentObserveCyclesSpin")->setValue(0);
        observe = box.config(ui::AgentControlsBox::RunMode::Observe);
        QCOMPARE(observe->observe.amount, std::numeric_limits<int>::max());
        QCOMPARE(observe->maxCycles, 0);
        QCOMPARE(box.config(ui::AgentControlsBox::RunMode::Trade)->observe.kind, agent::ObservationMode::Kind::None);

        // The values went to the settings, and a new box reads them back.
        QCOMPARE(m_settings->value(Settings::Key::AgentIntervalSeconds).toInt(), 30);
        QVERIFY(m_settings->flag(Settings::Key::AgentStateful));
        QCOMPARE(m_settings->number(Settings::Key::AgentTargetAllocation), 0.40);
        QCOMPARE(m_settings->number(Settings::Key::AgentRebalanceThreshold), 0.05);
        QCOMPARE(m_settings->number(Settings::Key::AgentMaxTradeEth), 0.02);
        QCOMPARE(m_settings->value(Settings::Key::AgentPnlHorizonMinutes).toInt(), 15);
        QCOMPARE(m_settings->string(Settings::Key::AgentBackend), trade->backend.toString());
        ui::AgentControlsBox again(nullptr, m_chain.get(), m_settings.get());
        publishAccounts(m_sandboxAccount);
        auto reread = again.config(ui::AgentControlsBox::RunMode::Trade);
        QVERIFY2(reread, reread ? "" : qPrintable(reread.error().toString()));
        QCOMPARE(reread->backend.toString(), trade->backend.toString());
        QCOMPARE(reread->intervalMs, 30000);
        QCOMPARE(reread->rebalance.targetEthAllocation, 0.40);
        QVERIFY(reread->stateful);

        // An OpenAI-compatible server: the key field shows and goes into the spec; a bad URL is refused.
        backend->setCurrentIndex(backend->findData(QStringLiteral("openai")));
        QVERIFY(child<QLineEdit>(&box, "agentApiKeyEdit")->isVisibleTo(&box));
        QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:8080/v1"));
        child<QComboBox>(&box, "agentModelCombo")->setCurrentText(QStringLiteral("qwen/qwq-32b"));
        child<QLineEdit>(&box, "agentApiKeyEdit")->setText(QStringLiteral("sk-test"));
        auto openAi = box.config(ui::AgentControlsBox::RunMode::Trade);
        QVERIFY2(openAi, openAi ? "" : qPrintable(openAi.error().toString()));
        QCOMPARE(openAi->backend.kind, agent::BackendSpec::Kind::OpenAi);
        QCOMPARE(openAi->backend.apiKey, QStringLiteral("sk-test"));
        QVERIFY(!m_settings->string(Settings::Key::AgentBackend).contains(QStringLiteral("sk-test")));
        QCOMPARE(ui::AgentControlsBox::keychainAccount(openAi->backend.baseUrl), QStringLiteral("openai:127.0.0.1"));
        url->setText(QStringLiteral("ftp:/nowhere"));
        Q_EMIT url->editingFinished();
        auto badUrl = box.config(ui::AgentControlsBox::RunMode::Trade);
        QVERIFY(!badUrl);
        QVERIFY(badUrl.error().message.contains(QStringLiteral("address")));

        // Without a service the buttons cannot start anything.
        QVERIFY(!child<QPushButton>(&box, "agentStartButton")->isEnabled());
        QVERIFY(!child<QPushButton>(&box, "agentObserveButton")->isEnabled());
        QVERIFY(!child<QPushButton>(&box, "agentStopButton")->isEnabled());
        m_settings->setValue(Settings::Key::AgentBackend, QStringLiteral("builtin"));
    }

    // "Trained trader (DQN)": a run folder instead of a model, saved as builtin:dqn:RUN_DIR and on its own.
    void controlsChooseTheTrainedTrader()
    {
        ml::registerDqnBackend();   // as addTrainingService() does in the app
        m_settings->setValue(Settings::Key::AgentBackend, QStringLiteral("builtin"));
        ui::AgentControlsBox box(nullptr, m_chain.get(), m_settings.get());
        publishAccounts(m_sandboxAccount);
        auto *backend = child<QComboBox>(&box, "agentBackendCombo");
        auto *run = child<QLineEdit>(&box, "agentDqnRunEdit");
        QVERIFY(!run->isVisibleTo(&box));
        backend->setCurrentIndex(backend->findData(QStringLiteral("dqn")));
        QVERIFY(run->isVisibleTo(&box));
        QVERIFY(child<QToolButton>(&box, "agentDqnRunButton")->isVisibleTo(&box));
        QVERIFY(!child<QComboBox>(&box, "agentModelCombo")->isVisibleTo(&box));
        QVERIFY(!child<QLineEdit>(&box, "agentServerUrlEdit")->isVisibleTo(&box));

        run->clear();
        auto none = box.config(ui::AgentControlsBox::RunMode::Trade);
        QVERIFY(!none);
        QVERIFY2(none.error().message.contains(QStringLiteral("run folder")), qPrintable(none.error().message));
        QTemporaryDir runs;
        run->setText(runs.filePath(QStringLiteral("missing-run")));
        Q_EMIT run->editingFinished();
        auto missing = box.config(ui::AgentControlsBox::RunMode::Trade);
        QVERIFY(!missing);
        QVERIFY2(missing.error().message.contains(QStringLiteral("does not exist")), qPrintable(missing.error().message));

        run->setText(runs.path());
        Q_EMIT run->editingFinished();
        auto trader = box.config(ui::AgentControlsBox::RunMode::Trade);
        QVERIFY2(trader, trader ? "" : qPrintable(trader.error().toString()));
        QCOMPARE(trader->backend.kind, agent::BackendSpec::Kind::Builtin);
        QCOMPARE(trader->backend.model, QString(QStringLiteral("dqn:") + QDir::cleanPath(runs.path())));
        QCOMPARE(trader->backend.toString(), QString(QStringLiteral("builtin:dqn:") + QDir::cleanPath(runs.path())));
        QCOMPARE(m_settings->string(Settings::Key::AgentBackend), trader->backend.toString());
        QCOMPARE(m_settings->string(Settings::Key::AgentDqnRun), runs.path());
        QVERIFY(agent::parseBackendSpec(m_settings->string(Settings::Key::AgentBackend)));

        // A new box reads the choice back.
        ui::AgentControlsBox again(nullptr, m_chain.get(), m_settings.get());
        publishAccounts(m_sandboxAccount);
        QCOMPARE(child<QComboBox>(&again, "agentBackendCombo")->currentData().toString(), QStringLiteral("dqn"));
        QCOMPARE(QDir::cleanPath(child<QLineEdit>(&again, "agentDqnRunEdit")->text()), QDir::cleanPath(runs.path()));
        auto reread = again.config(ui::AgentControlsBox::RunMode::Trade);
        QVERIFY2(reread, reread ? "" : qPrintable(reread.error().toString()));
        QCOMPARE(reread->backend.toString(), trader->backend.toString());

        // Back to the built-in policy: the folder stays for the next time.
        backend->setCurrentIndex(backend->findData(QStringLiteral("builtin")));
        auto momentum = box.config(ui::AgentControlsBox::RunMode::Trade);
        QVERIFY(momentum);
        QCOMPARE(momentum->backend.model, QStringLiteral("momentum"));
        QCOMPARE(m_settings->string(Settings::Key::AgentBackend), QStringLiteral("builtin:momentum"));
        QCOMPARE(m_settings->string(Settings::Key::AgentDqnRun), runs.path());
        m_settings->setValue(Settings::Key::AgentBackend, QStringLiteral("builtin"));
        m_settings->setValue(Settings::Key::AgentDqnRun, QString());
    }

    void keystoreAccountAsksForThePassword()
    {
        ui::AgentControlsBox box(m_agent.get(), m_chain.get(), nullptr);
        publishAccounts(m_keystoreAccount);
        QVERIFY(child<QLabel>(&box, "agentAccountLabel")->text().contains(QStringLiteral("password")));
        QVERIFY(child<QPushButton>(&box, "agentStartButton")->isEnabled());
        int asked = 0;
        box.setPasswordPrompt([&asked, this](const WalletAccount &account) -> std::optional<QString> {
            ++asked;
            if (account.address != m_keystoreAccount)
                qWarning("asked for the wrong account");
            return std::nullopt;   // the person cancels: nothing starts
        });
        QSignalSpy started(m_agent.get(), &AgentService::agentStateChanged);
        QTest::mouseClick(child<QPushButton>(&box, "agentStartButton"), Qt::LeftButton);
        QCOMPARE(asked, 1);
        QCOMPARE(child<QLabel>(&box, "agentControlsMessage")->text(), QStringLiteral("Not started: the account stays locked."));
        // The state strip and the buttons follow the service's state.
        agent::AgentState running;
        running.phase = agent::AgentState::Phase::Running;
        running.runId = QStringLiteral("run-2");
        Q_EMIT m_agent->agentStateChanged(running);
        QVERIFY(!child<QPushButton>(&box, "agentStartButton")->isEnabled());
        QVERIFY(child<QPushButton>(&box, "agentStopButton")->isEnabled());
        QVERIFY(!child<QComboBox>(&box, "agentBackendCombo")->isEnabled());
        Q_EMIT m_agent->agentStateChanged(agent::AgentState{});
        QVERIFY(child<QPushButton>(&box, "agentStartButton")->isEnabled());
        publishAccounts(m_sandboxAccount);
    }

    void statusStripShowsTheRun()
    {
        ui::AgentStatusStrip strip;
        agent::AgentState state;
        state.phase = agent::AgentState::Phase::Observing;
        state.runId = QStringLiteral("run-3");
        state.cycle = 12;
        state.backend = QStringLiteral("ollama");
        state.model = QStringLiteral("qwen3:4b");
        state.observeCyclesLeft = 2;
        state.contextRatio = 0.42;
        state.modelPnlUsd = 3.5;
        state.rebalancePnlUsd = -0.25;
        state.text = QStringLiteral("Watching the market; trading starts in 2 cycles.");
        strip.showState(state);
        QCOMPARE(child<QLabel>(&strip, "agentPhaseValue")->text(), QStringLiteral("Observing"));
        QCOMPARE(child<QLabel>(&strip, "agentBackendValue")->text(), QStringLiteral("Ollama · qwen3:4b"));
        QCOMPARE(child<QLabel>(&strip, "agentCycleValue")->text(), QStringLiteral("12"));
        QCOMPARE(child<QLabel>(&strip, "agentObserveValue")->text(), QStringLiteral("2 cycles left"));
        QCOMPARE(child<QLabel>(&strip, "agentContextValue")->text(), QStringLiteral("42 %"));
        QCOMPARE(child<QLabel>(&strip, "agentModelPnlValue")->text(), QStringLiteral("+3.50 USD"));
        QCOMPARE(child<QLabel>(&strip, "agentRebalancePnlValue")->text(), QStringLiteral("−0.25 USD"));
        QCOMPARE(child<QLabel>(&strip, "agentStateText")->text(), state.text);
    }

    void historyAndStatisticsFromTheJournal()
    {
        // A journal written by a DecisionJournal of its own, read by the pane off the GUI thread.
        const QString path = m_dir.filePath(QStringLiteral("journal.sqlite"));
        QList<DecisionRecord> stored;
        {
            agent::DecisionJournal journal;
            const apedesk::Status opened = journal.open(path);
            QVERIFY2(opened, opened ? "" : qPrintable(opened.error().toString()));
            for (DecisionRecord record : {soldEth(0), boughtEth(0), rebalance(0), failedCall(0),
                                          decision(0, Canary::ApeNeutral, S::NoTrade),
                                          decision(0, Canary::None, S::Observed)}) {
                record.time = kBase.addSecs(stored.size() * 10);
                if (!record.txHash.isZero())
                    record.txHash = hashOf(quint64(100 + stored.size()));
                record.cycle = quint64(stored.size() + 1);
                auto id = journal.save(record);
                QVERIFY2(id, id ? "" : qPrintable(id.error().toString()));
                record.id = *id;
                stored.append(record);
            }
        }
        AgentServiceConfig config;
        config.databasePath = path;
        AgentService agent(config);   // not started: the pane reads the file with a connection of its own
        // The read runs on a pool thread and answers through the event loop, after the spies exist.
        auto pane = std::make_unique<ui::DecisionLogPane>(&agent, m_chain.get(), nullptr);
        QSignalSpy loaded(pane.get(), &ui::DecisionLogPane::historyLoaded);
        QSignalSpy failed(pane.get(), &ui::DecisionLogPane::historyLoadFailed);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() || !failed.isEmpty(), 10000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(loaded.first().first().toInt(), int(stored.size()));
        QCOMPARE(pane->decisions()->rowCount(), int(stored.size()));
        QCOMPARE(pane->decisions()->index(0, 0).data(DecisionLogModel::IdRole).toLongLong(), stored.last().id);
        const auto sold = pane->decisions()->recordById(stored.first().id);
        QVERIFY(sold);
        QCOMPARE(sold->txHash, stored.first().txHash);
        QCOMPARE(sold->pnlUsd, stored.first().pnlUsd);
        // The journal's statistics agree with the pane's own count of the same decisions.
        QTRY_COMPARE(pane->canaryStats()->rowCount(), 1);
        const agent::CanaryStats fromJournal = pane->canaryStats()->stats().first();
        const agent::CanaryStats counted = ui::CanaryStatsModel::tally(stored).first();
        QCOMPARE(fromJournal.answers, counted.answers);
        QCOMPARE(fromJournal.withCanary, counted.withCanary);
        QCOMPARE(fromJournal.apeIn, counted.apeIn);
        QCOMPARE(fromJournal.apeOut, counted.apeOut);
        QCOMPARE(fromJournal.apeNeutral, counted.apeNeutral);
        QCOMPARE(fromJournal.unreadable, counted.unreadable);
        // A live decision joins them; the statistics follow from the journal again.
        QSignalSpy updated(pane.get(), &ui::DecisionLogPane::canaryStatsUpdated);
        pane->refreshStats();
        QVERIFY(updated.wait(10000));
    }

    void paneWithoutAService()
    {
        ui::DecisionLogPane pane(nullptr, nullptr, nullptr);
        auto *note = child<QLabel>(&pane, "decisionLogPaneNote");
        QVERIFY(note->isVisibleTo(&pane));
        QVERIFY(note->text().contains(QStringLiteral("not available")));
        QVERIFY(!child<QPushButton>(&pane, "agentStartButton")->isEnabled());
        QVERIFY(!child<QPushButton>(&pane, "decisionExportButton")->isEnabled());
        QSignalSpy exported(&pane, &ui::DecisionLogPane::journalExported);
        pane.exportJournalTo(m_dir.filePath(QStringLiteral("none.jsonl")));
        QCOMPARE(exported.size(), 1);
        QCOMPARE(exported.first().first().toBool(), false);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.jsonl"))));
        QAbstractItemModelTester tester(pane.decisions(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(pane.decisions()->rowCount(), 0);
    }

    void liveAgentStreamsIntoTheDetailView()
    {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        Settings settings(data.filePath(QStringLiteral("live.ini")));
        Core core(&settings);
        ChainConfig chainConfig;
        chainConfig.dataDirectory = data.filePath(QStringLiteral("chain"));
        chainConfig.keystoreDirectory = data.filePath(QStringLiteral("keystore"));
        chainConfig.refreshIntervalMs = 500;
        MarketConfig marketConfig;
        marketConfig.databasePath = data.filePath(QStringLiteral("apedesk.sqlite"));
        marketConfig.monitorPollMs = 250;
        auto *chain = core.add(std::make_unique<ChainService>(chainConfig));
        auto *market = core.add(std::make_unique<MarketService>(marketConfig));
        connect(chain, &ChainService::stateChanged, market, &MarketService::followChain);
        AgentServiceConfig agentConfig;
        agentConfig.databasePath = data.filePath(QStringLiteral("apedesk.sqlite"));
        auto agentService = std::make_unique<AgentService>(agentConfig);
        agentService->setChainService(chain);
        agentService->setMarketService(market);
        auto *agent = core.add(std::move(agentService));

        // A fine-tuned canary model that takes its time: one word every 150 ms.
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        server.setModels({QStringLiteral("apedesk-canary:3b"), QStringLiteral("llama3.2:3b")});
        const QString answer = QStringLiteral("Volume is thin and momentum fades after the spike, so I lock in "
                                              "some gains.\nRECOMMENDATION: APE OUT 0.05 ETH");
        server.setDefault(LlmTestServer::answer(answer, 150));

        ui::DecisionLogPane pane(agent, chain, &settings);
        QAbstractItemModelTester tester(pane.decisions(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(pane.filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.resize(1280, 780);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY_WITH_TIMEOUT(chain->state().connected() && chain->state().canSign && chain->state().venue
                                     && !chain->selectedAccount().isZero(),
                                 240000);

        // The controls as a person sets them: Ollama at the test server, the model from its list, no
        // rebalancing (the model decides every cycle), a decision each second.
        auto *backend = child<QComboBox>(&pane, "agentBackendCombo");
        backend->setCurrentIndex(backend->findData(QStringLiteral("ollama")));
        auto *url = child<QLineEdit>(&pane, "agentServerUrlEdit");
        url->setText(server.baseUrl().toString());
        Q_EMIT url->editingFinished();
        auto *models = child<QComboBox>(&pane, "agentModelCombo");
        QTest::mouseClick(child<QWidget>(&pane, "agentRefreshModelsButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(models->count(), 2, 10000);
        QCOMPARE(models->itemText(0), QStringLiteral("apedesk-canary:3b"));
        models->setCurrentIndex(0);
        child<QDoubleSpinBox>(&pane, "agentThresholdSpin")->setValue(100);
        child<QSpinBox>(&pane, "agentIntervalSpin")->setValue(1);
        child<QSpinBox>(&pane, "agentObserveCyclesSpin")->setValue(0);
        child<QDoubleSpinBox>(&pane, "agentMaxTradeSpin")->setValue(0.05);

        // Watch the GUI thread while the agent streams: a 5 ms timer's longest gap.
        QElapsedTimer clock;
        clock.start();
        qint64 last = clock.elapsed(), longest = 0;
        QTimer beat;
        connect(&beat, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            longest = std::max(longest, now - last);
            last = now;
        });
        beat.start(5);

        QTest::mouseClick(child<QPushButton>(&pane, "agentStartButton"), Qt::LeftButton);
        auto *response = child<QPlainTextEdit>(&pane, "decisionResponseText");
        // The first model decision appears, is followed, and its tokens arrive while it is Thinking.
        QElapsedTimer timer;
        timer.start();
        DecisionRecord streaming;   // who streamed: id, run, cycle and kind
        QString seenWhileThinking;
        const auto current = [&pane](const DecisionRecord &key) {
            return pane.decisions()->record(pane.decisions()->rowOf(key));
        };
        while (timer.elapsed() < 90000 && seenWhileThinking.isEmpty()) {
            QTest::qWait(10);
            if (!pane.detail()->isShowing())
                continue;
            const DecisionRecord record = current(pane.detail()->shownDecision());
            if (record.backend != QLatin1String("ollama"))
                continue;
            if (record.status == S::Thinking && !response->toPlainText().isEmpty()) {
                streaming = pane.detail()->shownDecision();
                seenWhileThinking = response->toPlainText();
            }
        }
        QVERIFY2(!seenWhileThinking.isEmpty(),
                 qPrintable(QStringLiteral("no streamed text while thinking; agent: %1").arg(agent->state().text)));
        QVERIFY2(answer.startsWith(seenWhileThinking) && seenWhileThinking.size() < answer.size(),
                 qPrintable(seenWhileThinking));
        QCOMPARE(child<QLabel>(&pane, "decisionDetailStatus")->text(), QStringLiteral("Thinking"));

        // The answer completes and is traded: 0.05 ETH sold, the tx hash in the row and the detail.
        QTRY_VERIFY_WITH_TIMEOUT(current(streaming).status != S::Thinking && current(streaming).status != S::Trading,
                                 120000);
        const DecisionRecord done = current(streaming);
        QCOMPARE(response->toPlainText(), answer);
        QVERIFY2(done.status == S::Succeeded, qPrintable(agent::decisionStatusKey(done.status) + QLatin1Char(' ')
                                                          + done.error.message + QLatin1Char(' ') + done.sized.note));
        QCOMPARE(done.parsed.canary, Canary::ApeOut);
        QVERIFY(!done.txHash.isZero());
        QCOMPARE(done.amountInText(), QStringLiteral("0.05"));
        const int row = pane.filter()->mapFromSource(pane.decisions()->index(pane.decisions()->rowOf(done), 0)).row();
        QCOMPARE(text(pane.filter(), row, DecisionLogModel::CanaryColumn), QStringLiteral("APE OUT"));
        QCOMPARE(text(pane.filter(), row, DecisionLogModel::StatusColumn), QStringLiteral("Traded"));
        QCOMPARE(pane.filter()->index(row, DecisionLogModel::TxHashColumn).data(Qt::ToolTipRole).toString(),
                 done.txHash.toHex());
        if (pane.detail()->shows(done))
            QCOMPARE(child<QLineEdit>(&pane, "decisionTxHashValue")->text(), done.txHash.toHex());
        QCOMPARE(child<QLabel>(&pane, "agentPhaseValue")->text().isEmpty(), false);
        beat.stop();
        qInfo("longest GUI-thread gap while the agent streamed and traded: %lld ms", longest);
        QVERIFY2(longest < 500, "the GUI thread stalled");   // generous: a loaded 2-core machine

        QTest::qWait(200);
        QVERIFY(pane.grab().save(screenshotPath(QStringLiteral("decision-log-live.png"))));

        // Stop; then the journal goes out as JSONL with the trade in it.
        QTest::mouseClick(child<QPushButton>(&pane, "agentStopButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(agent->state().phase, agent::AgentState::Phase::Stopped, 60000);
        QTRY_VERIFY(child<QPushButton>(&pane, "agentStartButton")->isEnabled());
        QVERIFY2(done.id != 0, qPrintable(QStringLiteral("the decision was not stored in the journal; service: ")
                                          + agent->status().text));
        QVERIFY2(done.id != 0, qPrintable(QStringLiteral("the decision was not stored in the journal; service: ")
                                          + agent->status().text));
        QSignalSpy exported(&pane, &ui::DecisionLogPane::journalExported);
        const QString jsonl = data.filePath(QStringLiteral("decisions.jsonl"));
        pane.exportJournalTo(jsonl);
        QVERIFY(exported.wait(30000));
        QVERIFY2(exported.first().first().toBool(), qPrintable(exported.first().at(1).toString()));
        QFile file(jsonl);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray lines = file.readAll();
        QVERIFY(lines.count('\n') >= 1);
        QVERIFY(lines.contains(done.txHash.toHex().toLatin1()));
        QVERIFY(core.shutdown(15000));
    }

    void screenshot()
    {
        ui::DecisionLogPane pane(m_agent.get(), m_chain.get(), m_settings.get());
        QAbstractItemModelTester tester(pane.filter(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        pane.resize(1280, 780);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        publishAccounts(m_sandboxAccount);

        // A run of a fine-tuned canary model on Ollama with the rebalancer, one answer still streaming.
        QList<DecisionRecord> run;
        run << decision(1, Canary::None, S::Observed) << decision(2, Canary::ApeNeutral, S::Observed);
        run.last().observing = true;
        run.first().observing = true;
        run << soldEth(3) << decision(4, Canary::ApeNeutral, S::NoTrade) << rebalance(5) << boughtEth(6)
            << failedCall(7) << decision(8, Canary::ApeOut, S::NoTrade);
        run.last().sized.note = QStringLiteral("0.00004 ETH is below the 0.0001 ETH minimum");
        run << decision(9, Canary::ApeIn, S::NoTrade, QStringLiteral("builtin"), QStringLiteral("momentum"));
        run << soldEth(10);
        run.last().status = S::Trading;
        run.last().pnlUsd.reset();
        run.last().amountOut = 0;
        run.last().effectivePrice.clear();
        for (const DecisionRecord &record : std::as_const(run))
            Q_EMIT m_agent->decisionChanged(record);
        agent::AgentState state;
        state.phase = agent::AgentState::Phase::Running;
        state.runId = QStringLiteral("run-1");
        state.cycle = 11;
        state.backend = QStringLiteral("ollama");
        state.model = QStringLiteral("qwen3:4b");
        state.contextRatio = 0.37;
        state.modelPnlUsd = 1.23;
        state.rebalancePnlUsd = -0.4;
        state.text = QStringLiteral("Cycle 11: asking qwen3:4b (stateful, 12,100 of 32,768 tokens).");
        Q_EMIT m_agent->agentStateChanged(state);
        DecisionRecord thinking = decision(11, Canary::None, S::Thinking);
        Q_EMIT m_agent->decisionChanged(thinking);
        for (const QString &piece : {QStringLiteral("ETH bounced off 3,000 with rising volume, "),
                                     QStringLiteral("volatility is low and my last two sells lost to gas. "),
                                     QStringLiteral("Holding more ETH toward the 50 % target fits.\n"),
                                     QStringLiteral("RECOMMENDATION: APE IN")})
            Q_EMIT m_agent->decisionToken(11, piece);
        QCOMPARE(pane.detail()->decisionId(), qint64(11));
        QVERIFY(pane.detail()->responseText().endsWith(QStringLiteral("APE IN")));
        QTest::qWait(100);   // the strip's cells settle their sizes over a few layout passes

        const QString path = screenshotPath(QStringLiteral("decision-log.png"));
        const QImage image = pane.grab().toImage();
        QVERIFY(image.save(path));
        qInfo() << "screenshot:" << path;
        // Not blank: the table's rows and badges are there.
        QVERIFY(image.width() >= 1280 && image.height() >= 780);
        pane.tabs()->setCurrentIndex(1);
        pane.refreshStats();
        QTest::qWait(50);
        QVERIFY(pane.canaryStats()->rowCount() >= 1);
        QVERIFY(pane.grab().save(screenshotPath(QStringLiteral("decision-log-canary-stats.png"))));
        // A narrow dock: still usable, the filter bar wraps.
        pane.tabs()->setCurrentIndex(0);
        pane.resize(760, 640);
        QTest::qWait(100);
        QVERIFY(pane.grab().save(screenshotPath(QStringLiteral("decision-log-narrow.png"))));
    }
};

QTEST_MAIN(TestDecisionLogPane)
#include "test_decision_log_pane.moc"
