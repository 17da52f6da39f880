#include "decisiondetailview.h"

#include "agentstyle.h"
#include "decisionlogmodel.h"
#include "decisiontext.h"
#include "wallet/amounttext.h"
#include "wallet/walletstyle.h"

#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTextCursor>
#include <QVBoxLayout>

namespace apedesk::ui {

using agent::DecisionRecord;

namespace {
QPlainTextEdit *textPane(const QString &objectName, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setPlaceholderText(placeholder);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    return edit;
}

QString transactionText(const DecisionRecord &record)
{
    using S = DecisionRecord::Status;
    if (!record.sized.trade)
        return record.status == S::Thinking ? DecisionText::dash() : DecisionDetailView::tr("None: nothing was sent.");
    switch (record.status) {
    case S::Trading: return DecisionDetailView::tr("Sent, waiting to be mined…");
    case S::Succeeded: return DecisionDetailView::tr("Mined");
    case S::Reverted: return DecisionDetailView::tr("Reverted on chain");
    case S::Failed:
        return record.txHash.isZero() ? DecisionDetailView::tr("Not sent: the swap failed")
                                      : DecisionDetailView::tr("Failed after sending");
    case S::Canceled: return DecisionDetailView::tr("Canceled");
    default: return DecisionText::dash();
    }
}

QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}
} // namespace

DecisionDetailView::DecisionDetailView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("decisionDetailView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto *headerRow = new QHBoxLayout;
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("decisionDetailHeader"));
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    m_header->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_header->installEventFilter(this);   // re-elided whenever its width changes
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("decisionDetailStatus"));
    m_status->setFont(bold);
    headerRow->addWidget(m_header, 1);
    headerRow->addWidget(m_status);
    layout->addLayout(headerRow);

    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->setObjectName(QStringLiteral("decisionDetailSplitter"));
    m_split->setChildrenCollapsible(false);

    m_tabs = new QTabWidget(m_split);
    m_tabs->setObjectName(QStringLiteral("decisionDetailTabs"));
    m_tabs->setDocumentMode(true);
    m_response = textPane(QStringLiteral("decisionResponseText"), tr("The model's answer appears here as it streams."),
                          m_tabs);
    m_tabs->addTab(m_response, tr("Response"));
    auto *promptPage = new QWidget(m_tabs);
    promptPage->setObjectName(QStringLiteral("decisionPromptPage"));
    auto *promptLayout = new QVBoxLayout(promptPage);
    promptLayout->setContentsMargins(0, 4, 0, 0);
    promptLayout->setSpacing(2);
    m_systemPrompt = textPane(QStringLiteral("decisionSystemPromptText"),
                              tr("No system prompt: the stateful format sends the prompt alone."), promptPage);
    m_systemPrompt->setMaximumHeight(90);
    m_prompt = textPane(QStringLiteral("decisionPromptText"), tr("No prompt."), promptPage);
    promptLayout->addWidget(caption(tr("System prompt"), promptPage));
    promptLayout->addWidget(m_systemPrompt);
    promptLayout->addWidget(caption(tr("Prompt"), promptPage));
    promptLayout->addWidget(m_prompt, 1);
    m_tabs->addTab(promptPage, tr("Prompt"));

    // The outcome beside the text: how it was read, the trade, the transaction.
    auto *outcome = new QWidget;
    outcome->setObjectName(QStringLiteral("decisionOutcome"));
    auto *form = new QFormLayout(outcome);
    form->setContentsMargins(8, 4, 4, 4);
    form->setHorizontalSpacing(10);
    form->setVerticalSpacing(3);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_parsed = addField(form, QStringLiteral("decisionParsedValue"), tr("Read as:"));
    m_reasoning = addField(form, QStringLiteral("decisionReasoningValue"), tr("Reasoning:"));
    m_sized = addField(form, QStringLiteral("decisionSizedValue"), tr("Trade:"));
    m_txStatus = addField(form, QStringLiteral("decisionTxStatusValue"), tr("Transaction:"));
    m_txHash = new QLineEdit(outcome);
    m_txHash->setObjectName(QStringLiteral("decisionTxHashValue"));
    m_txHash->setReadOnly(true);
    m_txHash->setFrame(false);
    m_txHash->setMinimumWidth(60);
    QPalette plain = m_txHash->palette();
    plain.setColor(QPalette::Base, Qt::transparent);   // reads like the labels around it
    m_txHash->setPalette(plain);
    form->addRow(caption(tr("Tx hash:"), outcome), m_txHash);
    m_amountIn = addField(form, QStringLiteral("decisionAmountInValue"), tr("Paid:"));
    m_amountOut = addField(form, QStringLiteral("decisionAmountOutValue"), tr("Received:"));
    m_price = addField(form, QStringLiteral("decisionPriceValue"), tr("Effective price:"));
    m_error = addField(form, QStringLiteral("decisionErrorValue"), tr("Error:"));
    m_pnl = addField(form, QStringLiteral("decisionPnlValue"), tr("P&L:"));
    m_latency = addField(form, QStringLiteral("decisionLatencyValue"), tr("Answer time:"));
    m_market = addField(form, QStringLiteral("decisionMarketValue"), tr("Market then:"));
    m_outcomeScroll = new QScrollArea(m_split);
    m_outcomeScroll->setObjectName(QStringLiteral("decisionOutcomeScroll"));
    m_outcomeScroll->setWidget(outcome);
    m_outcomeScroll->setWidgetResizable(true);
    m_outcomeScroll->setFrameShape(QFrame::NoFrame);
    m_outcomeScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);   // the values wrap instead
    m_outcomeScroll->setMinimumWidth(220);

    m_split->addWidget(m_tabs);
    m_split->addWidget(m_outcomeScroll);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    layout->addWidget(m_split, 1);
    clear();
}

