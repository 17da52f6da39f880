#pragma once
// Hands out transaction nonces per (chain, account) so that no two transactions of this process
// share one, even when several are being prepared at once.
//
// The first reservation for an account (and the first after invalidate()) asks the node for
// eth_getTransactionCount(account, "pending"), so a restarted app or node is picked up; the
// reservations made meanwhile wait and are served in order. A lease is then either released (the
// transaction never reached a node: the nonce is handed out again, lowest first) or settled (it
// was mined, or may be out there: the nonce stays used). While a lease is open its nonce is never
// handed out again, not even when a re-sync finds the node behind (a restarted node that lost a
// sent transaction); the nonces in between are then filled first.
//
// Threading: like the JSON-RPC client it uses, it belongs to one thread; callbacks run later on it.

#include "jsonrpcapi.h"

#include <QHash>
#include <QObject>
#include <QPair>

#include <map>
#include <optional>
#include <set>

namespace apedesk::eth {

struct NonceLease
{
    quint64 chainId = 0;
    Address account;
    u256 nonce = 0;
};

class NonceManager : public QObject
{
    Q_OBJECT
public:
    explicit NonceManager(EthRpc rpc, QObject *parent = nullptr);

    void reserve(quint64 chainId, const Address &account, RpcCallback<NonceLease> done);
    // The transaction with this nonce never reached a node.
    void release(const NonceLease &lease);
    // The transaction was mined, or may have reached a node: the nonce is used.
    void settle(const NonceLease &lease);
    // Asks the node again before the next reservation (after a nonce error or a node restart).
    void invalidate(quint64 chainId, const Address &account);

    // The nonce the next reservation would get, if known without asking the node.
    std::optional<u256> peekNext(quint64 chainId, const Address &account) const;
    int openLeases(quint64 chainId, const Address &account) const;

private:
    using Key = QPair<quint64, QByteArray>;
    struct Account
    {
        bool synced = false;
        bool fetching = false;
        quint64 generation = 0;        // a fetch answered after invalidate() is ignored
        u256 next = 0;                 // above every nonce handed out
        std::set<u256> released;       // below next, free to hand out again
        std::set<u256> open;           // handed out, not yet released or settled
        QList<RpcCallback<NonceLease>> waiting;
    };

    void fetch(quint64 chainId, const Address &account);
    void onFetched(quint64 chainId, const Address &account, quint64 generation, RpcResult<u256> pending);
    NonceLease allocate(quint64 chainId, const Address &account, Account &state);

    EthRpc m_rpc;
    QHash<Key, Account> m_accounts;
};

} // namespace apedesk::eth
