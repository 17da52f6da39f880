#pragma once
// An evaluation of the trader against its baselines as a table, read from the JSON that
// TrainingService::rlEvaluated carries (rlEvaluationJson): one row per policy (the DQN policy,
// buy-and-hold, random) with total return, Sharpe, max drawdown, trades and fees; the name cell
// carries the policy's curve colour, and the best total return is bold.

#include <QAbstractTableModel>
#include <QColor>
#include <QJsonObject>
#include <QVector>

namespace apedesk::ui {

class TraderEvaluationModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { PolicyColumn, TotalReturnColumn, SharpeColumn, MaxDrawdownColumn, TradesColumn, FeesColumn, ColumnCount };
    enum Role { ValueRole = Qt::UserRole + 1, PolicyKeyRole };   // the raw number; "policy" | "buy_and_hold" | "random"

    struct Row
    {
        QString key;                // the JSON key
        double totalReturn = 0;     // fraction
        double sharpe = 0;
        double maxDrawdown = 0;     // fraction, positive
        int trades = 0;
        double fees = 0;            // USDC
    };

    explicit TraderEvaluationModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The policies the evaluation has, in the fixed order; false (and empty) when it has none.
    bool setEvaluation(const QJsonObject &evaluation);
    void clear();
    const Row &row(int row) const { return m_rows.at(row); }

    // The JSON keys in table order and their names for people.
    static QStringList policyKeys();
    static QString policyName(const QString &key);
    static QColor policyColor(const QString &key, const QPalette &palette);

private:
    QVector<Row> m_rows;
    int m_bestReturnRow = -1;
};

} // namespace apedesk::ui
