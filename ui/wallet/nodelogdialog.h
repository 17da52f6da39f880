#pragma once
// The recent output of the node the app started (ChainService::nodeLog()), growing live while open.

#include <QDialog>

class QPlainTextEdit;

namespace apedesk {
class ChainService;
}

namespace apedesk::ui {

class NodeLogDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NodeLogDialog(ChainService *chain, QWidget *parent = nullptr);
    static constexpr int kMaximumLines = 5000;

private:
    void append(const QString &line);

    QPlainTextEdit *m_text;
};

} // namespace apedesk::ui
