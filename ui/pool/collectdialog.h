#pragma once
// "Collect history…": which endpoints, pool and block range to read Swap logs from. The dialog only
// builds a CollectRequest (checked before it closes); the pane hands it to MarketService::collect.

#include "common/error.h"
#include "market/marketservice.h"

#include <QDialog>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace apedesk::ui {

class CollectDialog : public QDialog
{
    Q_OBJECT
public:
    // Starts from the followed pool (or BASE's ETH/USDC pool when none is followed).
    explicit CollectDialog(const market::MarketFeed &feed, QWidget *parent = nullptr);

    // The form as a request, or the first thing to fix, in words.
    Result<market::CollectRequest> request() const;

    void accept() override;

private:
    QPlainTextEdit *m_urls;
    QLineEdit *m_poolManager;
    QLineEdit *m_poolId;
    QLineEdit *m_fromBlock;
    QLineEdit *m_toBlock;
    QSpinBox *m_batch;
    QSpinBox *m_confirmations;
    QDoubleSpinBox *m_rate;
    QCheckBox *m_origins;
    QLabel *m_error;
};

} // namespace apedesk::ui
