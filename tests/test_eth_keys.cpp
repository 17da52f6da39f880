// Keys, signatures, transactions, EIP-712, BIP-39/BIP-32, keystores and the keychain, against published
// vectors (EIP-155, EIP-712, BIP-32, Trezor's BIP-39, Web3 Secret Storage) and values cast 1.7.1 printed.

#include "eth/eip712.h"
#include "eth/hex.h"
#include "eth/keccak.h"
#include "eth/keychain.h"
#include "eth/keystore.h"
#include "eth/mnemonic.h"
#include "eth/rlp.h"
#include "eth/signer.h"
#include "eth/tx.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace apedesk;
using namespace apedesk::eth;

namespace {

const QString kAnvilKey0 = QStringLiteral("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const QString kAnvilAddress0 = QStringLiteral("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
const QString kTestMnemonic = QStringLiteral("test test test test test test test test test test test junk");
const QStringList kAnvilAddresses{QStringLiteral("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"),
                                  QStringLiteral("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
                                  QStringLiteral("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"),
                                  QStringLiteral("0x90F79bf6EB2c4f870365E785982E1f101E93b906"),
                                  QStringLiteral("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"),
                                  QStringLiteral("0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"),
                                  QStringLiteral("0x976EA74026E726554dB657fA54763abd0C3a0aa9"),
                                  QStringLiteral("0x14dC79964da2C08b23698B3D3cc7Ca32193d9955"),
                                  QStringLiteral("0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f"),
                                  QStringLiteral("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720")};

QByteArray hex(const char *text) { return *fromHex(QString::fromLatin1(text)); }
QString hexOf(QByteArrayView bytes) { return toHex(bytes); }
Address address(const QString &text) { return *Address::fromString(text); }
PrivateKey key(const QString &text) { return PrivateKey::fromHex(text).value(); }

const u256 &halfOrder()
{
    static const u256 half = u256("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141") / 2;
    return half;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const char *kMailJson =
    R"({"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],"Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]},"primaryType":"Mail","domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},"message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},"to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},"contents":"Hello, Bob!"}})";

const char *kPermitSingleJson =
    R"({"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"PermitDetails":[{"name":"token","type":"address"},{"name":"amount","type":"uint160"},{"name":"expiration","type":"uint48"},{"name":"nonce","type":"uint48"}],"PermitSingle":[{"name":"details","type":"PermitDetails"},{"name":"spender","type":"address"},{"name":"sigDeadline","type":"uint256"}]},"primaryType":"PermitSingle","domain":{"name":"Permit2","chainId":8453,"verifyingContract":"0x000000000022D473030F116dDEE9F6B43aC78BA3"},"message":{"details":{"token":"0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913","amount":"1461501637330902918203684832716283019655932542975","expiration":"1735689600","nonce":"0"},"spender":"0x6fF5693b99212Da76ad316178A184AB56D299b43","sigDeadline":"1735689600"}})";

// Nested structs, struct arrays, a fixed array inside a dynamic one, bytes, strings, signed extremes.
const char *kKitchenSinkJson =
    R"({"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"},{"name":"salt","type":"bytes32"}],"Order":[{"name":"maker","type":"Party"},{"name":"legs","type":"Leg[]"},{"name":"grid","type":"int16[2][]"},{"name":"tags","type":"string[]"},{"name":"blob","type":"bytes"},{"name":"flag","type":"bool"},{"name":"delta","type":"int256"},{"name":"small","type":"int8"},{"name":"id","type":"bytes4"},{"name":"pair","type":"address[2]"}],"Party":[{"name":"name","type":"string"},{"name":"account","type":"address"}],"Leg":[{"name":"asset","type":"Asset"},{"name":"amount","type":"uint128"}],"Asset":[{"name":"token","type":"address"},{"name":"decimals","type":"uint8"}]},"primaryType":"Order","domain":{"name":"ApeDesk","version":"2","chainId":"0x2105","verifyingContract":"0x000000000022D473030F116dDEE9F6B43aC78BA3","salt":"0x00000000000000000000000000000000000000000000000000000000000000aa"},"message":{"maker":{"name":"Ape \u00e9\u00e8 \ud83e\udd8d","account":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"},"legs":[{"asset":{"token":"0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913","decimals":6},"amount":"340282366920938463463374607431768211455"},{"asset":{"token":"0x0000000000000000000000000000000000000000","decimals":18},"amount":12345}],"grid":[[-1,2],[32767,-32768]],"tags":["a","","long tag with spaces"],"blob":"0xdeadbeef00","flag":true,"delta":"-57896044618658097711785492504343953926634992332820282019728792003956564819968","small":-128,"id":"0x12345678","pair":["0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC","0x90F79bf6EB2c4f870365E785982E1f101E93b906"]}})";

// Written by `cast wallet import vec1 --private-key 0x7a28…fe9d --unsafe-password testpassword` (scrypt n=8192 r=8 p=1).
const char *kCastScryptKeystore =
    R"({"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"e43a385ca0e03f48b64728a137385d72"},"ciphertext":"38beacb5d7a472026493fc84dd5ecd463519ea9db30ba71a6662522743cc383a","kdf":"scrypt","kdfparams":{"dklen":32,"n":8192,"p":1,"r":8,"salt":"a9bd22322408c21c3a4fff51f3eec106e118b616703bc8176cfd633ad08f738d"},"mac":"b81dc5aa3b726cf57c738aa9ef123df8238bb68cb2a53d6ca0b89b22ca313c92"},"id":"5b49d4a5-69ea-467b-8907-e695efd0b8ff","version":3})";
// The Web3 Secret Storage definition's PBKDF2-SHA-256 test vector (password "testpassword").
const char *kSpecPbkdf2Keystore =
    R"({"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},"ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2","kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},"mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3})";
// Its scrypt twin uses n = 2^18 with r = 1, which RFC 7914 (and so OpenSSL and cast) refuse.
const char *kSpecScryptKeystore =
    R"({"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},"ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt","kdfparams":{"dklen":32,"n":262144,"p":8,"r":1,"salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},"mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3})";
const QString kSpecKey = QStringLiteral("0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d");

} // namespace