QLabel *DecisionDetailView::addField(QFormLayout *form, const QString &objectName, const QString &captionText)
{
    auto *value = new QLabel(form->parentWidget());
    value->setObjectName(objectName);
    value->setWordWrap(true);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setMinimumWidth(60);
    auto *label = caption(captionText, form->parentWidget());
    form->addRow(label, value);
    return value;
}

bool DecisionDetailView::shows(const DecisionRecord &record) const
{
    return m_showing && DecisionLogModel::sameDecision(m_shown, record);
}

void DecisionDetailView::clear()
{
    m_shown = DecisionRecord();
    m_showing = false;
    setHeader(tr("Select a decision to see its prompt, the answer as it streams, and the trade."));
    m_status->clear();
    m_response->clear();
    m_systemPrompt->clear();
    m_prompt->clear();
    for (QLabel *label : {m_parsed, m_reasoning, m_sized, m_txStatus, m_amountIn, m_amountOut, m_price, m_error,
                          m_pnl, m_latency, m_market})
        label->setText(DecisionText::dash());
    m_txHash->setText(DecisionText::dash());
    walletstyle::setErrorLook(m_error, false);
}

void DecisionDetailView::setCompact(bool compact)
{
    if (compact == m_compact)
        return;
    m_compact = compact;
    if (compact) {
        m_outcomeScroll->setMinimumWidth(0);
        m_tabs->addTab(m_outcomeScroll, tr("Outcome"));   // takes it out of the splitter
    } else {
        m_tabs->removeTab(m_tabs->indexOf(m_outcomeScroll));
        m_split->addWidget(m_outcomeScroll);
        m_outcomeScroll->setMinimumWidth(220);
        m_outcomeScroll->show();
    }
}

void DecisionDetailView::setHeader(const QString &text)
{
    m_headerText = text;
    m_header->setToolTip(text);
    elideHeader();
}

void DecisionDetailView::elideHeader()
{
    const int room = std::max(0, m_header->width() - 4);
    m_header->setText(m_header->fontMetrics().elidedText(m_headerText, Qt::ElideRight, room));
}

bool DecisionDetailView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_header && event->type() == QEvent::Resize)
        elideHeader();
    return QWidget::eventFilter(watched, event);
}

QString DecisionDetailView::responseText() const { return m_response->toPlainText(); }

