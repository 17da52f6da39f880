#include "nodelogdialog.h"

#include "chain/chainservice.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace apedesk::ui {

NodeLogDialog::NodeLogDialog(ChainService *chain, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("nodeLogDialog"));
    setWindowTitle(tr("Node log"));
    auto *layout = new QVBoxLayout(this);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("nodeLogText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setMaximumBlockCount(kMaximumLines);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("nodeLogButtons"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(760, 420);

    if (!chain) {
        m_text->setPlaceholderText(tr("The chain service is not available in this build."));
        return;
    }
    m_text->setPlaceholderText(tr("No output yet: the app has not started a node, or it printed nothing."));
    const QStringList lines = chain->nodeLog();
    for (const QString &line : lines)
        m_text->appendPlainText(line);
    connect(chain, &ChainService::nodeLogLine, this, &NodeLogDialog::append);
}

void NodeLogDialog::append(const QString &line)
{
    // Follow the end only when the person has not scrolled up to read.
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    const int keep = bar->value();
    m_text->appendPlainText(line);
    bar->setValue(atEnd ? bar->maximum() : keep);
}

} // namespace apedesk::ui
