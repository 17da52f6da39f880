#pragma once
// Transactions: EIP-1559 (type 2) and legacy with EIP-155 replay protection. Encoding, signing,
// hashing and decoding of raw signed transactions.
// (Interface fixed for the JSON-RPC client and the CLI; implemented in tx.cpp.)

#include "address.h"
#include "signer.h"
#include "u256.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace apedesk::eth {

struct AccessListEntry
{
    Address address;
    QList<QByteArray> storageKeys;   // 32 bytes each
};

struct Transaction
{
    enum class Type { Legacy, Eip1559 };
    Type type = Type::Eip1559;
    quint64 chainId = 0;
    u256 nonce = 0;
    u256 gasLimit = 0;
    std::optional<Address> to;    // empty: contract creation
    u256 value = 0;
    QByteArray data;
    // Legacy
    u256 gasPrice = 0;
    // EIP-1559
    u256 maxPriorityFeePerGas = 0;
    u256 maxFeePerGas = 0;
    QList<AccessListEntry> accessList;
};

struct SignedTransaction
{
    Transaction tx;
    Signature signature;
    QByteArray raw;      // what eth_sendRawTransaction takes
    Hash32 hash;         // keccak256(raw)
    Address from;
};

// The digest that is signed (EIP-155 for legacy, keccak(0x02 || rlp(...)) for type 2).
QByteArray signingDigest(const Transaction &tx);
Result<SignedTransaction> signTransaction(const Transaction &tx, const PrivateKey &key);
// Parses a raw signed transaction (either type) and recovers its sender.
Result<SignedTransaction> decodeSignedTransaction(QByteArrayView raw);

} // namespace apedesk::eth
