// The DQN's replay buffer (declared in dqntrainer.h): plain C++, no libtorch.

#include "dqntrainer.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <cmath>

namespace apedesk::ml {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::ml::ReplayBuffer", text);
}

// "ARPB" then a format version: a foreign or truncated byte array is told apart from ours.
constexpr quint32 kMagic = 0x41525042;
constexpr quint32 kVersion = 1;
// Per transition: two observations, the reward and the terminal flag as float32, the action as int8.
constexpr qint64 kTransitionBytes = (2 * kRlObservationSize + 2) * 4 + 1;
constexpr qint64 kHeaderBytes = 5 * 4;   // magic, version, capacity, size, next slot

Error formatError(const QString &detail)
{
    return Error::make(Error::Kind::Format, tr("The saved replay buffer is not valid."), detail);
}

} // namespace

ReplayBuffer::ReplayBuffer(int capacity) : m_capacity(std::max(1, capacity))
{
    if (capacity < 1)
        qCWarning(lcMl) << "replay buffer capacity" << capacity << "raised to 1";
}

void ReplayBuffer::add(const RlObservation &state, TradeAction action, float reward, const RlObservation &next,
                       bool terminal)
{
    // The storage grows until the buffer is full (a capacity read from a file costs nothing until
    // it is used), then the oldest slot is overwritten.
    if (m_size < m_capacity) {
        m_states.resize((m_size + 1) * kRlObservationSize);
        m_nextStates.resize((m_size + 1) * kRlObservationSize);
        m_rewards.resize(m_size + 1);
        m_terminals.resize(m_size + 1);
        m_actions.resize(m_size + 1);
    }
    std::copy(state.begin(), state.end(), m_states.begin() + m_next * kRlObservationSize);
    std::copy(next.begin(), next.end(), m_nextStates.begin() + m_next * kRlObservationSize);
    m_actions[m_next] = qint64(action);
    m_rewards[m_next] = reward;
    m_terminals[m_next] = terminal ? 1.0f : 0.0f;
    m_next = (m_next + 1) % m_capacity;
    m_size = std::min(m_size + 1, m_capacity);
}

ReplayBuffer::Batch ReplayBuffer::sample(int count, std::mt19937_64 &rng) const
{
    Batch batch;
    if (m_size < 1 || count < 1)
        return batch;
    batch.size = count;
    batch.states.resize(count * kRlObservationSize);
    batch.nextStates.resize(count * kRlObservationSize);
    batch.actions.resize(count);
    batch.rewards.resize(count);
    batch.terminals.resize(count);
    // Slots [0, size) are the filled ones, wrapped or not.
    std::uniform_int_distribution<int> slot(0, m_size - 1);
    for (int i = 0; i < count; ++i) {
        const int k = slot(rng);
        std::copy_n(m_states.constBegin() + k * kRlObservationSize, kRlObservationSize,
                    batch.states.begin() + i * kRlObservationSize);
        std::copy_n(m_nextStates.constBegin() + k * kRlObservationSize, kRlObservationSize,
                    batch.nextStates.begin() + i * kRlObservationSize);
        batch.actions[i] = m_actions[k];
        batch.rewards[i] = m_rewards[k];
        batch.terminals[i] = m_terminals[k];
    }
    return batch;
}

QByteArray ReplayBuffer::serialize() const
{
    QByteArray bytes;
    bytes.reserve(int(kHeaderBytes + kTransitionBytes * m_size));
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    out.setFloatingPointPrecision(QDataStream::SinglePrecision);
    // The next slot too: restored, the transitions sit in the same slots, so the same RNG draws the
    // same batches after a resume.
    out << kMagic << kVersion << qint32(m_capacity) << qint32(m_size) << qint32(m_next);
    // Oldest first: when full, the oldest is the slot the next transition would overwrite.
    const int oldest = m_size < m_capacity ? 0 : m_next;
    for (int n = 0; n < m_size; ++n) {
        const int k = (oldest + n) % m_capacity;
        for (int j = 0; j < kRlObservationSize; ++j)
            out << m_states[k * kRlObservationSize + j];
        for (int j = 0; j < kRlObservationSize; ++j)
            out << m_nextStates[k * kRlObservationSize + j];
        out << m_rewards[k] << m_terminals[k] << qint8(m_actions[k]);
    }
    return bytes;
}

Result<ReplayBuffer> ReplayBuffer::deserialize(const QByteArray &bytes)
{
    if (bytes.size() < kHeaderBytes)
        return formatError(QStringLiteral("%1 bytes, shorter than the header").arg(bytes.size()));
    QDataStream in(bytes);
    in.setByteOrder(QDataStream::LittleEndian);
    in.setFloatingPointPrecision(QDataStream::SinglePrecision);
    quint32 magic = 0, version = 0;
    qint32 capacity = 0, size = 0, next = 0;
    in >> magic >> version >> capacity >> size >> next;
    if (magic != kMagic)
        return formatError(QStringLiteral("not a replay buffer (magic 0x%1)").arg(magic, 8, 16, QLatin1Char('0')));
    if (version != kVersion)
        return formatError(QStringLiteral("format version %1, this program reads %2").arg(version).arg(kVersion));
    // Not yet full, the next slot follows the last transition; full, it may be any slot.
    if (capacity < 1 || size < 0 || size > capacity || next < 0 || next >= capacity
        || (size < capacity && next != size))
        return formatError(QStringLiteral("capacity %1, size %2, next slot %3").arg(capacity).arg(size).arg(next));
    const qint64 expected = kHeaderBytes + kTransitionBytes * qint64(size);
    if (bytes.size() != expected)
        return formatError(QStringLiteral("%1 bytes, %2 transitions need %3").arg(bytes.size()).arg(size).arg(expected));

    ReplayBuffer buffer(capacity);
    buffer.m_states.resize(size * kRlObservationSize);
    buffer.m_nextStates.resize(size * kRlObservationSize);
    buffer.m_rewards.resize(size);
    buffer.m_terminals.resize(size);
    buffer.m_actions.resize(size);
    const int oldest = size < capacity ? 0 : next;
    for (int n = 0; n < size; ++n) {
        const int k = (oldest + n) % capacity;
        for (int j = 0; j < kRlObservationSize; ++j)
            in >> buffer.m_states[k * kRlObservationSize + j];
        for (int j = 0; j < kRlObservationSize; ++j)
            in >> buffer.m_nextStates[k * kRlObservationSize + j];
        float reward = 0, terminal = 0;
        qint8 action = 0;
        in >> reward >> terminal >> action;
        if (action < 0 || action >= kRlActionCount || (terminal != 0.0f && terminal != 1.0f) || !std::isfinite(reward))
            return formatError(QStringLiteral("transition %1: action %2, terminal %3, reward %4")
                                   .arg(n).arg(action).arg(terminal).arg(reward));
        buffer.m_rewards[k] = reward;
        buffer.m_terminals[k] = terminal;
        buffer.m_actions[k] = action;
    }
    if (in.status() != QDataStream::Ok)
        return formatError(QStringLiteral("read past the end"));
    buffer.m_size = size;
    buffer.m_next = next;
    return buffer;
}

} // namespace apedesk::ml
