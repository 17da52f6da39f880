#pragma once
// The decision log's filter widgets over a DecisionFilterProxy: backend/model (the ones the log has
// seen), canary word, status, trades only and a search field. Wraps onto more lines in a narrow dock.

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QToolButton;

namespace apedesk::ui {

class DecisionFilterProxy;
class DecisionLogModel;

class DecisionFilterBar : public QWidget
{
    Q_OBJECT
public:
    DecisionFilterBar(DecisionLogModel *model, DecisionFilterProxy *proxy, QWidget *parent = nullptr);

    // Re-reads the backend/model pairs the log holds into the model filter's list.
    void updateModelChoices();

private:
    void apply();

    DecisionLogModel *m_model;
    DecisionFilterProxy *m_proxy;
    QComboBox *m_backendModel;
    QComboBox *m_canary;
    QComboBox *m_status;
    QCheckBox *m_tradesOnly;
    QLineEdit *m_search;
    QToolButton *m_clear;
};

} // namespace apedesk::ui
