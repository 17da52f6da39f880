#include "noncemanager.h"

#include "common/logging.h"

#include <QPointer>
#include <QTimer>

namespace apedesk::eth {
namespace {
// A node far behind our open leases is not filled nonce by nonce; the gap is left as it is.
constexpr int kMaxGapFill = 256;
} // namespace

NonceManager::NonceManager(EthRpc rpc, QObject *parent) : QObject(parent), m_rpc(rpc) {}

void NonceManager::reserve(quint64 chainId, const Address &account, RpcCallback<NonceLease> done)
{
    Account &state = m_accounts[Key(chainId, account.bytes())];
    if (state.synced) {
        // Taken now, so reservations keep their order; delivered later like every callback.
        const NonceLease lease = allocate(chainId, account, state);
        QTimer::singleShot(0, this, [done = std::move(done), lease] { done(lease); });
        return;
    }
    state.waiting.append(std::move(done));
    if (!state.fetching)
        fetch(chainId, account);
}

void NonceManager::fetch(quint64 chainId, const Address &account)
{
    Account &state = m_accounts[Key(chainId, account.bytes())];
    state.fetching = true;
    const quint64 generation = ++state.generation;
    QPointer<NonceManager> self(this);
    m_rpc.getTransactionCount(account, BlockTag::pending(),
                              [self, chainId, account, generation](RpcResult<u256> pending) {
                                  if (self)
                                      self->onFetched(chainId, account, generation, std::move(pending));
                              });
}

void NonceManager::onFetched(quint64 chainId, const Address &account, quint64 generation, RpcResult<u256> pending)
{
    const auto it = m_accounts.find(Key(chainId, account.bytes()));
    if (it == m_accounts.end() || it->generation != generation)
        return;
    Account &state = *it;
    state.fetching = false;
    QList<RpcCallback<NonceLease>> waiting = std::move(state.waiting);
    state.waiting.clear();
    if (!pending) {
        for (auto &done : waiting)
            done(pending.error());
        return;
    }

    const u256 chainNext = *pending;
    const u256 localNext = state.open.empty() ? chainNext : std::max(chainNext, *state.open.rbegin() + 1);
    // Everything the node has used is gone from the free list; what lies between the node's count
    // and our open leases (a node that lost transactions) is free again.
    std::set<u256> released;
    for (const u256 &n : state.released)
        if (n >= chainNext && n < localNext && state.open.count(n) == 0)
            released.insert(n);
    int filled = 0;
    for (u256 n = chainNext; n < localNext && filled < kMaxGapFill; ++n, ++filled)
        if (state.open.count(n) == 0)
            released.insert(n);
    if (state.synced && state.next != localNext)
        qCInfo(lcEth).noquote() << "nonce of" << account.toChecksumString() << "re-synced from"
                                << toDecimal(state.next) << "to" << toDecimal(localNext);
    state.released = std::move(released);
    state.next = localNext;
    state.synced = true;
    // All leases first: a callback may reserve again and rehash m_accounts under `state`.
    QList<NonceLease> leases;
    for (qsizetype i = 0; i < waiting.size(); ++i)
        leases.append(allocate(chainId, account, state));
    for (qsizetype i = 0; i < waiting.size(); ++i)
        waiting[i](leases.at(i));
}

NonceLease NonceManager::allocate(quint64 chainId, const Address &account, Account &state)
{
    NonceLease lease{chainId, account, 0};
    if (!state.released.empty()) {
        lease.nonce = *state.released.begin();
        state.released.erase(state.released.begin());
    } else {
        lease.nonce = state.next;
        ++state.next;
    }
    state.open.insert(lease.nonce);
    qCDebug(lcEth).noquote() << "nonce" << toDecimal(lease.nonce) << "reserved for" << account.toChecksumString();
    return lease;
}

void NonceManager::release(const NonceLease &lease)
{
    const auto it = m_accounts.find(Key(lease.chainId, lease.account.bytes()));
    if (it == m_accounts.end() || it->open.erase(lease.nonce) == 0)
        return;
    Account &state = *it;
    if (lease.nonce + 1 == state.next) {
        --state.next;
        // Shrink past nonces that were released earlier, so the free list stays below next.
        while (state.next > 0 && state.released.count(state.next - 1) != 0) {
            state.released.erase(state.next - 1);
            --state.next;
        }
    } else if (lease.nonce < state.next) {
        state.released.insert(lease.nonce);
    }
}

void NonceManager::settle(const NonceLease &lease)
{
    const auto it = m_accounts.find(Key(lease.chainId, lease.account.bytes()));
    if (it != m_accounts.end())
        it->open.erase(lease.nonce);
}

void NonceManager::invalidate(quint64 chainId, const Address &account)
{
    const auto it = m_accounts.find(Key(chainId, account.bytes()));
    if (it == m_accounts.end())
        return;
    it->synced = false;
    it->fetching = false;
    ++it->generation;   // an answer still on its way predates the reason for asking again
    if (!it->waiting.isEmpty())
        fetch(chainId, account);
}

std::optional<u256> NonceManager::peekNext(quint64 chainId, const Address &account) const
{
    const auto it = m_accounts.constFind(Key(chainId, account.bytes()));
    if (it == m_accounts.constEnd() || !it->synced)
        return std::nullopt;
    return it->released.empty() ? it->next : *it->released.begin();
}

int NonceManager::openLeases(quint64 chainId, const Address &account) const
{
    const auto it = m_accounts.constFind(Key(chainId, account.bytes()));
    return it == m_accounts.constEnd() ? 0 : static_cast<int>(it->open.size());
}

} // namespace apedesk::eth
