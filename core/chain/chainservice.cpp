#include "chainservice.h"

#include <QMutexLocker>

namespace apedesk {

ChainService::ChainService(QString mode, QObject *parent)
    : Service(QStringLiteral("ChainService"), parent), m_mode(std::move(mode))
{
    qRegisterMetaType<apedesk::ChainState>();
}

ChainState ChainService::state() const
{
    QMutexLocker lock(&m_stateMutex);
    return m_state;
}

void ChainService::onStarted()
{
    ChainState initial;
    initial.mode = m_mode;
    publish(initial);
}

void ChainService::publish(const ChainState &state)
{
    {
        QMutexLocker lock(&m_stateMutex);
        m_state = state;
    }
    setStatus(ServiceStatus::State::Idle,
              state.connected ? tr("Chain %1 at block %2").arg(state.chainId).arg(state.blockNumber)
                              : tr("Chain: not connected"));
    Q_EMIT stateChanged(state);
}

} // namespace apedesk
