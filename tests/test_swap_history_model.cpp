// The wallet pane's swap history model: QAbstractItemModelTester over every change (rows added,
// updated in place by swap id, reset), newest first, the texts of each column, the roles the pane
// and tests read, and the rule that a late "pending" copy does not undo a finished swap.

#include "wallet/swaphistorymodel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

using namespace apedesk;
using ui::SwapHistoryModel;
using eth::u256;

namespace {

const u256 kEther = u256(1'000'000'000'000'000'000ULL);

SwapRecord pending(quint64 id, SwapDirection direction = SwapDirection::EthToUsdc)
{
    SwapRecord record;
    record.id = id;
    record.time = QDateTime(QDate(2025, 3, 1), QTime(12, 30, 15), Qt::UTC);
    record.direction = direction;
    record.amountIn = direction == SwapDirection::EthToUsdc ? kEther / 10 : u256(300'000'000);   // 0.1 ETH / 300 USDC
    record.status = SwapRecord::Status::Pending;
    return record;
}

SwapRecord succeeded(quint64 id)
{
    SwapRecord record = pending(id);
    record.amountOut = u256(299'123'456);   // 299.123456 USDC
    record.effectivePrice = QStringLiteral("2991.234560");
    record.gasUsed = 134'567;
    record.gasFeeWei = u256(134'567) * 1'000'000'000ULL;
    record.txHash = *eth::Hash32::fromString(
        QStringLiteral("0x8f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"));
    record.status = SwapRecord::Status::Succeeded;
    return record;
}

QString text(const SwapHistoryModel &model, int row, int column)
{
    return model.index(row, column).data(Qt::DisplayRole).toString();
}

} // namespace

class TestSwapHistoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headers()
    {
        SwapHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), 8);
        const QStringList expected{QStringLiteral("Time"), QStringLiteral("Direction"), QStringLiteral("In"),
                                   QStringLiteral("Out"),  QStringLiteral("Price"),     QStringLiteral("Gas"),
                                   QStringLiteral("Status"), QStringLiteral("Tx hash")};
        for (int column = 0; column < model.columnCount(); ++column)
            QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), expected.at(column));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.index(0, 0).isValid());
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    }

    void addThenUpdateInPlace()
    {
        SwapHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.upsert(pending(7));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(text(model, 0, SwapHistoryModel::DirectionColumn), QStringLiteral("ETH → USDC"));
        QCOMPARE(text(model, 0, SwapHistoryModel::InColumn), QStringLiteral("0.1 ETH"));
        QCOMPARE(text(model, 0, SwapHistoryModel::OutColumn), QStringLiteral("—"));
        QCOMPARE(text(model, 0, SwapHistoryModel::GasColumn), QStringLiteral("—"));
        QCOMPARE(text(model, 0, SwapHistoryModel::StatusColumn), QStringLiteral("Pending"));
        QCOMPARE(text(model, 0, SwapHistoryModel::TxHashColumn), QStringLiteral("—"));
        QCOMPARE(model.index(0, 0).data(SwapHistoryModel::StatusRole).toInt(), int(SwapRecord::Status::Pending));
        QCOMPARE(model.index(0, 0).data(SwapHistoryModel::TxHashRole).toString(), QString());
        QCOMPARE(text(model, 0, SwapHistoryModel::TimeColumn),
                 pending(7).time.toLocalTime().toString(QStringLiteral("HH:mm:ss")));

        // A second swap goes on top; the first one ends and is updated where it is.
        model.upsert(pending(8, SwapDirection::UsdcToEth));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(SwapHistoryModel::SwapIdRole).toULongLong(), 8ULL);
        QCOMPARE(text(model, 0, SwapHistoryModel::InColumn), QStringLiteral("300 USDC"));
        QCOMPARE(text(model, 0, SwapHistoryModel::DirectionColumn), QStringLiteral("USDC → ETH"));
        QCOMPARE(model.rowOfSwap(7), 1);

        changed.clear();
        model.upsert(succeeded(7));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(changed.at(0).at(1).toModelIndex().column(), SwapHistoryModel::ColumnCount - 1);
        QCOMPARE(text(model, 1, SwapHistoryModel::OutColumn), QStringLiteral("299.123456 USDC"));
        QCOMPARE(text(model, 1, SwapHistoryModel::PriceColumn), QStringLiteral("2,991.23"));
        QCOMPARE(text(model, 1, SwapHistoryModel::GasColumn), QStringLiteral("134,567"));
        QCOMPARE(text(model, 1, SwapHistoryModel::StatusColumn), QStringLiteral("Succeeded"));
        QCOMPARE(text(model, 1, SwapHistoryModel::TxHashColumn), QStringLiteral("0x8f3b…e8f9"));
        QCOMPARE(model.index(1, 0).data(SwapHistoryModel::StatusRole).toInt(), int(SwapRecord::Status::Succeeded));
        QCOMPARE(model.index(1, SwapHistoryModel::TxHashColumn).data(SwapHistoryModel::TxHashRole).toString(),
                 QStringLiteral("0x8f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"));
        QCOMPARE(model.index(1, SwapHistoryModel::TxHashColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("0x8f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"));
        QCOMPARE(model.index(1, SwapHistoryModel::GasColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Gas fee: 0.000134567 ETH"));
        QCOMPARE(model.index(1, SwapHistoryModel::OutColumn).data(Qt::TextAlignmentRole).value<Qt::Alignment>(),
                 Qt::AlignRight | Qt::AlignVCenter);

        // A queued "started" copy that arrives after the end is ignored.
        changed.clear();
        model.upsert(pending(7));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(model.record(1).status, SwapRecord::Status::Succeeded);
    }

    void failureShowsTheReason()
    {
        SwapHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsert(pending(3));
        SwapRecord failed = pending(3);
        failed.status = SwapRecord::Status::Reverted;
        failed.error = Error::make(Error::Kind::Chain, QStringLiteral("The price moved past your slippage limit."));
        model.upsert(failed);
        QCOMPARE(text(model, 0, SwapHistoryModel::StatusColumn), QStringLiteral("Reverted"));
        QCOMPARE(model.index(0, SwapHistoryModel::StatusColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("The price moved past your slippage limit."));
        QCOMPARE(text(model, 0, SwapHistoryModel::OutColumn), QStringLiteral("—"));
        QCOMPARE(model.index(0, 0).data(SwapHistoryModel::StatusRole).toInt(), int(SwapRecord::Status::Reverted));
        // The row is marked in every column, not only under "Status".
        QCOMPARE(model.index(0, SwapHistoryModel::InColumn).data(Qt::ForegroundRole).value<QColor>(),
                 QColor(0xd3, 0x2f, 0x2f));
        model.upsert(succeeded(4));
        QVERIFY(!model.index(0, SwapHistoryModel::InColumn).data(Qt::ForegroundRole).isValid());
    }

    void setRecordsIsNewestFirstAndMergesLaterSignals()
    {
        SwapHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsert(pending(99));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setRecords({succeeded(1), pending(2), succeeded(3)});   // oldest first, as history() gives
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.record(0).id, 3ULL);
        QCOMPARE(model.record(2).id, 1ULL);
        QCOMPARE(model.rowOfSwap(99), -1);
        // swapFinished for the pending one updates it; an unknown id is added on top.
        model.upsert(succeeded(2));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.record(1).status, SwapRecord::Status::Succeeded);
        model.upsert(pending(4));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.record(0).id, 4ULL);
        model.setRecords({});
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.record(0).id);
    }
};

QTEST_GUILESS_MAIN(TestSwapHistoryModel)
#include "test_swap_history_model.moc"
