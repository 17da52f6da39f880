// apedesk-cli abi encode|decode, calldata, keccak: cast's output, --json records, exit codes 0/1/2.

#include "processrunner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestCliAbi : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QString m_cli = qEnvironmentVariable("APEDESK_CLI");
    ProcessResult run(const QStringList &args) { return runProcess(m_cli, args, isolatedEnvironment(m_home)); }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(m_cli), "APEDESK_CLI points at the built apedesk-cli"); }

    void encodeAndCalldataPrintHex()
    {
        const ProcessResult encoded = run({"abi", "encode", "f(uint256,bool)", "1e18", "true"});
        QCOMPARE(encoded.exitCode, 0);
        QCOMPARE(encoded.out, QByteArray("0x0000000000000000000000000000000000000000000000000de0b6b3a7640000"
                                         "0000000000000000000000000000000000000000000000000000000000000001\n"));
        const ProcessResult calldata = run({"calldata", "transfer(address,uint256)", "0x000000000000000000000000000000000000dEaD", "5"});
        QCOMPARE(calldata.exitCode, 0);
        QCOMPARE(calldata.out, QByteArray("0xa9059cbb000000000000000000000000000000000000000000000000000000000000dead"
                                          "0000000000000000000000000000000000000000000000000000000000000005\n"));
        const ProcessResult negative = run({"abi", "encode", "f(int8)", "--", "-1"});
        QCOMPARE(negative.exitCode, 0);
        QCOMPARE(negative.out.trimmed(), QByteArray("0x" + QByteArray(64, 'f')));
    }

    void decodePrintsOneValuePerLine()
    {
        const ProcessResult encoded = run({"abi", "encode", "f(uint256,string,(address,bytes)[])", "12345",
                                           "hi", "[(0x000000000000000000000000000000000000dead,0x01)]"});
        QCOMPARE(encoded.exitCode, 0);
        const ProcessResult decoded = run({"abi", "decode", "f()(uint256,string,(address,bytes)[])", QString::fromLatin1(encoded.out.trimmed())});
        QCOMPARE(decoded.exitCode, 0);
        QCOMPARE(decoded.out, QByteArray("12345 [1.234e4]\n\"hi\"\n[(0x000000000000000000000000000000000000dEaD, 0x01)]\n"));

        const ProcessResult calldata = run({"calldata", "g(uint256,string)", "5", "hi"});
        const QByteArray withSelector = calldata.out.trimmed();
        const QByteArray withoutSelector = "0x" + withSelector.mid(10);   // what cast 1.7.1 expects
        for (const QByteArray &data : {withSelector, withoutSelector}) {
            const ProcessResult inputs = run({"abi", "decode", "--input", "g(uint256,string)", QString::fromLatin1(data)});
            QCOMPARE(inputs.exitCode, 0);
            QCOMPARE(inputs.out, QByteArray("5\n\"hi\"\n"));
        }
    }

    void keccakOfTextAndHex()
    {
        QCOMPARE(run({"keccak", "hello"}).out.trimmed(), QByteArray("0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8"));
        QCOMPARE(run({"keccak", "0x"}).out.trimmed(), QByteArray("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
        QCOMPARE(run({"keccak", "0x12"}).out.trimmed(), QByteArray("0x5fa2358263196dbbf23d1ca7a509451f7a2f64c15837bfbb81298b1e3e24e4fa"));
    }

    void jsonRecords()
    {
        const ProcessResult hash = run({"--json", "keccak", "hello"});
        QCOMPARE(QJsonDocument::fromJson(hash.out).object().value("hash").toString(),
                 QStringLiteral("0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8"));
        const ProcessResult encoded = run({"abi", "encode", "f(uint256,(string,bool))", "7", "(x,true)"});
        const ProcessResult decoded = run({"--json", "abi", "decode", "f()(uint256 n,(string,bool))", QString::fromLatin1(encoded.out.trimmed())});
        QCOMPARE(decoded.exitCode, 0);
        const QList<QByteArray> lines = decoded.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(first.value("name").toString(), QStringLiteral("n"));
        QCOMPARE(first.value("value").toString(), QStringLiteral("7"));
        QCOMPARE(QJsonDocument::fromJson(lines[1]).object().value("text").toString(), QStringLiteral("(\"x\", true)"));
    }

    void failuresExitOneUsageErrorsTwo()
    {
        const QList<QPair<QStringList, int>> cases{
            {{"abi"}, 2},
            {{"abi", "frobnicate"}, 2},
            {{"abi", "encode"}, 2},
            {{"abi", "encode", "f(uint256)"}, 2},
            {{"abi", "encode", "f(uint256)", "1", "2"}, 2},
            {{"abi", "decode", "f()(uint256)"}, 2},
            {{"abi", "decode", "f()(uint256)", "0x", "--bogus"}, 2},
            {{"keccak"}, 2},
            {{"abi", "encode", "f(uint8)", "256"}, 1},
            {{"abi", "encode", "f(uint7)", "1"}, 1},
            {{"abi", "encode", "f(address)", "0x000000000000000000000000000000000000DeaD"}, 1},
            {{"abi", "decode", "f()(uint256)", "0x01"}, 1},
            {{"abi", "decode", "f()(bool)", "0x" + QString(63, QLatin1Char('0')) + "2"}, 1},
            {{"abi", "decode", "f(uint256)", "0x" + QString(64, QLatin1Char('0'))}, 1},
            {{"calldata", "f(uint256)", "x"}, 1},
            {{"keccak", "0x123"}, 1},
        };
        for (const auto &[args, code] : cases) {
            const ProcessResult r = run(args);
            QVERIFY2(r.exitCode == code, qPrintable(args.join(' ') + " -> " + QString::number(r.exitCode)));
            QVERIFY2(r.err.startsWith("apedesk-cli: "), r.err.constData());
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY(r.out.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliAbi)
#include "test_cli_abi.moc"
