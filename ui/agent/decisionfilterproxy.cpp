#include "decisionfilterproxy.h"

#include "decisionlogmodel.h"

namespace apedesk::ui {

DecisionFilterProxy::DecisionFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    // Streamed tokens change the searched text; a row may start or stop matching while it streams.
    setDynamicSortFilter(true);
}

void DecisionFilterProxy::refilter()
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 9, 0)
    beginFilterChange();
    endFilterChange(QSortFilterProxyModel::Direction::Rows);
#else
    invalidateFilter();
#endif
}

void DecisionFilterProxy::setBackendModel(const QString &backend, const QString &model)
{
    if (backend == m_backend && model == m_model)
        return;
    m_backend = backend;
    m_model = backend.isEmpty() ? QString() : model;
    refilter();
}

void DecisionFilterProxy::setCanary(std::optional<agent::Canary> canary)
{
    if (canary == m_canary)
        return;
    m_canary = canary;
    refilter();
}

void DecisionFilterProxy::setStatus(std::optional<agent::DecisionRecord::Status> status)
{
    if (status == m_status)
        return;
    m_status = status;
    refilter();
}

void DecisionFilterProxy::setTradesOnly(bool tradesOnly)
{
    if (tradesOnly == m_tradesOnly)
        return;
    m_tradesOnly = tradesOnly;
    refilter();
}

void DecisionFilterProxy::setSearchText(const QString &text)
{
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    refilter();
}

void DecisionFilterProxy::clearFilters()
{
    m_backend.clear();
    m_model.clear();
    m_canary.reset();
    m_status.reset();
    m_tradesOnly = false;
    m_words.clear();
    refilter();
}

bool DecisionFilterProxy::isFiltering() const
{
    return !m_backend.isEmpty() || m_canary || m_status || m_tradesOnly || !m_words.isEmpty();
}

bool DecisionFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_backend.isEmpty()) {
        if (index.data(DecisionLogModel::BackendRole).toString() != m_backend)
            return false;
        if (!m_model.isEmpty() && index.data(DecisionLogModel::ModelRole).toString() != m_model)
            return false;
    }
    if (m_canary && index.data(DecisionLogModel::CanaryRole).toInt() != int(*m_canary))
        return false;
    if (m_status && index.data(DecisionLogModel::StatusRole).toInt() != int(*m_status))
        return false;
    if (m_tradesOnly && !index.data(DecisionLogModel::TradeRole).toBool())
        return false;
    if (!m_words.isEmpty()) {
        const QString text = index.data(DecisionLogModel::SearchTextRole).toString();
        for (const QString &word : m_words)
            if (!text.contains(word, Qt::CaseInsensitive))
                return false;
    }
    return true;
}

} // namespace apedesk::ui
