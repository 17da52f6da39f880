#pragma once
// The class balance of a distillation dataset as one stacked bar: a segment per action (HOLD, BUY,
// SELL) as wide as its share, labelled with the share where it fits. A dataset whose labels are the
// policy's own choices is rarely balanced; the bar makes that visible at a glance.

#include <QWidget>

#include <array>

namespace apedesk::ui {

class ClassBalanceBar : public QWidget
{
    Q_OBJECT
public:
    explicit ClassBalanceBar(QWidget *parent = nullptr);

    // HOLD, BUY, SELL; all zero: an empty outline.
    void setCounts(const std::array<int, 3> &counts);
    const std::array<int, 3> &counts() const { return m_counts; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::array<int, 3> m_counts{};
};

} // namespace apedesk::ui