class TestEthKeys : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // --- signer ------------------------------------------------------------------------------------

    void anvilKeyGivesItsAddress()
    {
        const PrivateKey k = key(kAnvilKey0);
        QCOMPARE(k.address().toChecksumString(), kAnvilAddress0);
        QCOMPARE(k.publicKey().size(), 64);
        QCOMPARE(k.compressedPublicKey().size(), 33);
        QCOMPARE(k.compressedPublicKey().mid(1), k.publicKey().left(32));
        QCOMPARE(key(kAnvilKey0.mid(2)).address(), k.address());   // 0x is optional
    }

    void invalidKeysAreRefusedWithoutEchoingThem()
    {
        const QStringList bad{QString(64, QLatin1Char('0')),
                              QStringLiteral("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"),   // n
                              QStringLiteral("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"),
                              kAnvilKey0.left(64),
                              kAnvilKey0 + QStringLiteral("00"),
                              kAnvilKey0.left(60) + QStringLiteral("zz80")};
        for (const QString &text : bad) {
            auto result = PrivateKey::fromHex(text);
            QVERIFY2(!result, qPrintable(text));
            QVERIFY(!result.error().message.isEmpty());
            QVERIFY(!result.error().toString().contains(text.mid(2, 20), Qt::CaseInsensitive));
        }
        QVERIFY(!PrivateKey::fromBytes(SecretBytes(QByteArray(31, '\1'))));
        QVERIFY(!PrivateKey().signDigest(QByteArray(32, '\1')));      // empty key
        QVERIFY(!key(kAnvilKey0).signDigest(QByteArray(31, '\1')));   // not a digest
    }

    void signaturesRecoverTheSignerAndAreLowS()
    {
        QRandomGenerator rng(20240131);
        for (int i = 0; i < 200; ++i) {
            QByteArray secret(32, '\0');
            for (char &c : secret)
                c = char(rng.bounded(256));
            auto k = PrivateKey::fromBytes(SecretBytes(std::move(secret)));
            if (!k)
                continue;
            QByteArray digest(32, '\0');
            for (char &c : digest)
                c = char(rng.bounded(256));
            auto signature = k->signDigest(digest);
            QVERIFY(signature);
            QCOMPARE(signature->r.size(), 32);
            QVERIFY(fromBigEndian(signature->s) <= halfOrder());
            QVERIFY(signature->recoveryId == 0 || signature->recoveryId == 1);
            QCOMPARE(*recoverAddress(digest, *signature), k->address());
            // RFC 6979: the same digest gives the same signature.
            QCOMPARE(k->signDigest(digest)->toRsv65(), signature->toRsv65());
            auto parsed = Signature::fromRsv65(signature->toRsv65());
            QVERIFY(parsed);
            QCOMPARE(parsed->toRsv65(), signature->toRsv65());
            // A flipped recovery id recovers someone else.
            Signature flipped = *signature;
            flipped.recoveryId ^= 1;
            auto other = recoverAddress(digest, flipped);
            QVERIFY(!other || *other != k->address());
        }
    }

    void personalMessageSignatureMatchesCast()
    {
        // cast wallet sign --private-key <anvil 0> "hello world"
        QCOMPARE(hexOf(personalMessageDigest("hello world")),
                 QStringLiteral("0xd9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d68"));
        auto signature = signPersonalMessage("hello world", key(kAnvilKey0));
        QVERIFY(signature);
        QCOMPARE(
            hexOf(signature->toRsv65()),
            QStringLiteral("0xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad"
                           "4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b"));
        // cast wallet sign … 0x1234 (hex messages are signed as bytes)
        QCOMPARE(
            hexOf(signPersonalMessage(hex("0x1234"), key(kAnvilKey0))->toRsv65()),
            QStringLiteral("0x87b638f4675a39ef49eb0379a7f5d248affd109cc6cb5b69457d7e8394d7d85274c8b407ca2b2b37ba4cc9"
                           "c3bcfde488f7f59748175764b928324bd31c0f93851c"));
    }

    void secretBytesWipeTheirOwnBufferOnly()
    {
        QByteArray original(32, '\x5a');
        const char *data = original.constData();
        QByteArray copy = original;   // shared
        secureWipe(copy);
        QVERIFY(copy.isEmpty());
        QCOMPARE(original, QByteArray(32, '\x5a'));   // the other holder still has its bytes
        QCOMPARE(original.constData(), data);

        QByteArray sole(32, '\x5a');
        secureWipe(sole);
        QVERIFY(sole.isEmpty());

        SecretBytes a(QByteArray(16, '\x11'));
        SecretBytes b(std::move(a));
        QVERIFY(a.isEmpty());
        QCOMPARE(b.bytes(), QByteArray(16, '\x11'));
        b.clear();
        QVERIFY(b.isEmpty());

        QString text = QStringLiteral("correct horse battery staple");
        secureWipe(text);
        QVERIFY(text.isEmpty());
        QByteArray literal = QByteArrayLiteral("static data");   // not ours to write: only released
        secureWipe(literal);
        QVERIFY(literal.isEmpty());
    }

    // --- transactions ------------------------------------------------------------------------------

    void eip155ExampleFromTheEip()
    {
        Transaction tx;
        tx.type = Transaction::Type::Legacy;
        tx.chainId = 1;
        tx.nonce = 9;
        tx.gasPrice = u256("20000000000");
        tx.gasLimit = 21000;
        tx.to = address(QStringLiteral("0x3535353535353535353535353535353535353535"));
        tx.value = u256("1000000000000000000");
        QCOMPARE(hexOf(signingDigest(tx)),
                 QStringLiteral("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"));
        auto signedTx = signTransaction(
            tx, key(QStringLiteral("0x4646464646464646464646464646464646464646464646464646464646464646")));
        QVERIFY(signedTx);
        QCOMPARE(
            hexOf(signedTx->raw),
            QStringLiteral("0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080"
                           "25a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aec"
                           "b703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"));
        QCOMPARE(signedTx->hash.bytes(), keccak256(signedTx->raw));
    }

    void transactionsMatchCastMktx_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<quint64>("chainId");
        QTest::addColumn<int>("nonce");
        QTest::addColumn<QString>("gas");
        QTest::addColumn<QString>("fee");   // gasPrice or maxFeePerGas
        QTest::addColumn<QString>("priority");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("data");
        QTest::addColumn<bool>("accessList");
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("hash");
        // cast mktx <to> [data] --private-key <anvil 0> --chain … --nonce … --gas-limit … --gas-price … [--priority-gas-price …|--legacy] --value …
        QTest::newRow("eip1559 transfer")
            << 2 << quint64(8453) << 3 << "21000"
            << "2000000000"
            << "1000000000"
            << "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
            << "1000000000000000000"
            << "" << false
            << "0x02f87482210503843b9aca0084773594008252089470997970c51812dc3a010c7d01b50e0d17dc79c8880de0b6b3a76400008"
               "0c001a043c0833e31310edd65bf86372d769234fa4fd0b3874f58361faa40058cfcc7cba07c6c1c4ffec93d43ab8874fe987d6e"
               "847c734162edf31f4a21e90229acece15d"
            << "0xc8f027724718938d7ac14e84e901e5c293b7beb6b01f839ccdf4a6179a9c8a29";
        QTest::newRow("legacy with data") << 0 << quint64(8453) << 3 << "21000"
                                          << "2000000000"
                                          << ""
                                          << "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
                                          << "16"
                                          << "0x1234" << false
                                          << "0xf8670384773594008252089470997970c51812dc3a010c7d01b50e0d17dc79c81082123"
                                             "482422ea0d9e7a11f31efc9949fb7f0eb92252d647ed2759d31bf748aef791fac65ce2d2d"
                                             "a002f80ea7280edca4c461b70f6f6cee123fe1dabec32b1c0e889f30779e535b40"
                                          << "";
        QTest::newRow("eip1559 creation")
            << 2 << quint64(1) << 3 << "210000"
            << "2000000000"
            << "1000000000"
            << ""
            << "0"
            << "0x600060" << false
            << "0x02f85a0103843b9aca00847735940083033450808083600060c080a02ae341ba1b26777ff228fd0000c81c7b9bc59df6d3fe5"
               "2f9540e15e429dcadb4a07326d14421ec63feb4eb7478df36483d1d2882536d9505311edaa499590baf93"
            << "";
        QTest::newRow("eip1559 access list")
            << 2 << quint64(8453) << 7 << "100000"
            << "3000000000"
            << "1"
            << "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
            << "0"
            << "0xa9059cbb" << true
            << "0x02f8c9822105070184b2d05e00830186a09470997970c51812dc3a010c7d01b50e0d17dc79c88084a9059cbbf85bf85994833"
               "589fcd6edb6e08f4c7c32d4f71b54bda02913f842a0000000000000000000000000000000000000000000000000000000000000"
               "0001a000000000000000000000000000000000000000000000000000000000000000ff80a0f59f260ef5e60fb224d4b4b64b4b0"
               "3d2b3a135a3bd4f23dc1f7115757f0fe948a02c719c4041c7f240751aced8d932d6cc85aef6acb1b796065a89d3faa84ff58d"
            << "0x32e06b2e1d143cd8ae105f052832b7f39e2ffd14a71e934a6c18602a2e2660aa";
    }

    void transactionsMatchCastMktx()
    {
        QFETCH(int, type);
        QFETCH(quint64, chainId);
        QFETCH(int, nonce);
        QFETCH(QString, gas);
        QFETCH(QString, fee);
        QFETCH(QString, priority);
        QFETCH(QString, to);
        QFETCH(QString, value);
        QFETCH(QString, data);
        QFETCH(bool, accessList);
        QFETCH(QString, raw);
        QFETCH(QString, hash);
        Transaction tx;
        tx.type = type == 2 ? Transaction::Type::Eip1559 : Transaction::Type::Legacy;
        tx.chainId = chainId;
        tx.nonce = nonce;
        tx.gasLimit = *parseU256(gas);
        if (type == 2) {
            tx.maxFeePerGas = *parseU256(fee);
            tx.maxPriorityFeePerGas = *parseU256(priority);
        } else {
            tx.gasPrice = *parseU256(fee);
        }
        if (!to.isEmpty())
            tx.to = address(to);
        tx.value = *parseU256(value);
        tx.data = *fromHex(data);
        if (accessList)
            tx.accessList = {{address(QStringLiteral("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913")),
                              {toBigEndian(1), toBigEndian(255)}}};
        const PrivateKey signer = key(kAnvilKey0);
        auto signedTx = signTransaction(tx, signer);
        QVERIFY(signedTx);
        QCOMPARE(hexOf(signedTx->raw), raw);
        QCOMPARE(signedTx->hash.bytes(), keccak256(signedTx->raw));
        if (!hash.isEmpty())
            QCOMPARE(signedTx->hash.toHex(), hash);
        QCOMPARE(signedTx->from.toChecksumString(), kAnvilAddress0);

        // Decoding gives back every field and the sender.
        auto decoded = decodeSignedTransaction(signedTx->raw);
        QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().toString()));
        QCOMPARE(decoded->from, signer.address());
        QCOMPARE(decoded->hash, signedTx->hash);
        QCOMPARE(decoded->raw, signedTx->raw);
        QVERIFY(decoded->tx.type == tx.type);
        QCOMPARE(decoded->tx.chainId, tx.chainId);
        QVERIFY(decoded->tx.nonce == tx.nonce && decoded->tx.gasLimit == tx.gasLimit && decoded->tx.value == tx.value);
        QVERIFY(decoded->tx.gasPrice == tx.gasPrice && decoded->tx.maxFeePerGas == tx.maxFeePerGas
                && decoded->tx.maxPriorityFeePerGas == tx.maxPriorityFeePerGas);
        QCOMPARE(decoded->tx.to.has_value(), tx.to.has_value());
        if (tx.to)
            QCOMPARE(*decoded->tx.to, *tx.to);
        QCOMPARE(decoded->tx.data, tx.data);
        QCOMPARE(decoded->tx.accessList.size(), tx.accessList.size());
        for (int i = 0; i < tx.accessList.size(); ++i) {
            QCOMPARE(decoded->tx.accessList[i].address, tx.accessList[i].address);
            QCOMPARE(decoded->tx.accessList[i].storageKeys, tx.accessList[i].storageKeys);
        }
        QCOMPARE(decoded->signature.toRsv65(), signedTx->signature.toRsv65());
    }

    void preEip155LegacyRoundTrips()
    {
        Transaction tx;
        tx.type = Transaction::Type::Legacy;
        tx.chainId = 0;
        tx.nonce = 1;
        tx.gasPrice = 1;
        tx.gasLimit = 21000;
        tx.to = address(kAnvilAddress0);
        auto signedTx = signTransaction(tx, key(kAnvilKey0));
        QVERIFY(signedTx);
        auto decoded = decodeSignedTransaction(signedTx->raw);
        QVERIFY(decoded);
        QCOMPARE(decoded->tx.chainId, quint64(0));
        QCOMPARE(decoded->from.toChecksumString(), kAnvilAddress0);
    }

    void decodingIsStrict()
    {
        const QByteArray good = hex("0x02f87482210503843b9aca0084773594008252089470997970c51812dc3a010c7d01b50e0d17dc79"
                                    "c8880de0b6b3a764000080c001a043c0833e31310edd65bf86372d769234fa4fd0b3874f58361faa40"
                                    "058cfcc7cba07c6c1c4ffec93d43ab8874fe987d6e847c734162edf31f4a21e90229acece15d");
        QVERIFY(decodeSignedTransaction(good));
        QVERIFY(!decodeSignedTransaction(QByteArray()));
        QVERIFY(!decodeSignedTransaction(QByteArray(good + QByteArray(1, '\0'))));   // trailing byte
        QVERIFY(!decodeSignedTransaction(good.left(good.size() - 1)));               // truncated
        QByteArray eip2930 = good;
        eip2930[0] = '\x01';
        auto unsupported = decodeSignedTransaction(eip2930);
        QVERIFY(!unsupported);
        QVERIFY(unsupported.error().message.contains(QLatin1String("type 1")));
        QVERIFY(!decodeSignedTransaction(hex("0x80")));

        // The same transaction with s replaced by n - s (high s) must be refused.
        auto decoded = decodeSignedTransaction(good);
        const u256 n = halfOrder() * 2 + 1;
        Signature high = decoded->signature;
        high.s = toBigEndian(n - fromBigEndian(high.s));
        high.recoveryId ^= 1;
        QList<QByteArray> fields;
        const QByteArray body = good.mid(1);
        // Rebuild: prefix fields are unchanged; only the last three differ.
        auto item = rlp::decode(body);
        QVERIFY(item);
        for (int i = 0; i < 9; ++i)
            fields << rlp::encode(item->items[i]);
        fields << rlp::encodeUint(high.recoveryId) << rlp::encodeUint(fromBigEndian(high.r))
               << rlp::encodeUint(fromBigEndian(high.s));
        const QByteArray highS = QByteArray(1, '\x02') + rlp::encodeList(fields);
        auto refused = decodeSignedTransaction(highS);
        QVERIFY(!refused);
        QVERIFY(refused.error().detail.contains(QLatin1String("high s")));

        // A non-canonical integer (nonce 3 written as 0x0003) is refused.
        QList<QByteArray> padded;
        for (int i = 0; i < 12; ++i)
            padded << (i == 1 ? rlp::encodeString(QByteArray("\0\3", 2)) : rlp::encode(item->items[i]));
        QVERIFY(!decodeSignedTransaction(QByteArray(QByteArray(1, '\x02') + rlp::encodeList(padded))));
    }

    void signingRefusesImpossibleTransactions()
    {
        Transaction tx;
        tx.chainId = 1;
        tx.maxFeePerGas = 1;
        tx.maxPriorityFeePerGas = 2;
        QVERIFY(!signTransaction(tx, key(kAnvilKey0)));
        tx.maxPriorityFeePerGas = 1;
        tx.accessList = {{address(kAnvilAddress0), {QByteArray(31, '\0')}}};
        QVERIFY(!signTransaction(tx, key(kAnvilKey0)));
    }

    // --- EIP-712 -----------------------------------------------------------------------------------

    void eip712MailExample()
    {
        auto data = TypedData::fromJson(QByteArrayView(kMailJson));
        QVERIFY2(data, qPrintable(data ? QString() : data.error().toString()));
        QCOMPARE(*data->encodeType(QStringLiteral("Mail")),
                 QStringLiteral("Mail(Person from,Person to,string contents)Person(string name,address wallet)"));
        QCOMPARE(hexOf(*data->typeHash(QStringLiteral("Mail"))),
                 QStringLiteral("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2"));
        QCOMPARE(hexOf(*data->domainSeparator()),
                 QStringLiteral("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f"));
        QCOMPARE(hexOf(*data->messageHash()),
                 QStringLiteral("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e"));
        QCOMPARE(hexOf(*data->digest()),
                 QStringLiteral("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"));
        // The EIP signs with keccak256("cow"): v 28, r 0x4355…, s 0x0729…
        const PrivateKey cow = PrivateKey::fromBytes(SecretBytes(keccak256("cow"))).value();
        QCOMPARE(cow.address().toChecksumString(), QStringLiteral("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"));
        auto signature = signTypedData(*data, cow);
        QVERIFY(signature);
        QCOMPARE(
            hexOf(signature->toRsv65()),
            QStringLiteral("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443d"
                           "fa05f40ff007d72911b6f72307f996231605b915621c"));
    }

    void eip712Permit2PermitSingle()
    {
        auto data = TypedData::fromJson(QByteArrayView(kPermitSingleJson));
        QVERIFY(data);
        // Permit2's PermitHash.sol constants.
        QCOMPARE(hexOf(*data->typeHash(QStringLiteral("PermitDetails"))),
                 QStringLiteral("0x65626cad6cb96493bf6f5ebea28756c966f023ab9e8a83a7101849d5573b3678"));
        QCOMPARE(hexOf(*data->typeHash(QStringLiteral("PermitSingle"))),
                 QStringLiteral("0xf3841cd1ff0085026a6327b620b67997ce40f282c88a8e905a7a5626e310f3d0"));
        // cast wallet sign --private-key <anvil 0> --data --from-file permit.json
        auto signature = signTypedData(*data, key(kAnvilKey0));
        QVERIFY(signature);
        QCOMPARE(
            hexOf(signature->toRsv65()),
            QStringLiteral("0x80087a3e2386245999ea4fac02b0a13491b1406d46253c7feeabb72e843fad4e0c8329416351a07c8e2d25"
                           "7b5e66a7ea6d40c124b2551126d60ad8a893c35c521b"));
        QCOMPARE(*recoverAddress(*data->digest(), *signature), address(kAnvilAddress0));
    }

    void eip712ArraysNestedStructsAndInferredDomain()
    {
        // cast wallet sign --private-key <anvil 0> --data --from-file sink.json (the same with and without EIP712Domain)
        const QString expected = QStringLiteral("0xf13f7b02f446b7ab718e3f25d2b7c9941226fa6b1a5f8c4d0866682574d3c16d2af9"
                                                "c5ef8f50ef98b8d6044ee9019ef5a9dcd3378dc6349"
                                                "28519f137d68e06611c");
        auto data = TypedData::fromJson(QByteArrayView(kKitchenSinkJson));
        QVERIFY2(data, qPrintable(data ? QString() : data.error().toString()));
        QCOMPARE(*data->encodeType(QStringLiteral("Order")),
                 QStringLiteral(
                     "Order(Party maker,Leg[] legs,int16[2][] grid,string[] tags,bytes blob,bool flag,int256 delta,"
                     "int8 small,bytes4 id,address[2] pair)Asset(address token,uint8 decimals)Leg(Asset asset,"
                     "uint128 amount)Party(string name,address account)"));
        QCOMPARE(hexOf(signTypedData(*data, key(kAnvilKey0))->toRsv65()), expected);

        QJsonObject object = QJsonDocument::fromJson(kKitchenSinkJson).object();
        QJsonObject types = object.value(QLatin1String("types")).toObject();
        types.remove(QStringLiteral("EIP712Domain"));
        object.insert(QStringLiteral("types"), types);
        auto inferred = TypedData::fromJson(object);
        QVERIFY(inferred);
        QCOMPARE(hexOf(signTypedData(*inferred, key(kAnvilKey0))->toRsv65()), expected);
    }

    void eip712ErrorsAreClear()
    {
        const QJsonObject mail = QJsonDocument::fromJson(kMailJson).object();
        const auto withMessage = [&](const QJsonObject &message) {
            QJsonObject copy = mail;
            copy.insert(QStringLiteral("message"), message);
            return copy;
        };
        QJsonObject message = mail.value(QLatin1String("message")).toObject();
        message.remove(QStringLiteral("contents"));
        auto missing = TypedData::fromJson(withMessage(message))->digest();
        QVERIFY(!missing);
        QVERIFY(missing.error().detail.contains(QLatin1String("Mail.contents")));

        QJsonObject badAddress = mail.value(QLatin1String("message")).toObject();
        QJsonObject from = badAddress.value(QLatin1String("from")).toObject();
        from.insert(QStringLiteral("wallet"), QStringLiteral("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD827"));
        badAddress.insert(QStringLiteral("from"), from);
        QVERIFY(!TypedData::fromJson(withMessage(badAddress))->digest());

        QJsonObject unknownType = mail;
        QJsonObject types = mail.value(QLatin1String("types")).toObject();
        types.insert(QStringLiteral("Person"), QJsonDocument::fromJson(R"([{"name":"name","type":"Strng"}])").array());
        unknownType.insert(QStringLiteral("types"), types);
        QVERIFY(!TypedData::fromJson(unknownType));

        const QByteArray outOfRange =
            R"({"types":{"T":[{"name":"v","type":"uint8"}]},"primaryType":"T","domain":{"name":"x"},"message":{"v":256}})";
        QVERIFY(!TypedData::fromJson(outOfRange)->digest());
        const QByteArray inexact =
            R"({"types":{"T":[{"name":"v","type":"uint256"}]},"primaryType":"T","domain":{"name":"x"},"message":{"v":1e30}})";
        QVERIFY(!TypedData::fromJson(inexact)->digest());
        const QByteArray fixedLength =
            R"({"types":{"T":[{"name":"v","type":"uint8[2]"}]},"primaryType":"T","domain":{"name":"x"},"message":{"v":[1]}})";
        QVERIFY(!TypedData::fromJson(fixedLength)->digest());
        QVERIFY(!TypedData::fromJson(QByteArrayView("not json")));
    }

    // --- BIP-39 / BIP-32 ---------------------------------------------------------------------------

    void bip39WordListIsTheStandardOne()
    {
        const QStringList &words = Mnemonic::wordList();
        QCOMPARE(words.size(), 2048);
        QCOMPARE(words.first(), QStringLiteral("abandon"));
        QCOMPARE(words.last(), QStringLiteral("zoo"));
        QCOMPARE(QCryptographicHash::hash((words.join(QLatin1Char('\n')) + QLatin1Char('\n')).toLatin1(),
                                          QCryptographicHash::Sha256)
                     .toHex(),
                 QByteArray("2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda"));
    }

    void bip39TrezorVectors_data()
    {
        QTest::addColumn<QString>("entropy");
        QTest::addColumn<QString>("phrase");
        QTest::addColumn<QString>("seed");
        QTest::newRow("zeros")
            << "00000000000000000000000000000000"
            << "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
            << "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3"
               "c4ab7c81b2f001698e7463b04";
        QTest::newRow("7f") << "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f"
                            << "legal winner thank year wave sausage worth useful legal winner thank yellow"
                            << "2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c8093"
                               "7a1c1069be3a3a5bd381ee6260e8d9739fce1f607";
        QTest::newRow("80") << "80808080808080808080808080808080"
                            << "letter advice cage absurd amount doctor acoustic avoid letter advice cage above"
                            << "d71de856f81a8acc65e6fc851a38d4d7ec216fd0796d0a6827a3ad6ed5511a30fa280f12eb2e47ed2ac03b5"
                               "c462a0358d18d69fe4f985ec81778c1b370b652a8";
        QTest::newRow("ff") << "ffffffffffffffffffffffffffffffff"
                            << "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong"
                            << "ac27495480225222079d7be181583751e86f571027b0497b5b5d11218e0a8a13332572917f0f8e5a589620c"
                               "6f15b11c61dee327651a14c34e18231052e48c069";
        QTest::newRow("9e88") << "9e885d952ad362caeb4efe34a8e91bd2"
                              << "ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic"
                              << "274ddc525802f7c828d8ef7ddbcdc5304e87ac3535913611fbbfa986d0c9e5476c91689f9c8a54fd55bd3"
                                 "8606aa6a8595ad213d4c9c9f9aca3fb217069a41028";
        QTest::newRow("zeros 24")
            << "0000000000000000000000000000000000000000000000000000000000000000"
            << "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
               "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art"
            << "bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd3097170af7a4d73245cafa9c3cca8d561a7c3de6f5d4"
               "a10be8ed2a5e608d68f92fcc8";
        QTest::newRow("f585 24") << "f585c11aec520db57dd353c69554b21a89b20fb0650966fa0a9d6f74fd989d8f"
                                 << "void come effort suffer camp survey warrior heavy shoot primary clutch crush open "
                                    "amazing screen patrol group space point ten exist slush involve unfold"
                                 << "01f5bced59dec48e362f2c45b5de68b9fd6c92c6634f44d6d40aab69056506f0e35524a518034ddc11"
                                    "92e1dacd32c1ed3eaa3c3b131c88ed8e7e54c49a5d0998";
    }

    void bip39TrezorVectors()
    {
        QFETCH(QString, entropy);
        QFETCH(QString, phrase);
        QFETCH(QString, seed);
        auto fromEntropy = Mnemonic::fromEntropy(*fromHex(entropy));
        QVERIFY(fromEntropy);
        QCOMPARE(fromEntropy->phrase(), phrase);
        const QString messy = QStringLiteral("  ") + phrase.toUpper().replace(QLatin1Char(' '), QStringLiteral(" \t "));
        auto parsed = Mnemonic::fromPhrase(messy);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().toString()));
        QCOMPARE(parsed->phrase(), phrase);
        QCOMPARE(parsed->wordCount(), int(phrase.count(QLatin1Char(' ')) + 1));
        QCOMPARE(toHex(parsed->seed(QStringLiteral("TREZOR")).bytes(), false), seed);
    }

    void passphrasesAreNfkdNormalised()
    {
        // BIP-39 normalises the passphrase to NFKD, so composed and decomposed spellings give one seed
        // (python-mnemonic's value). cast 1.7.1 skips this step: its seeds differ for such passphrases.
        auto mnemonic = Mnemonic::fromPhrase(QStringLiteral(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"));
        QVERIFY(mnemonic);
        const QString composed = QStringLiteral("p\u00e5ss \u00fcnic\u00f6de");
        const QString decomposed = QStringLiteral("pa\u030ass u\u0308nico\u0308de");
        const QString expected = QStringLiteral("4effebec0589b1a00f0ed526029b18197e9d3104f28446f3f7fa62746645a2a04ee615"
                                                "a04c12bbb1ded529908a51cca6786df6c2eb3ca7d5304478d66cfd8705");
        QCOMPARE(toHex(mnemonic->seed(composed).bytes(), false), expected);
        QCOMPARE(toHex(mnemonic->seed(decomposed).bytes(), false), expected);
    }

    void mnemonicErrorsNameThePositionNotTheWord()
    {
        auto unknown =
            Mnemonic::fromPhrase(QStringLiteral("test test test test tesst test test test test test test junk"));
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().message.contains(QLatin1String("Word 5")), qPrintable(unknown.error().message));
        QVERIFY(!unknown.error().toString().contains(QLatin1String("tesst")));
        auto checksum =
            Mnemonic::fromPhrase(QStringLiteral("test test test test test test test test test test test test"));
        QVERIFY(!checksum);
        QVERIFY(checksum.error().message.contains(QLatin1String("checksum")));
        auto count = Mnemonic::fromPhrase(QStringLiteral("test test test junk"));
        QVERIFY(!count);
        QVERIFY(count.error().message.contains(QLatin1String("12, 15, 18, 21 or 24")));
        QVERIFY(!Mnemonic::fromEntropy(QByteArray(15, '\0')));
        QVERIFY(!Mnemonic::generate(13));
    }

    void generatedMnemonicsAreValid()
    {
        for (int words : {12, 15, 18, 21, 24}) {
            auto generated = Mnemonic::generate(words);
            QVERIFY(generated);
            QCOMPARE(generated->wordCount(), words);
            QString phrase = generated->phrase();
            QVERIFY(Mnemonic::fromPhrase(phrase));
            secureWipe(phrase);
        }
        QVERIFY(Mnemonic::generate()->phrase() != Mnemonic::generate()->phrase());
    }

    void bip32TestVector1()
    {
        auto master = ExtendedKey::fromSeed(hex("000102030405060708090a0b0c0d0e0f"));
        QVERIFY(master);
        QCOMPARE(toHex(master->key().bytes(), false),
                 QStringLiteral("e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35"));
        QCOMPARE(toHex(master->chainCode().bytes(), false),
                 QStringLiteral("873dff81c02f525623fd1fe5167eac3a55a049de3d314bb42ee227ffed37d508"));
        auto hardened = master->derive(*DerivationPath::parse(QStringLiteral("m/0H")));
        QVERIFY(hardened);
        QCOMPARE(toHex(hardened->key().bytes(), false),
                 QStringLiteral("edb2e14f9ee77d26dd93b4ecede8d16ed408ce149b6cd80b0715a2d911a0afea"));
        QCOMPARE(toHex(hardened->chainCode().bytes(), false),
                 QStringLiteral("47fdacbd0f1097043b78c63c20c34ef4ed9a111d980047ad16282c7ae6236141"));
        auto normal = master->derive(*DerivationPath::parse(QStringLiteral("m/0'/1")));
        QVERIFY(normal);
        QCOMPARE(toHex(normal->key().bytes(), false),
                 QStringLiteral("3c6cb8d0f6a264c91ea8b5030fadaa8e538b020f0a387421a12de9319dc93368"));
        QCOMPARE(toHex(normal->chainCode().bytes(), false),
                 QStringLiteral("2a7857631386ba23dacac34180dd1983734e444fdbf774041578e9b6adb37c19"));
    }

    void derivationPaths()
    {
        auto path = DerivationPath::parse(QStringLiteral("m/44'/60'/0'/0/7"));
        QVERIFY(path);
        QCOMPARE(path->indices(), (QList<quint32>{44 | DerivationPath::kHardened, 60 | DerivationPath::kHardened,
                                                  DerivationPath::kHardened, 0, 7}));
        QCOMPARE(path->toString(), QStringLiteral("m/44'/60'/0'/0/7"));
        QCOMPARE(DerivationPath::ethereum(7).toString(), path->toString());
        QCOMPARE(DerivationPath::parse(QStringLiteral("m/44h/60H/0'/0/7"))->indices(), path->indices());
        QVERIFY(DerivationPath::parse(QStringLiteral("m"))->indices().isEmpty());
        for (const char *bad : {"", "44'/60'", "m/", "m//0", "m/-1", "m/2147483648", "m/1x", "m/0''", "M/0", "m/ 1"})
            QVERIFY2(!DerivationPath::parse(QString::fromLatin1(bad)), bad);
    }

    void testMnemonicDerivesAnvilsAccounts()
    {
        auto mnemonic = Mnemonic::fromPhrase(kTestMnemonic);
        QVERIFY(mnemonic);
        for (int i = 0; i < kAnvilAddresses.size(); ++i) {
            auto derived = deriveKey(*mnemonic, DerivationPath::ethereum(quint32(i)));
            QVERIFY(derived);
            QCOMPARE(derived->address().toChecksumString(), kAnvilAddresses.at(i));
        }
        QCOMPARE(toHex(deriveKey(*mnemonic, DerivationPath::ethereum(0))->secret().bytes()), kAnvilKey0);
    }

    // --- keystores ---------------------------------------------------------------------------------

    void keystoreRoundTripWritesA0600GethNamedFile()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("keystore"));
        const PrivateKey original = PrivateKey::generate();
        auto path = Keystore::write(folder, original, "pässwörd", KdfParams::light());
        QVERIFY2(path, qPrintable(path ? QString() : path.error().toString()));
        const QFileInfo info(*path);
        QCOMPARE(
            info.permissions()
                & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
            QFileDevice::Permissions());
        QVERIFY(info.permissions().testFlag(QFileDevice::ReadOwner));
        QCOMPARE(QFileInfo(folder).permissions() & (QFileDevice::ReadOther | QFileDevice::ExeOther),
                 QFileDevice::Permissions());
        QVERIFY2(QRegularExpression(
                     QStringLiteral("^UTC--\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d\\.\\d{9}Z--[0-9a-f]{40}$"))
                     .match(info.fileName())
                     .hasMatch(),
                 qPrintable(info.fileName()));
        QVERIFY(info.fileName().endsWith(original.address().toLowerHex().mid(2)));

        const QJsonObject json = QJsonDocument::fromJson(readAll(*path)).object();
        QCOMPARE(json.value(QLatin1String("version")).toInt(), 3);
        QCOMPARE(json.value(QLatin1String("address")).toString(), original.address().toLowerHex().mid(2));
        const QJsonObject crypto = json.value(QLatin1String("crypto")).toObject();
        QCOMPARE(crypto.value(QLatin1String("cipher")).toString(), QStringLiteral("aes-128-ctr"));
        QCOMPARE(crypto.value(QLatin1String("kdf")).toString(), QStringLiteral("scrypt"));
        QCOMPARE(crypto.value(QLatin1String("kdfparams")).toObject().value(QLatin1String("n")).toInt(), 1024);
        QVERIFY(!readAll(*path).contains(toHex(original.secret().bytes(), false).toLatin1()));

        auto reread = Keystore::readFile(*path, "pässwörd");
        QVERIFY(reread);
        QCOMPARE(reread->secret().bytes(), original.secret().bytes());

        auto listed = Keystore::list(folder);
        QVERIFY(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().path, *path);
        QCOMPARE(*listed->first().address, original.address());
    }

    void keystoreDefaultsMatchCast()
    {
        const KdfParams defaults;
        QVERIFY(defaults.kind == KdfParams::Kind::Scrypt);
        QCOMPARE(defaults.scryptN, quint64(8192));
        QCOMPARE(defaults.scryptR, quint32(8));
        QCOMPARE(defaults.scryptP, quint32(1));
        auto json = Keystore::encrypt(key(kAnvilKey0), "pw");
        QVERIFY(json);
        auto back = Keystore::decrypt(*json, "pw");
        QVERIFY(back);
        QCOMPARE(back->address().toChecksumString(), kAnvilAddress0);
    }

    void wrongPasswordIsClearAndLeavesTheFileAlone()
    {
        QTemporaryDir dir;
        auto path = Keystore::write(dir.path(), key(kAnvilKey0), "right", KdfParams::light());
        QVERIFY(path);
        const QByteArray before = readAll(*path);
        const QDateTime modified = QFileInfo(*path).lastModified();
        const QFileDevice::Permissions permissions = QFileInfo(*path).permissions();
        auto wrong = Keystore::readFile(*path, "wrong");
        QVERIFY(!wrong);
        QVERIFY(wrong.error().kind == Error::Kind::Crypto);
        QCOMPARE(wrong.error().message, QStringLiteral("The password is wrong for this keystore."));
        QVERIFY(!wrong.error().toString().contains(QLatin1String("wrong\"")));
        QCOMPARE(readAll(*path), before);
        QCOMPARE(QFileInfo(*path).lastModified(), modified);
        QCOMPARE(QFileInfo(*path).permissions(), permissions);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);   // no stray temporary files
    }

    void keystoreVectorsDecrypt()
    {
        auto castScrypt = Keystore::decrypt(QByteArrayView(kCastScryptKeystore), "testpassword");
        QVERIFY2(castScrypt, qPrintable(castScrypt ? QString() : castScrypt.error().toString()));
        QCOMPARE(toHex(castScrypt->secret().bytes()), kSpecKey);
        QCOMPARE(castScrypt->address().toChecksumString(),
                 QStringLiteral("0x008AeEda4D805471dF9b2A5B0f38A0C3bCBA786b"));
        auto pbkdf2 = Keystore::decrypt(QByteArrayView(kSpecPbkdf2Keystore), "testpassword");
        QVERIFY2(pbkdf2, qPrintable(pbkdf2 ? QString() : pbkdf2.error().toString()));
        QCOMPARE(toHex(pbkdf2->secret().bytes()), kSpecKey);
        QVERIFY(!Keystore::decrypt(QByteArrayView(kSpecPbkdf2Keystore), "testpassworD"));
        auto refused = Keystore::decrypt(QByteArrayView(kSpecScryptKeystore), "testpassword");
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QLatin1String("scrypt")));
    }

    void keystoreWritesPbkdf2Too()
    {
        auto json = Keystore::encrypt(key(kSpecKey), "pw", KdfParams::pbkdf2(1000));
        QVERIFY(json);
        const QJsonObject kdf = QJsonDocument::fromJson(*json).object().value(QLatin1String("crypto")).toObject();
        QCOMPARE(kdf.value(QLatin1String("kdf")).toString(), QStringLiteral("pbkdf2"));
        QCOMPARE(kdf.value(QLatin1String("kdfparams")).toObject().value(QLatin1String("prf")).toString(),
                 QStringLiteral("hmac-sha256"));
        QCOMPARE(toHex(Keystore::decrypt(*json, "pw")->secret().bytes()), kSpecKey);
    }

    void damagedKeystoresAreRefused()
    {
        QJsonObject json =
            QJsonDocument::fromJson(*Keystore::encrypt(key(kAnvilKey0), "pw", KdfParams::light())).object();
        QJsonObject tampered = json;
        QJsonObject crypto = json.value(QLatin1String("crypto")).toObject();
        QString ciphertext = crypto.value(QLatin1String("ciphertext")).toString();
        ciphertext[0] = ciphertext[0] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
        crypto.insert(QStringLiteral("ciphertext"), ciphertext);
        tampered.insert(QStringLiteral("crypto"), crypto);
        QVERIFY(!Keystore::decrypt(QJsonDocument(tampered).toJson(), "pw"));   // the MAC catches it

        QJsonObject otherAddress = json;
        otherAddress.insert(QStringLiteral("address"), QStringLiteral("70997970c51812dc3a010c7d01b50e0d17dc79c8"));
        auto mismatch = Keystore::decrypt(QJsonDocument(otherAddress).toJson(), "pw");
        QVERIFY(!mismatch);
        QVERIFY(mismatch.error().message.contains(QLatin1String("address")));

        QJsonObject version2 = json;
        version2.insert(QStringLiteral("version"), 2);
        QVERIFY(!Keystore::decrypt(QJsonDocument(version2).toJson(), "pw"));
        QVERIFY(!Keystore::decrypt("{}", "pw"));
        QVERIFY(!Keystore::decrypt("garbage", "pw"));
        QVERIFY(!Keystore::readFile(QStringLiteral("/nonexistent/keystore"), "pw"));
    }

    void keystoreListSkipsOtherFilesAndReadsGethNames()
    {
        QTemporaryDir dir;
        QFile other(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("not a keystore");
        other.close();
        QFile castStyle(dir.filePath(QStringLiteral("vec1")));   // cast names files freely and writes no address
        QVERIFY(castStyle.open(QIODevice::WriteOnly));
        castStyle.write(kCastScryptKeystore);
        castStyle.close();
        QVERIFY(Keystore::write(dir.path(), key(kAnvilKey0), "pw", KdfParams::light()));
        auto listed = Keystore::list(dir.path());
        QVERIFY(listed);
        QCOMPARE(listed->size(), 2);
        QCOMPARE(*listed->at(0).address, address(kAnvilAddress0));   // UTC--… sorts before vec1
        QVERIFY(!listed->at(1).address.has_value());
        QVERIFY(!Keystore::list(dir.filePath(QStringLiteral("missing"))));
    }

    // --- keychain ----------------------------------------------------------------------------------

    void keychainWithoutAServiceFailsClearlyAndQuickly()
    {
        // As on CI: no D-Bus session bus at all.
        const QByteArray savedBus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        const QByteArray savedRuntime = qgetenv("XDG_RUNTIME_DIR");
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("XDG_RUNTIME_DIR");
        QVERIFY(!Keychain::serviceReachable());
        Keychain keychain(QStringLiteral("ApeDesk-test"));
        keychain.setTimeoutMs(5000);
        std::optional<Status> stored;
        keychain.storePassword(QStringLiteral("0xf39f"), SecretBytes(QByteArray("secret")),
                               [&](const Status &status) { stored = status; });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 6000);
        QVERIFY(!stored->ok());
        QCOMPARE(stored->error().message,
                 QStringLiteral("no keychain service is available; the password was not stored"));
        bool read = false;
        keychain.readPassword(QStringLiteral("0xf39f"), [&](Result<SecretBytes> result) {
            QVERIFY(!result);
            QVERIFY(result.error().message.startsWith(QLatin1String("no keychain service is available")));
            read = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read, 6000);
        if (!savedBus.isNull())
            qputenv("DBUS_SESSION_BUS_ADDRESS", savedBus);
        if (!savedRuntime.isNull())
            qputenv("XDG_RUNTIME_DIR", savedRuntime);
    }

    void keychainWithASilentBusTimesOut()
    {
        // A bus that accepts the connection and then never answers. Connecting blocks the connecting thread,
        // so this is why jobs run on a worker: our thread stays free and the call ends with the timeout.
        // (Before the dead-bus case: Qt keeps the first session-bus connection attempt for the process.)
        const QByteArray savedBus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        QTemporaryDir dir;
        QLocalServer silent;
        QVERIFY(silent.listen(dir.filePath(QStringLiteral("silent-bus"))));
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + silent.fullServerName().toUtf8());
        Keychain keychain(QStringLiteral("ApeDesk-test"));
        keychain.setTimeoutMs(1500);
        QElapsedTimer timer;
        timer.start();
        std::optional<Status> stored;
        keychain.storePassword(QStringLiteral("0xf39f"), SecretBytes(QByteArray("secret")),
                               [&](const Status &status) { stored = status; });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 5000);
        qInfo("keychain answered after %lld ms: %s", timer.elapsed(), qPrintable(stored->error().toString()));
        QVERIFY(timer.elapsed() < 3000);
        QVERIFY(!stored->ok());
        QCOMPARE(stored->error().message,
                 QStringLiteral("no keychain service is available; the password was not stored"));
        if (savedBus.isNull())
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        else
            qputenv("DBUS_SESSION_BUS_ADDRESS", savedBus);
    }

    void keychainWithADeadBusFailsWithinTheTimeout()
    {
        // A session bus address that leads nowhere: QtKeychain itself is asked and must not hang us.
        const QByteArray savedBus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        QTemporaryDir dir;
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + dir.filePath(QStringLiteral("no-bus")).toUtf8());
        QVERIFY(Keychain::serviceReachable());
        Keychain keychain(QStringLiteral("ApeDesk-test"));
        keychain.setTimeoutMs(3000);
        QElapsedTimer timer;
        timer.start();
        std::optional<Status> stored;
        keychain.storePassword(QStringLiteral("0xf39f"), SecretBytes(QByteArray("secret")),
                               [&](const Status &status) { stored = status; });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 5000);
        qInfo("keychain answered after %lld ms: %s", timer.elapsed(), qPrintable(stored->error().toString()));
        QVERIFY(timer.elapsed() < 4500);
        QVERIFY(!stored->ok());
        QCOMPARE(stored->error().message,
                 QStringLiteral("no keychain service is available; the password was not stored"));
        QVERIFY(!stored->error().toString().contains(QLatin1String("secret")));
        if (savedBus.isNull())
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        else
            qputenv("DBUS_SESSION_BUS_ADDRESS", savedBus);
    }
};

QTEST_GUILESS_MAIN(TestEthKeys)
#include "test_eth_keys.moc"
