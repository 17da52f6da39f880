// apedesk-cli wallet and tx end to end: keystores written, imported, listed and unlocked; EIP-191
// signatures and raw transactions equal to cast's; exit codes 0/1/2 with one stderr line; and a key
// handed over in an environment variable never shows up in stdout, stderr or the log file.

#include "eth/keystore.h"
#include "processrunner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace apedesk;

namespace {

const QString kKey = QStringLiteral("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const QString kAddress = QStringLiteral("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
const QString kMnemonic = QStringLiteral("test test test test test test test test test test test junk");

// cast mktx 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --private-key <kKey> --chain 8453 --nonce 3 --gas-limit 21000
//   --gas-price 2gwei --priority-gas-price 1gwei --value 1ether
const QString kRaw1559 = QStringLiteral("0x02f87482210503843b9aca0084773594008252089470997970c51812dc3a010c7d01b50e0d17"
                                        "dc79c8880de0b6b3a764000080c001a043c08"
                                        "33e31310edd65bf86372d769234fa4fd0b3874f58361faa40058cfcc7cba07c6c1c4ffec93d43a"
                                        "b8874fe987d6e847c734162edf31f4a21e902"
                                        "29acece15d");
// cast mktx 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 0x1234 --private-key <kKey> --chain 8453 --nonce 3
//   --gas-limit 21000 --gas-price 2gwei --legacy --value 0x10
const QString kRawLegacy =
    QStringLiteral("0xf8670384773594008252089470997970c51812dc3a010c7d01b50e0d17dc79c81082123482422ea0d9e7a11f31efc9949"
                   "fb7f0eb92252d647e"
                   "d2759d31bf748aef791fac65ce2d2da002f80ea7280edca4c461b70f6f6cee123fe1dabec32b1c0e889f30779e535b40");

QByteArray oneLine(const QByteArray &out) { return out.trimmed(); }

} // namespace

class TestCliWallet : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QString m_cli = qEnvironmentVariable("APEDESK_CLI");
    QString m_cast = qEnvironmentVariable("APEDESK_CAST");
    QList<ProcessResult> m_runs;   // every run, so the secrecy check can look at all of them

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = isolatedEnvironment(m_home);
        env.insert(QStringLiteral("APEDESK_TEST_KEY"), kKey);
        env.insert(QStringLiteral("APEDESK_TEST_MNEMONIC"), kMnemonic);
        return env;
    }

    ProcessResult run(const QStringList &args)
    {
        ProcessResult result = runProcess(m_cli, args, environment());
        m_runs << result;
        return result;
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_home.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(content);
        return path;
    }

    static void expectOneLineFailure(const ProcessResult &r, int code)
    {
        QVERIFY2(r.finished, "apedesk-cli finished");
        QCOMPARE(r.exitCode, code);
        QVERIFY2(r.err.startsWith("apedesk-cli: "), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.out.isEmpty());
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(m_cli), "APEDESK_CLI points at the built apedesk-cli"); }

    void walletNewWritesAKeystore()
    {
        const QString password = writeFile(QStringLiteral("new.pw"), "hunter2 \n");
        const QString folder = m_home.filePath(QStringLiteral("new-keystore"));
        const ProcessResult r =
            run({QStringLiteral("--json"), QStringLiteral("wallet"), QStringLiteral("new"),
                 QStringLiteral("--keystore"), folder, QStringLiteral("--password-file"), password});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();
        const QString path = json.value(QLatin1String("path")).toString();
        QVERIFY2(QFile::exists(path), r.out.constData());
        QVERIFY(path.startsWith(folder));
        // The trailing blank and newline are not part of the password (as with cast --password-file).
        auto key = eth::Keystore::readFile(path, "hunter2");
        QVERIFY(key);
        QCOMPARE(key->address().toChecksumString(), json.value(QLatin1String("address")).toString());

        const ProcessResult empty =
            run({QStringLiteral("wallet"), QStringLiteral("new"), QStringLiteral("--keystore"), folder,
                 QStringLiteral("--password-file"), writeFile(QStringLiteral("empty.pw"), "\n")});
        expectOneLineFailure(empty, 2);
    }

    void walletImportFromAnEnvironmentVariableOrAMnemonic()
    {
        const QString password = writeFile(QStringLiteral("import.pw"), "correct horse");
        const QString folder = m_home.filePath(QStringLiteral("imported"));
        const ProcessResult r =
            run({QStringLiteral("wallet"), QStringLiteral("import"), QStringLiteral("--private-key-env"),
                 QStringLiteral("APEDESK_TEST_KEY"), QStringLiteral("--keystore"), folder,
                 QStringLiteral("--password-file"), password});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QByteArray("address: " + kAddress.toLatin1())), r.out.constData());
        const ProcessResult m = run({QStringLiteral("--json"), QStringLiteral("wallet"), QStringLiteral("import"),
                                     QStringLiteral("--mnemonic-env"), QStringLiteral("APEDESK_TEST_MNEMONIC"),
                                     QStringLiteral("--index"), QStringLiteral("3"), QStringLiteral("--keystore"),
                                     folder, QStringLiteral("--password-file"), password});
        QCOMPARE(m.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(m.out).object();
        QCOMPARE(json.value(QLatin1String("address")).toString(),
                 QStringLiteral("0x90F79bf6EB2c4f870365E785982E1f101E93b906"));
        auto key = eth::Keystore::readFile(json.value(QLatin1String("path")).toString(), "correct horse");
        QVERIFY(key);
        QCOMPARE(key->address().toChecksumString(), QStringLiteral("0x90F79bf6EB2c4f870365E785982E1f101E93b906"));

        const ProcessResult list =
            run({QStringLiteral("wallet"), QStringLiteral("list"), QStringLiteral("--keystore"), folder});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.out.count('\n'), 2);
        QVERIFY(list.out.contains(kAddress.toLatin1()));
        QVERIFY(list.out.contains("0x90F79bf6EB2c4f870365E785982E1f101E93b906"));
        const ProcessResult jsonList = run({QStringLiteral("--json"), QStringLiteral("wallet"), QStringLiteral("list"),
                                            QStringLiteral("--keystore"), folder});
        QCOMPARE(jsonList.exitCode, 0);
        const QList<QByteArray> lines = jsonList.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        for (const QByteArray &line : lines)
            QVERIFY(QFile::exists(QJsonDocument::fromJson(line).object().value(QLatin1String("path")).toString()));
    }

    void walletAddressFromEachKeySource()
    {
        const ProcessResult env = run({QStringLiteral("wallet"), QStringLiteral("address"),
                                       QStringLiteral("--private-key-env"), QStringLiteral("APEDESK_TEST_KEY")});
        QCOMPARE(env.exitCode, 0);
        QCOMPARE(oneLine(env.out), kAddress.toLatin1());
        const ProcessResult mnemonic =
            run({QStringLiteral("wallet"), QStringLiteral("address"), QStringLiteral("--mnemonic-env"),
                 QStringLiteral("APEDESK_TEST_MNEMONIC"), QStringLiteral("--index=9")});
        QCOMPARE(oneLine(mnemonic.out), QByteArray("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720"));

        QTemporaryDir dir;
        auto path =
            eth::Keystore::write(dir.path(), eth::PrivateKey::fromHex(kKey).value(), "pw", eth::KdfParams::light());
        QVERIFY(path);
        const ProcessResult keystore =
            run({QStringLiteral("--json"), QStringLiteral("wallet"), QStringLiteral("address"),
                 QStringLiteral("--keystore"), *path, QStringLiteral("--password-file"),
                 writeFile(QStringLiteral("pw"), "pw\n")});
        QCOMPARE(keystore.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(keystore.out).object().value(QLatin1String("address")).toString(), kAddress);
    }

    void wrongPasswordExitsOneWithOneLineAndChangesNothing()
    {
        QTemporaryDir dir;
        auto path =
            eth::Keystore::write(dir.path(), eth::PrivateKey::fromHex(kKey).value(), "right", eth::KdfParams::light());
        QVERIFY(path);
        QFile file(*path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();
        const QString wrong = writeFile(QStringLiteral("wrong.pw"), "wrong\n");
        for (const QString &command : {QStringLiteral("address"), QStringLiteral("sign")}) {
            QStringList args{QStringLiteral("wallet"),          command, QStringLiteral("--keystore"), *path,
                             QStringLiteral("--password-file"), wrong};
            if (command == QLatin1String("sign"))
                args << QStringLiteral("hello");
            const ProcessResult r = run(args);
            expectOneLineFailure(r, 1);
            QVERIFY2(r.err.contains("The password is wrong for this keystore."), r.err.constData());
        }
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void walletSignPrintsWhatCastPrints()
    {
        const ProcessResult text =
            run({QStringLiteral("wallet"), QStringLiteral("sign"), QStringLiteral("--private-key-env"),
                 QStringLiteral("APEDESK_TEST_KEY"), QStringLiteral("hello world")});
        QCOMPARE(text.exitCode, 0);
        // cast wallet sign --private-key <kKey> "hello world"
        QCOMPARE(oneLine(text.out),
                 QByteArray("0xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f917"
                            "5d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b"));
        const ProcessResult bytes =
            run({QStringLiteral("--json"), QStringLiteral("wallet"), QStringLiteral("sign"),
                 QStringLiteral("--private-key-env"), QStringLiteral("APEDESK_TEST_KEY"), QStringLiteral("0x1234")});
        QCOMPARE(
            QJsonDocument::fromJson(bytes.out).object().value(QLatin1String("signature")).toString(),
            QStringLiteral("0x87b638f4675a39ef49eb0379a7f5d248affd109cc6cb5b69457d7e8394d7d85274c8b407ca2b2b37ba4cc9c3"
                           "bcfde488f7f59748175764b928324bd31c0f93851c"));
        expectOneLineFailure(run({QStringLiteral("wallet"), QStringLiteral("sign"), QStringLiteral("--private-key-env"),
                                  QStringLiteral("APEDESK_TEST_KEY"), QStringLiteral("0xzz")}),
                             2);

        if (!QFile::exists(m_cast))
            return;
        for (const QString &message :
             {QStringLiteral("ApeDesk 🦍 ünïcödé"), QStringLiteral("0x"), QStringLiteral("0xdeadbeef")}) {
            const ProcessResult ours =
                run({QStringLiteral("wallet"), QStringLiteral("sign"), QStringLiteral("--private-key-env"),
                     QStringLiteral("APEDESK_TEST_KEY"), message});
            const ProcessResult theirs = runProcess(
                m_cast,
                {QStringLiteral("wallet"), QStringLiteral("sign"), QStringLiteral("--private-key"), kKey, message},
                isolatedEnvironment(m_home));
            QCOMPARE(theirs.exitCode, 0);
            QCOMPARE(oneLine(ours.out), oneLine(theirs.out));
        }
    }

    void txSignPrintsWhatCastMktxPrints()
    {
        const QStringList common{QStringLiteral("tx"),
                                 QStringLiteral("sign"),
                                 QStringLiteral("--chain-id"),
                                 QStringLiteral("8453"),
                                 QStringLiteral("--nonce"),
                                 QStringLiteral("3"),
                                 QStringLiteral("--to"),
                                 QStringLiteral("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
                                 QStringLiteral("--gas"),
                                 QStringLiteral("21000"),
                                 QStringLiteral("--private-key-env"),
                                 QStringLiteral("APEDESK_TEST_KEY")};
        const ProcessResult eip1559 =
            run(common
                + QStringList{QStringLiteral("--value"), QStringLiteral("1ether"), QStringLiteral("--max-fee"),
                              QStringLiteral("2gwei"), QStringLiteral("--priority-fee"), QStringLiteral("1000000000")});
        QCOMPARE(eip1559.exitCode, 0);
        QCOMPARE(QString::fromLatin1(oneLine(eip1559.out)), kRaw1559);
        const ProcessResult legacy =
            run(common
                + QStringList{QStringLiteral("--value"), QStringLiteral("0x10"), QStringLiteral("--data"),
                              QStringLiteral("0x1234"), QStringLiteral("--gas-price"), QStringLiteral("2e9")});
        QCOMPARE(legacy.exitCode, 0);
        QCOMPARE(QString::fromLatin1(oneLine(legacy.out)), kRawLegacy);

        // --json adds the decoded fields; tx decode reads them back.
        const ProcessResult json =
            run(QStringList{QStringLiteral("--json")} + common
                + QStringList{QStringLiteral("--value"), QStringLiteral("0.5gwei"), QStringLiteral("--max-fee"),
                              QStringLiteral("3gwei"), QStringLiteral("--priority-fee"), QStringLiteral("1 gwei")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject signedTx = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(signedTx.value(QLatin1String("from")).toString(), kAddress);
        QCOMPARE(signedTx.value(QLatin1String("value")).toString(), QStringLiteral("500000000"));
        const ProcessResult decoded = run({QStringLiteral("--json"), QStringLiteral("tx"), QStringLiteral("decode"),
                                           signedTx.value(QLatin1String("raw")).toString()});
        QCOMPARE(decoded.exitCode, 0);
        const QJsonObject fields = QJsonDocument::fromJson(decoded.out).object();
        QCOMPARE(fields.value(QLatin1String("hash")).toString(), signedTx.value(QLatin1String("hash")).toString());
        QCOMPARE(fields.value(QLatin1String("max_priority_fee_per_gas")).toString(), QStringLiteral("1000000000"));

        if (!QFile::exists(m_cast))
            return;
        // The same fields through cast now (the constants above were printed by cast 1.7.1).
        const ProcessResult cast = runProcess(
            m_cast,
            {QStringLiteral("mktx"), QStringLiteral("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
             QStringLiteral("--private-key"), kKey, QStringLiteral("--chain"), QStringLiteral("8453"),
             QStringLiteral("--nonce"), QStringLiteral("3"), QStringLiteral("--gas-limit"), QStringLiteral("21000"),
             QStringLiteral("--gas-price"), QStringLiteral("3gwei"), QStringLiteral("--priority-gas-price"),
             QStringLiteral("1 gwei"), QStringLiteral("--value"), QStringLiteral("0.5gwei")},
            isolatedEnvironment(m_home));
        QCOMPARE(cast.exitCode, 0);
        QCOMPARE(oneLine(cast.out), signedTx.value(QLatin1String("raw")).toString().toLatin1());
    }

    void usageErrorsExitTwoWithOneLine()
    {
        const QStringList sign{QStringLiteral("tx"),
                               QStringLiteral("sign"),
                               QStringLiteral("--chain-id"),
                               QStringLiteral("1"),
                               QStringLiteral("--nonce"),
                               QStringLiteral("0"),
                               QStringLiteral("--gas"),
                               QStringLiteral("21000"),
                               QStringLiteral("--to"),
                               kAddress,
                               QStringLiteral("--private-key-env"),
                               QStringLiteral("APEDESK_TEST_KEY")};
        const QList<QStringList> cases{
            {QStringLiteral("wallet")},
            {QStringLiteral("wallet"), QStringLiteral("frobnicate")},
            {QStringLiteral("wallet"), QStringLiteral("address")},   // no key source
            {QStringLiteral("wallet"), QStringLiteral("address"), QStringLiteral("--private-key"),
             kKey},   // never as an argument
            {QStringLiteral("wallet"), QStringLiteral("address"), QStringLiteral("--private-key-env"),
             QStringLiteral("UNSET_VAR_X")},
            {QStringLiteral("wallet"), QStringLiteral("list")},
            sign,   // no fee
            sign
                + QStringList{QStringLiteral("--gas-price"), QStringLiteral("1"), QStringLiteral("--max-fee"),
                              QStringLiteral("1")},
            sign + QStringList{QStringLiteral("--gas-price"), QStringLiteral("1.5")},   // a fraction of a wei
            sign + QStringList{QStringLiteral("--gas-price"), QStringLiteral("1GWEI")},
            sign
                + QStringList{QStringLiteral("--gas-price"), QStringLiteral("1"), QStringLiteral("--nonce"),
                              QStringLiteral("2")},
            {QStringLiteral("tx"), QStringLiteral("decode"), QStringLiteral("0xzz")},
        };
        for (const QStringList &args : cases) {
            const ProcessResult r = run(args);
            QVERIFY2(r.exitCode == 2,
                     qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(" -> ") + QString::number(r.exitCode)
                                + QStringLiteral(" ") + QString::fromUtf8(r.err)));
            expectOneLineFailure(r, 2);
        }
        // A key that is not a key: a failure (1), and the message does not repeat it.
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("APEDESK_BAD_KEY"), QStringLiteral("0x12345678deadbeefcafe"));
        const ProcessResult bad = runProcess(m_cli,
                                             {QStringLiteral("wallet"), QStringLiteral("address"),
                                              QStringLiteral("--private-key-env"), QStringLiteral("APEDESK_BAD_KEY")},
                                             env);
        expectOneLineFailure(bad, 1);
        QVERIFY(!bad.err.contains("deadbeef"));
        // decode of a damaged transaction: a failure, not a usage error.
        expectOneLineFailure(run({QStringLiteral("tx"), QStringLiteral("decode"), kRaw1559.left(kRaw1559.size() - 2)}),
                             1);
    }

    void theKeyNeverAppearsInOutputOrLogs()
    {
        // Every command again, verbose, then look through everything any run printed or logged.
        run({QStringLiteral("--verbose"), QStringLiteral("wallet"), QStringLiteral("address"),
             QStringLiteral("--private-key-env"), QStringLiteral("APEDESK_TEST_KEY")});
        run({QStringLiteral("--verbose"), QStringLiteral("--json"), QStringLiteral("wallet"), QStringLiteral("sign"),
             QStringLiteral("--private-key-env"), QStringLiteral("APEDESK_TEST_KEY"), QStringLiteral("x")});
        run({QStringLiteral("--verbose"), QStringLiteral("wallet"), QStringLiteral("import"),
             QStringLiteral("--private-key-env"), QStringLiteral("APEDESK_TEST_KEY"), QStringLiteral("--keystore"),
             m_home.filePath(QStringLiteral("verbose")), QStringLiteral("--password-file"),
             writeFile(QStringLiteral("v.pw"), "pw")});
        run({QStringLiteral("--verbose"), QStringLiteral("--json"), QStringLiteral("tx"), QStringLiteral("sign"),
             QStringLiteral("--chain-id"), QStringLiteral("1"), QStringLiteral("--nonce"), QStringLiteral("0"),
             QStringLiteral("--gas"), QStringLiteral("21000"), QStringLiteral("--gas-price"), QStringLiteral("1"),
             QStringLiteral("--to"), kAddress, QStringLiteral("--private-key-env"),
             QStringLiteral("APEDESK_TEST_KEY")});
        const QByteArray keyDigits = kKey.mid(2).toLatin1();
        const QByteArray mnemonicWords = kMnemonic.toLatin1();
        QVERIFY(m_runs.size() > 20);
        for (const ProcessResult &r : std::as_const(m_runs)) {
            QVERIFY(!r.out.toLower().contains(keyDigits));
            QVERIFY(!r.err.toLower().contains(keyDigits));
            QVERIFY(!r.out.contains(mnemonicWords) && !r.err.contains(mnemonicWords));
        }
        int logs = 0;
        QDirIterator it(m_home.path(), {QStringLiteral("*.log")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile log(it.next());
            QVERIFY(log.open(QIODevice::ReadOnly));
            const QByteArray content = log.readAll();
            ++logs;
            QVERIFY(content.contains("apedesk.eth"));   // the verbose runs did log
            QVERIFY2(!content.toLower().contains(keyDigits), qPrintable(log.fileName()));
            QVERIFY(!content.contains(mnemonicWords));
        }
        QVERIFY(logs >= 1);
    }
};

QTEST_GUILESS_MAIN(TestCliWallet)
#include "test_cli_wallet.moc"
