#pragma once
// The data a training reads (the GAN lab's and the trader's): a CSV file, or the followed pool's swaps
// in the app's swap store. choice() turns the inputs into the data fields a training config keeps
// (kind, source, chain, pool id), or says in a sentence what is missing.

#include "common/error.h"
#include "market/marketservice.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace apedesk::ui {

class SwapDataChooser : public QWidget
{
    Q_OBJECT
public:
    struct Choice
    {
        QString kind;      // "csv" | "store"
        QString source;    // the CSV or the store file, absolute
        QString chain;     // store only
        QString poolId;    // store only, 0x-hex
    };

    // `market` may be null: then only a CSV file can be chosen. `namePrefix` names the child widgets
    // (prefix + "CsvRadio", "CsvEdit", "CsvBrowseButton", "StoreRadio", "StoreText").
    SwapDataChooser(MarketService *market, const QString &namePrefix, QWidget *parent = nullptr);

    void setCsvPlaceholder(const QString &text);
    Result<Choice> choice() const;

    void setCsvPath(const QString &path);
    QString csvPath() const;
    void setUseStore(bool store);
    bool useStore() const;
    // Locked while a run trains.
    void setInputsEnabled(bool enabled);

    QRadioButton *csvRadio() const { return m_csvRadio; }
    QRadioButton *storeRadio() const { return m_storeRadio; }

private:
    void showFeed(const market::MarketFeed &feed);
    bool poolFollowed() const;
    void chooseCsv();
    void updateInputs();

    MarketService *m_market;
    market::MarketFeed m_feed;
    QRadioButton *m_csvRadio;
    QRadioButton *m_storeRadio;
    QLineEdit *m_csv;
    QPushButton *m_browseCsv;
    QLabel *m_storeText;
    bool m_inputsEnabled = true;
};

} // namespace apedesk::ui
