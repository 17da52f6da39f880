#include "decisionfilterbar.h"

#include "decisionfilterproxy.h"
#include "decisionlogmodel.h"
#include "decisiontext.h"
#include "pool/flowlayout.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSet>
#include <QToolButton>

namespace apedesk::ui {

using agent::Canary;
using agent::DecisionRecord;

namespace {
// Item data of the backend/model filter: "backend\nmodel"; empty for all.
QString pairKey(const QString &backend, const QString &model) { return QString(backend + QLatin1Char('\n') + model); }
} // namespace

DecisionFilterBar::DecisionFilterBar(DecisionLogModel *model, DecisionFilterProxy *proxy, QWidget *parent)
    : QWidget(parent), m_model(model), m_proxy(proxy)
{
    setObjectName(QStringLiteral("decisionFilterBar"));
    new FlowLayout(this, 8, 4);

    m_backendModel = new QComboBox(this);
    m_backendModel->setObjectName(QStringLiteral("decisionFilterModelCombo"));
    m_backendModel->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_backendModel->setToolTip(tr("Show the decisions of one backend and model."));
    m_backendModel->addItem(tr("All models"), QString());
    layout()->addWidget(m_backendModel);

    m_canary = new QComboBox(this);
    m_canary->setObjectName(QStringLiteral("decisionFilterCanaryCombo"));
    m_canary->setToolTip(tr("Show the decisions with one canary word, or those without one."));
    m_canary->addItem(tr("Any answer"), -1);
    for (Canary canary : {Canary::ApeIn, Canary::ApeOut, Canary::ApeNeutral})
        m_canary->addItem(agent::canaryText(canary), int(canary));
    m_canary->addItem(tr("No canary word"), int(Canary::None));
    layout()->addWidget(m_canary);

    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("decisionFilterStatusCombo"));
    m_status->setToolTip(tr("Show the decisions in one state."));
    m_status->addItem(tr("Any status"), -1);
    using S = DecisionRecord::Status;
    for (S status : {S::Thinking, S::Observed, S::NoTrade, S::Trading, S::Succeeded, S::Reverted, S::Failed, S::Canceled})
        m_status->addItem(agent::decisionStatusText(status), int(status));
    layout()->addWidget(m_status);

    m_tradesOnly = new QCheckBox(tr("Trades only"), this);
    m_tradesOnly->setObjectName(QStringLiteral("decisionFilterTradesCheck"));
    m_tradesOnly->setToolTip(tr("Only decisions that sent a swap."));
    layout()->addWidget(m_tradesOnly);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("decisionFilterSearchEdit"));
    m_search->setPlaceholderText(tr("Search answers, errors, tx hashes…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(200);
    layout()->addWidget(m_search);

    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("decisionFilterClearButton"));
    m_clear->setText(tr("Clear filters"));
    layout()->addWidget(m_clear);

    connect(m_backendModel, qOverload<int>(&QComboBox::currentIndexChanged), this, &DecisionFilterBar::apply);
    connect(m_canary, qOverload<int>(&QComboBox::currentIndexChanged), this, &DecisionFilterBar::apply);
    connect(m_status, qOverload<int>(&QComboBox::currentIndexChanged), this, &DecisionFilterBar::apply);
    connect(m_tradesOnly, &QCheckBox::toggled, this, &DecisionFilterBar::apply);
    connect(m_search, &QLineEdit::textChanged, this, &DecisionFilterBar::apply);
    connect(m_clear, &QToolButton::clicked, this, [this] {
        m_backendModel->setCurrentIndex(0);
        m_canary->setCurrentIndex(0);
        m_status->setCurrentIndex(0);
        m_tradesOnly->setChecked(false);
        m_search->clear();
    });
    connect(m_model, &DecisionLogModel::recordAdded, this, &DecisionFilterBar::updateModelChoices);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DecisionFilterBar::updateModelChoices);
    updateModelChoices();
    apply();
}

void DecisionFilterBar::updateModelChoices()
{
    QSet<QString> present;
    for (int i = 1; i < m_backendModel->count(); ++i)
        present.insert(m_backendModel->itemData(i).toString());
    const QList<DecisionRecord> records = m_model->records();
    for (const DecisionRecord &record : records) {
        const QString key = pairKey(record.backend, record.model);
        if (present.contains(key))
            continue;
        present.insert(key);
        m_backendModel->addItem(DecisionText::backendModel(record), key);
    }
}

void DecisionFilterBar::apply()
{
    const QString pair = m_backendModel->currentData().toString();
    const int cut = pair.indexOf(QLatin1Char('\n'));
    if (cut < 0)
        m_proxy->setBackendModel({}, {});
    else
        m_proxy->setBackendModel(pair.left(cut), pair.mid(cut + 1));
    const int canary = m_canary->currentData().toInt();
    m_proxy->setCanary(canary < 0 ? std::nullopt : std::optional<Canary>(Canary(canary)));
    const int status = m_status->currentData().toInt();
    m_proxy->setStatus(status < 0 ? std::nullopt
                                  : std::optional<DecisionRecord::Status>(DecisionRecord::Status(status)));
    m_proxy->setTradesOnly(m_tradesOnly->isChecked());
    m_proxy->setSearchText(m_search->text());
}

} // namespace apedesk::ui
