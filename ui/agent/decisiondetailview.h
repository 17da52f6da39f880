#pragma once
// One decision in full: the system prompt and prompt the model got, its response (streaming live,
// token by token, while the decision is Thinking), how the answer was read, the trade it was sized
// to, and the resulting transaction: status, tx hash, amounts in and out, effective price, error in
// words, and the P&L once marked.

#include "agent/agenttypes.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QScrollArea;
class QSplitter;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;

namespace apedesk::ui {

class DecisionDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit DecisionDetailView(QWidget *parent = nullptr);

    // Shows `record`; the same decision again updates what changed and keeps the response's scroll.
    void showRecord(const agent::DecisionRecord &record);
    // A streamed piece of the shown decision's response, added at its end.
    void appendResponse(const QString &delta);
    void clear();

    // Whether `record` is a copy of the decision shown.
    bool shows(const agent::DecisionRecord &record) const;
    qint64 decisionId() const { return m_shown.id; }
    // The shown decision's identity (id, run, cycle, kind) for DecisionLogModel::rowOf.
    const agent::DecisionRecord &shownDecision() const { return m_shown; }
    bool isShowing() const { return m_showing; }
    QString responseText() const;
    QTabWidget *tabs() const { return m_tabs; }

    // Compact (a narrow dock): the outcome becomes a third tab beside the response and the prompt
    // instead of a column of its own.
    void setCompact(bool compact);
    bool isCompact() const { return m_compact; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setHeader(const QString &text);
    void elideHeader();
    QLabel *addField(QFormLayout *form, const QString &objectName, const QString &caption);
    void setResponse(const QString &text);
    void showOutcome(const agent::DecisionRecord &record);

    agent::DecisionRecord m_shown;   // who is shown: id, run, cycle and kind (the rest is on screen)
    bool m_showing = false;
    bool m_compact = false;
    QString m_headerText;
    QLabel *m_header;            // one line, elided: a long model name must not widen the pane
    QSplitter *m_split;
    QScrollArea *m_outcomeScroll;
    QLabel *m_status;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_response;
    QPlainTextEdit *m_systemPrompt;
    QPlainTextEdit *m_prompt;
    QLabel *m_parsed;
    QLabel *m_reasoning;
    QLabel *m_sized;
    QLabel *m_txStatus;
    QLineEdit *m_txHash;   // a field, not a label: the whole hash is selectable without widening the view
    QLabel *m_amountIn;
    QLabel *m_amountOut;
    QLabel *m_price;
    QLabel *m_error;
    QLabel *m_pnl;
    QLabel *m_latency;
    QLabel *m_market;
};

} // namespace apedesk::ui
