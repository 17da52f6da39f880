#pragma once
// Chain access: the node process (sandbox / fork / external), JSON-RPC and swaps run on this thread.

#include "service.h"

#include <QMetaType>

namespace apedesk {

struct ChainState
{
    bool connected = false;
    QString mode;          // "sandbox" | "fork" | "external"
    QString rpcUrl;
    quint64 chainId = 0;
    quint64 blockNumber = 0;
};

class ChainService : public Service
{
    Q_OBJECT
public:
    // mode: the chain mode chosen in the settings when the service starts.
    explicit ChainService(QString mode = QStringLiteral("sandbox"), QObject *parent = nullptr);

    ChainState state() const;   // thread safe snapshot

Q_SIGNALS:
    void stateChanged(apedesk::ChainState state);

protected:
    void onStarted() override;

private:
    void publish(const ChainState &state);

    QString m_mode;
    mutable QMutex m_stateMutex;
    ChainState m_state;
};

} // namespace apedesk

Q_DECLARE_METATYPE(apedesk::ChainState)
