#pragma once
// Paints a model's APE IN / APE OUT / APE NEUTRAL mix as one stacked bar in the canary badges'
// colours; reads the three shares (QVariantList of doubles) from the model's mix role.

#include <QStyledItemDelegate>

namespace apedesk::ui {

class CanaryMixDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit CanaryMixDelegate(int mixRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_mixRole;
};

} // namespace apedesk::ui