void DecisionDetailView::showRecord(const DecisionRecord &record)
{
    const bool same = shows(record);
    m_shown = DecisionRecord();
    m_shown.id = record.id;
    m_shown.runId = record.runId;
    m_shown.cycle = record.cycle;
    m_shown.type = record.type;
    m_showing = true;
    QStringList header;
    header << (record.id != 0 ? tr("Decision #%1").arg(record.id) : tr("New decision"))
           << tr("cycle %1").arg(record.cycle) << DecisionText::time(record.time) << DecisionText::backendModel(record);
    if (record.observing)
        header << tr("observing");
    //: Separator between the parts of the decision header
    setHeader(header.join(tr(" · ")));
    m_status->setText(agent::decisionStatusText(record.status));
    QPalette statusPalette = m_status->palette();
    statusPalette.setColor(QPalette::WindowText, agentstyle::statusColor(record.status, palette()));
    m_status->setPalette(statusPalette);

    if (!same || m_systemPrompt->toPlainText() != record.systemPrompt)
        m_systemPrompt->setPlainText(record.systemPrompt);
    if (!same || m_prompt->toPlainText() != record.prompt)
        m_prompt->setPlainText(record.prompt);
    if (same)
        setResponse(record.response);
    else
        m_response->setPlainText(record.response);
    showOutcome(record);
}

void DecisionDetailView::setResponse(const QString &text)
{
    const QString shown = m_response->toPlainText();
    if (text == shown)
        return;
    if (text.startsWith(shown)) {
        appendResponse(text.mid(shown.size()));   // the rest of the stream; keeps the scroll
        return;
    }
    m_response->setPlainText(text);
}

void DecisionDetailView::appendResponse(const QString &delta)
{
    if (!m_showing || delta.isEmpty())
        return;
    QScrollBar *bar = m_response->verticalScrollBar();
    const bool follow = bar->value() >= bar->maximum() - 2;
    // A cursor of its own: the person's selection in the text stays where it is.
    QTextCursor cursor(m_response->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(delta);
    if (follow)
        bar->setValue(bar->maximum());
}

void DecisionDetailView::showOutcome(const DecisionRecord &record)
{
    const QLocale locale;
    const QString dash = DecisionText::dash();
    m_parsed->setText(DecisionText::parsedSummary(record));
    m_reasoning->setText(record.parsed.reasoning.isEmpty() ? dash : record.parsed.reasoning.left(600));
    m_sized->setText(DecisionText::sizedSummary(record));
    m_txStatus->setText(transactionText(record));
    m_txHash->setText(record.txHash.isZero() ? dash : record.txHash.toHex());
    m_txHash->setCursorPosition(0);
    m_txHash->setToolTip(record.txHash.isZero() ? QString() : record.txHash.toHex());
    m_amountIn->setText(record.sized.trade ? DecisionText::amount(record) : dash);
    const QString out = DecisionText::amountOut(record);
    m_amountOut->setText(out.isEmpty() ? dash : out);
    m_price->setText(DecisionText::priceIsEffective(record) ? tr("%1 USDC per ETH").arg(DecisionText::price(record))
                                                            : dash);
    m_error->setText(record.error.message.isEmpty() ? dash : record.error.message);
    walletstyle::setErrorLook(m_error, !record.error.message.isEmpty());
    m_pnl->setText(DecisionText::pnl(record));
    QPalette pnlPalette = m_pnl->palette();
    pnlPalette.setColor(QPalette::WindowText, record.pnlUsd ? agentstyle::signColor(*record.pnlUsd, palette())
                                                            : palette().color(QPalette::WindowText));
    m_pnl->setPalette(pnlPalette);
    m_latency->setText(record.latencyMs > 0 ? tr("%1 s").arg(locale.toString(record.latencyMs / 1000.0, 'f', 1)) : dash);
    const agent::Portfolio &portfolio = record.observation.portfolio;
    if (portfolio.valid || record.observation.market.valid) {
        const double price = portfolio.price > 0 ? portfolio.price : record.observation.market.lastPrice;
        QString market = tr("%1 USDC per ETH").arg(AmountText::price(QString::number(price, 'f', 6)));
        if (record.observation.market.valid)
            market += tr(", %1 % in %2 min").arg(locale.toString(record.observation.market.priceChangePercent, 'f', 2),
                                                QString::number(record.observation.market.windowSeconds / 60));
        if (portfolio.valid)
            market += QLatin1Char('\n')
                      + tr("held %1 ETH and %2 USDC (%3 % ETH)")
                            .arg(locale.toString(portfolio.eth(), 'f', 4), locale.toString(portfolio.usdc(), 'f', 2),
                                 locale.toString(portfolio.ethWeight() * 100.0, 'f', 1));
        m_market->setText(market);
    } else {
        m_market->setText(dash);
    }
}

} // namespace apedesk::ui
