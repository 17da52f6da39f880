// apedesk-cli balances / quote / swap against a sandbox that `apedesk-cli sandbox up --detach` started
// (a private HOME / XDG tree): the swap finds the contracts from the sandbox's record, any account may
// swap there (here anvil's account 7, whose key comes from an environment variable), the JSON carries
// tx_hash, amount_in, amount_out, effective_price and gas_used, the received amount equals the quote,
// balances move by it, and bad input (over the balance, a wrong direction, no key, a missing --rpc,
// a dead node) is a clear one-line error with no transaction.

#include "processrunner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

namespace {

// anvil's published test account 7 (mnemonic "test test ... junk"): public test data, not a secret.
const QString kAccount7 = QStringLiteral("0x14dC79964da2C08b23698B3D3cc7Ca32193d9955");
const QString kKey7 = QStringLiteral("0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356");

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

QJsonObject lastJson(const QByteArray &out)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return lines.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(lines.last()).object();
}

} // namespace

class TestCliSwap : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QString m_cli = qEnvironmentVariable("APEDESK_CLI");
    QString m_rpc;
    quint16 m_port = 0;

    ProcessResult run(const QStringList &args, bool withKey = false)
    {
        QProcessEnvironment env = isolatedEnvironment(m_home);
        if (withKey)
            env.insert(QStringLiteral("SWAP_KEY"), kKey7);
        return runProcess(m_cli, args, env, 120000);
    }

    QJsonObject balances()
    {
        const ProcessResult r = run({QStringLiteral("--json"), QStringLiteral("balances"), QStringLiteral("--rpc"), m_rpc,
                                     QStringLiteral("--account"), kAccount7});
        if (r.exitCode != 0)
            qWarning() << r.err;
        return lastJson(r.out);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!m_cli.isEmpty());
        m_port = freePort();
        QVERIFY(m_port);
        const ProcessResult up = run({QStringLiteral("sandbox"), QStringLiteral("up"), QStringLiteral("--port"),
                                      QString::number(m_port), QStringLiteral("--detach"), QStringLiteral("--json")});
        QVERIFY2(up.exitCode == 0, up.err.constData());
        m_rpc = lastJson(up.out).value(QStringLiteral("rpc_url")).toString();
        QVERIFY(!m_rpc.isEmpty());
    }

    void balancesOfAFundedAccount()
    {
        const QJsonObject b = balances();
        QCOMPARE(b.value(QStringLiteral("account")).toString(), kAccount7);
        QCOMPARE(b.value(QStringLiteral("eth")).toString(), QStringLiteral("100"));
        QCOMPARE(b.value(QStringLiteral("usdc")).toString(), QStringLiteral("100000"));
    }

    void swapReceivesTheQuote()
    {
        const ProcessResult q = run({QStringLiteral("--json"), QStringLiteral("quote"), QStringLiteral("--rpc"), m_rpc,
                                     QStringLiteral("--direction"), QStringLiteral("eth-to-usdc"),
                                     QStringLiteral("--amount"), QStringLiteral("0.5")});
        QVERIFY2(q.exitCode == 0, q.err.constData());
        const QJsonObject quote = lastJson(q.out);
        const QString expected = quote.value(QStringLiteral("expected_out_units")).toString();
        QVERIFY(!expected.isEmpty());
        QVERIFY(quote.value(QStringLiteral("minimum_out_units")).toString().toULongLong() < expected.toULongLong());

        const QJsonObject before = balances();
        const ProcessResult s = run({QStringLiteral("--json"), QStringLiteral("swap"), QStringLiteral("--rpc"), m_rpc,
                                     QStringLiteral("--direction"), QStringLiteral("eth-to-usdc"), QStringLiteral("--amount"),
                                     QStringLiteral("0.5"), QStringLiteral("--slippage"), QStringLiteral("0.5"),
                                     QStringLiteral("--key-env"), QStringLiteral("SWAP_KEY")},
                                    true);
        QVERIFY2(s.exitCode == 0, s.err.constData());
        QVERIFY(!s.out.contains(kKey7.mid(2).toUtf8()) && !s.err.contains(kKey7.mid(2).toUtf8()));
        const QJsonObject swap = lastJson(s.out);
        for (const char *field : {"tx_hash", "amount_in", "amount_out", "effective_price", "gas_used"})
            QVERIFY2(!swap.value(QLatin1String(field)).toString().isEmpty(), field);
        QCOMPARE(swap.value(QStringLiteral("amount_in")).toString(), QStringLiteral("0.5"));
        QCOMPARE(swap.value(QStringLiteral("amount_out_units")).toString(), expected);
        QVERIFY(swap.value(QStringLiteral("tx_hash")).toString().startsWith(QStringLiteral("0x")));
        QVERIFY(swap.value(QStringLiteral("gas_used")).toString().toULongLong() > 50000);

        const QJsonObject after = balances();
        const qulonglong usdcBefore = before.value(QStringLiteral("usdc_units")).toString().toULongLong();
        const qulonglong usdcAfter = after.value(QStringLiteral("usdc_units")).toString().toULongLong();
        QCOMPARE(usdcAfter - usdcBefore, expected.toULongLong());

        // And back: USDC -> ETH goes through Permit2 on its own.
        const ProcessResult back = run({QStringLiteral("--json"), QStringLiteral("swap"), QStringLiteral("--rpc"), m_rpc,
                                        QStringLiteral("--direction"), QStringLiteral("usdc-to-eth"), QStringLiteral("--amount"),
                                        QStringLiteral("100"), QStringLiteral("--key-env"), QStringLiteral("SWAP_KEY")},
                                       true);
        QVERIFY2(back.exitCode == 0, back.err.constData());
        QCOMPARE(lastJson(back.out).value(QStringLiteral("amount_in")).toString(), QStringLiteral("100"));
    }

    void badInputIsAClearError()
    {
        const QJsonObject before = balances();
        // More ETH than the account has: refused before any transaction.
        ProcessResult r = run({QStringLiteral("swap"), QStringLiteral("--rpc"), m_rpc, QStringLiteral("--direction"),
                               QStringLiteral("eth-to-usdc"), QStringLiteral("--amount"), QStringLiteral("5000"),
                               QStringLiteral("--key-env"), QStringLiteral("SWAP_KEY")},
                              true);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("Not enough ETH"), r.err.constData());
        QCOMPARE(balances().value(QStringLiteral("eth_wei")), before.value(QStringLiteral("eth_wei")));

        r = run({QStringLiteral("swap"), QStringLiteral("--rpc"), m_rpc, QStringLiteral("--direction"),
                 QStringLiteral("sideways"), QStringLiteral("--amount"), QStringLiteral("1"), QStringLiteral("--key-env"),
                 QStringLiteral("SWAP_KEY")},
                true);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--direction"));

        r = run({QStringLiteral("swap"), QStringLiteral("--rpc"), m_rpc, QStringLiteral("--direction"),
                 QStringLiteral("eth-to-usdc"), QStringLiteral("--amount"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 2);   // no key named

        r = run({QStringLiteral("quote"), QStringLiteral("--rpc"), m_rpc, QStringLiteral("--direction"),
                 QStringLiteral("eth-to-usdc"), QStringLiteral("--amount"), QStringLiteral("1.0000000000000000001")});
        QCOMPARE(r.exitCode, 2);   // more decimals than ETH has

        const quint16 dead = freePort();
        r = run({QStringLiteral("balances"), QStringLiteral("--rpc"), QStringLiteral("http://127.0.0.1:%1").arg(dead),
                 QStringLiteral("--account"), kAccount7});
        QCOMPARE(r.exitCode, 1);
        const QByteArray last = r.err.trimmed().split('\n').last();
        QVERIFY2(last.startsWith("apedesk-cli: ") && last.contains("could not be reached"), r.err.constData());
    }

    void cleanupTestCase()
    {
        if (m_port)
            run({QStringLiteral("sandbox"), QStringLiteral("down"), QStringLiteral("--port"), QString::number(m_port)});
    }
};

QTEST_GUILESS_MAIN(TestCliSwap)
#include "test_cli_swap.moc"
