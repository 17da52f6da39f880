#pragma once
// The decision log's filters over DecisionLogModel: backend and model, canary word (or none),
// status, trades only, and a text search over the model, the answer, the error and the tx hash.
// Rows keep the model's order (newest first).

#include "agent/agenttypes.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace apedesk::ui {

class DecisionFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit DecisionFilterProxy(QObject *parent = nullptr);

    // Empty backend: every backend; empty model: every model of that backend.
    void setBackendModel(const QString &backend, const QString &model);
    // Canary::None shows the rows without a canary word; nullopt shows all.
    void setCanary(std::optional<agent::Canary> canary);
    void setStatus(std::optional<agent::DecisionRecord::Status> status);
    void setTradesOnly(bool tradesOnly);
    void setSearchText(const QString &text);   // case-insensitive, every word must occur
    void clearFilters();

    QString backend() const { return m_backend; }
    QString model() const { return m_model; }
    std::optional<agent::Canary> canary() const { return m_canary; }
    std::optional<agent::DecisionRecord::Status> status() const { return m_status; }
    bool tradesOnly() const { return m_tradesOnly; }
    QString searchText() const { return m_words.join(QLatin1Char(' ')); }
    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();

    QString m_backend;
    QString m_model;
    std::optional<agent::Canary> m_canary;
    std::optional<agent::DecisionRecord::Status> m_status;
    bool m_tradesOnly = false;
    QStringList m_words;
};

} // namespace apedesk::ui
