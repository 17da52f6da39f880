#include "commandline.h"

#include "common/logging.h"
#include "version.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

namespace apedesk::cli {

int infoCommand(const QStringList &args, const Output &out);   // info.cpp
int walletCommand(const QStringList &args, const Output &out);   // wallet_commands.cpp
int txCommand(const QStringList &args, const Output &out);       // tx_commands.cpp
int abiCommand(const QStringList &args, const Output &out);        // abi_commands.cpp
int calldataCommand(const QStringList &args, const Output &out);   // abi_commands.cpp
int keccakCommand(const QStringList &args, const Output &out);     // abi_commands.cpp
int sandboxCommand(const QStringList &args, const Output &out);    // sandbox_commands.cpp
int dataCommand(const QStringList &args, const Output &out);       // data_commands.cpp
int marketCommand(const QStringList &args, const Output &out);     // market_commands.cpp
int agentCommand(const QStringList &args, const Output &out);      // agent_commands.cpp
int ganCommand(const QStringList &args, const Output &out);        // gan_commands.cpp
int rlCommand(const QStringList &args, const Output &out);         // rl_commands.cpp
int jobsCommand(const QStringList &args, const Output &out);       // jobs_commands.cpp
int fedCommand(const QStringList &args, const Output &out);        // fed_commands.cpp
int balancesEntry(const QStringList &args, const Output &out);     // swap_commands.cpp
int quoteEntry(const QStringList &args, const Output &out);
int swapEntry(const QStringList &args, const Output &out);

namespace {


void printHelp()
{
    QTextStream stream(stdout);
    stream << Cli::tr("Usage: apedesk-cli [--json] [--verbose] COMMAND [ARGS...]") << '\n'
           << Cli::tr("       apedesk-cli --help | --version | help COMMAND") << "\n\n"
           << Cli::tr("ApeDesk's headless tools.") << "\n\n"
           << Cli::tr("Options:") << '\n'
           << "  --json      " << Cli::tr("machine-readable output, one JSON object per line") << '\n'
           << "  --verbose   " << Cli::tr("debug logging on stderr and in the log file") << '\n'
           << "  --help      " << Cli::tr("this text") << '\n'
           << "  --version   " << Cli::tr("print the version") << "\n\n"
           << Cli::tr("Commands:") << '\n';
    for (const Command &command : commands())
        stream << "  " << command.name.leftJustified(10) << "  " << command.summary << '\n';
    stream << '\n' << Cli::tr("Exit codes: 0 ok, 1 failure, 2 usage error.") << '\n';
}

} // namespace

void Output::record(const QJsonObject &object) const
{
    QTextStream stream(stdout);
    if (m_json) {
        stream << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
        return;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue value = it.value();
        QString shown;
        if (value.isString())
            shown = value.toString();
        else if (value.isDouble())
            shown = QString::number(value.toDouble(), 'g', 12);
        else if (value.isBool())
            shown = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else
            shown = QString::fromUtf8(QJsonDocument(value.isObject() ? value.toObject() : QJsonObject{{it.key(), value}})
                                          .toJson(QJsonDocument::Compact));
        stream << it.key() << ": " << shown << '\n';
    }
}

void Output::text(const QString &line) const
{
    if (!m_json)
        QTextStream(stdout) << line << '\n';
}

int Output::fail(int code, const QString &message) const
{
    std::fprintf(stderr, "apedesk-cli: %s\n", qPrintable(QString(message).replace(QLatin1Char('\n'), QLatin1Char(' '))));
    return code;
}

const std::vector<Command> &commands()
{
    static const std::vector<Command> table{
        {QStringLiteral("info"), Cli::tr("versions, data folders and the training engine (libtorch, BLAS, threads)"),
         QStringLiteral("[--throughput]"), infoCommand},
        {QStringLiteral("wallet"), Cli::tr("keystores and keys: new, import, list, address, sign (EIP-191, like cast wallet sign)"),
         QStringLiteral("new --keystore DIR --password-file F\n"
                        "  | import (--private-key-env VAR | --mnemonic-env VAR [--index I] [--mnemonic-passphrase-env VAR])"
                        " --keystore DIR --password-file F\n"
                        "  | list --keystore DIR | address KEY | sign KEY MESSAGE\n"
                        "  KEY: --private-key-env VAR | --mnemonic-env VAR [--index I] | --keystore FILE --password-file F"),
         walletCommand},
        {QStringLiteral("tx"), Cli::tr("sign a transaction offline (the bytes cast mktx makes), or decode a raw one"),
         QStringLiteral("sign --chain-id N --nonce N [--to ADDR] [--value V] [--data HEX] --gas G\n"
                        "  (--gas-price P | --max-fee F --priority-fee P) KEY | decode RAW"),
         txCommand},
        {QStringLiteral("abi"), Cli::tr("ABI-encode arguments, or decode ABI data (like cast abi-encode / abi-decode)"),
         QStringLiteral("encode SIG [--] ARGS... | decode SIG HEX [--input]"), abiCommand},
        {QStringLiteral("calldata"), Cli::tr("function calldata: selector and ABI-encoded arguments (like cast calldata)"),
         QStringLiteral("SIG [--] ARGS..."), calldataCommand},
        {QStringLiteral("keccak"), Cli::tr("keccak-256 of UTF-8 text or of 0x-prefixed hex bytes (like cast keccak)"),
         QStringLiteral("TEXT|0xHEX"), keccakCommand},
        {QStringLiteral("sandbox"), Cli::tr("an offline chain 8453 with Uniswap V4 and an ETH/USDC pool: up, down, list"),
         QStringLiteral("up [--port P] [--price X] [--detach] [--fresh] [--progress] [--json]\n"
                        "  | down [--port P] [--json] | list [--json]"),
         sandboxCommand},
        {QStringLiteral("balances"), Cli::tr("ETH and USDC balances of an account on a sandbox, fork or BASE node"),
         QStringLiteral("--rpc URL --account ADDR"), balancesEntry},
        {QStringLiteral("quote"), Cli::tr("what a swap would give now: expected and minimum out, price impact, gas"),
         QStringLiteral("--rpc URL --direction eth-to-usdc|usdc-to-eth --amount X [--slippage PCT] [--account ADDR]"),
         quoteEntry},
        {QStringLiteral("swap"), Cli::tr("swap ETH and USDC through the Universal Router (paper on a local chain 8453)"),
         QStringLiteral("--rpc URL --direction eth-to-usdc|usdc-to-eth --amount X [--slippage PCT]\n"
                        "  (--key-env VAR | --keystore FILE --password-file F) [--live]"),
         swapEntry},
        {QStringLiteral("data"), Cli::tr("the pool's swap history: collect from nodes, import and export CSV, rolling metrics"),
         QStringLiteral("collect --rpc URL [--rpc URL2 ...] --from B --to B|latest --db FILE [--batch N]\n"
                        "    [--confirmations N] [--rate R] [--origins] [--pool-manager ADDR --pool-id ID]\n"
                        "  | import-csv FILE --db FILE | export --db FILE [--processed] --out FILE.csv\n"
                        "  | metrics --db FILE [--window 10m] [--json]"),
         dataCommand},
        {QStringLiteral("market"), Cli::tr("the sandbox market: other accounts trade toward a random-walk price"),
         QStringLiteral("simulate --rpc URL --swaps N [--rate PER_MIN] [--drift D] [--volatility V] [--median-eth X]\n"
                        "    [--noise SHARE] [--seed S] [--json] [--progress]"),
         marketCommand},
        {QStringLiteral("agent"), Cli::tr("the trading agent: a model (or the built-in policy) decides, the agent trades and journals"),
         QStringLiteral("run --rpc URL --llm ollama:http://HOST:PORT/MODEL|openai:URL/MODEL|builtin|builtin:dqn:RUN_DIR\n"
                        "    (--key-env VAR | --keystore FILE --password-file F) [--stateful] [--cycles N] [--interval S]\n"
                        "    [--observe-cycles N | --observe-minutes M | --observe-tokens T] [--target-allocation X]\n"
                        "    [--rebalance-threshold X] [--rebalance-cooldown S] [--no-rebalance] [--max-trade-eth X]\n"
                        "    [--slippage PCT] [--context-tokens N] [--timeout S] [--pnl-horizon S] [--api-key-env VAR]\n"
                        "    [--temperature T] [--seed S] [--db FILE] [--no-fallback] [--live] [--json]"),
         agentCommand},
        {QStringLiteral("gan"), Cli::tr("the GAN lab: train a WGAN-GP on swap sequences, resume it, generate and validate synthetic data"),
         QStringLiteral("train (--data FILE.csv | --db FILE [--chain KEY --pool-id ID]) --preset quick|full --run DIR\n"
                        "    [--epochs N] [--seed S] [--last-rows N] [--log-every N] [--threads N] [--json] [--progress]\n"
                        "  | resume --run DIR [--json] [--progress]\n"
                        "  | generate --run DIR --sequences N --out FILE.csv [--seed S] [--json]\n"
                        "  | validate --real FILE.csv --synthetic FILE.csv [--report FILE] [--json]"),
         ganCommand},
        {QStringLiteral("rl"), Cli::tr("the DQN trader: train it on swaps, resume it, evaluate it against baselines, export its decisions"),
         QStringLiteral("train (--data FILE.csv | --db FILE [--chain KEY --pool-id ID]) --timesteps N --run DIR\n"
                        "    [--seed S] [--threads N] [--log-every N] [--json] [--progress]\n"
                        "  | resume --run DIR [--json] [--progress]\n"
                        "  | eval --run DIR [--data FILE.csv | --db FILE [--chain KEY --pool-id ID]] [--json]\n"
                        "  | export --run DIR --out FILE.jsonl [--episodes N] [--steps N] [--seed S] [--json]"),
         rlCommand},
        {QStringLiteral("jobs"), Cli::tr("the distillation job queue: teacher answers, dataset, fine-tune, deploy, evaluate"),
         QStringLiteral("add teacher --data FILE.csv --out DIR [--endpoint URL] [--model NAME] [--api-key-env VAR]\n"
                        "    [--samples N] [--seed S] [--rpm R] [--max-retries N] [--usd-per-mtok-in X] [--usd-per-mtok-out Y]\n"
                        "  | add prepare --from DIR|FILE.jsonl --out DIR [--seed S] [--base-model M] [--iters N] [--adapters DIR]\n"
                        "  | add finetune --config FILE.yaml [--iters N] [--finetune-command \"mlx_lm.lora --config {config}\"]\n"
                        "  | add deploy --adapters DIR --out DIR [--model M] [--name NAME] [--quant q4_k_m] [--llama-cpp DIR]\n"
                        "    [--fuse-command T] [--convert-command T] [--quantize-command T] [--register-command T]\n"
                        "  | add evaluate --test FILE.jsonl --models STUDENT[,BASE] [--ollama URL] [--limit N]\n"
                        "    (every add: [--after ID[,ID]] [--max-attempts N] [--title TEXT])\n"
                        "  | add-pipeline (--data FILE.csv | --dqn-dataset FILE) --out DIR [--name N] [--samples N]\n"
                        "    [--endpoint URL] [--model M] [--api-key-env VAR] [--rpm R] [--base-model M] [--iters N]\n"
                        "    [--quant Q] [--ollama URL] [--student NAME] [--compare MODEL|none] [--no-deploy] [--no-evaluate]\n"
                        "    [--*-command T] [--llama-cpp DIR]\n"
                        "  | list [--json] | run [--network N] [--cpu N] [--gpu N] [--progress] [--json]\n"
                        "  | cancel ID | retry ID | pause ID | resume ID\n"
                        "  (all: [--db FILE], default the app's database)"),
         jobsCommand},
        {QStringLiteral("fed"), Cli::tr("federated rounds: FRY-alpha weighted training of the hedge-ratio model across venues"),
         QStringLiteral("simulate --venues binance,okx,bybit[,sim-N…] [--rounds 10] [--fraction F] [--min-venues N]\n"
                        "    [--dp-noise SIGMA] [--clip NORM] [--epochs N] [--weight-decay W] [--dropout P] [--seed S]\n"
                        "    [--parallel N] [--csv FILE] [--db FILE] [--no-early-stop] [--baseline] [--json]\n"
                        "  | runs --db FILE [--run ID] [--json]"),
         fedCommand},
    };
    return table;
}

int runCli(const QStringList &arguments)
{
    bool json = false;
    bool verbose = false;
    int index = 1;
    for (; index < arguments.size(); ++index) {
        const QString &arg = arguments.at(index);
        if (arg == QLatin1String("--json"))
            json = true;
        else if (arg == QLatin1String("--verbose") || arg == QLatin1String("-v"))
            verbose = true;
        else if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            printHelp();
            return Ok;
        } else if (arg == QLatin1String("--version")) {
            if (json)
                Output(true).record({{QStringLiteral("version"), QStringLiteral(APEDESK_VERSION)}});
            else
                QTextStream(stdout) << "apedesk-cli " << APEDESK_VERSION << '\n';
            return Ok;
        } else
            break;
    }
    const Output out(json);
    if (index >= arguments.size())
        return out.fail(UsageError, Cli::tr("no command given; see apedesk-cli --help"));

    LoggingOptions logging;
    logging.verbose = verbose;
    Logging::install(logging);

    QString name = arguments.at(index);
    QStringList rest = arguments.mid(index + 1);
    if (name == QLatin1String("help")) {
        if (rest.isEmpty()) {
            printHelp();
            return Ok;
        }
        name = rest.first();
        rest = {QStringLiteral("--help")};
    }
    if (name.startsWith(QLatin1Char('-')))
        return out.fail(UsageError, Cli::tr("unknown option %1; see apedesk-cli --help").arg(name));
    for (const Command &command : commands()) {
        if (command.name != name)
            continue;
        if (rest.contains(QLatin1String("--help")) || rest.contains(QLatin1String("-h"))) {
            QTextStream(stdout) << "apedesk-cli " << command.name << ' ' << command.usage << "\n  " << command.summary
                                << '\n';
            return Ok;
        }
        return command.run(rest, out);
    }
    return out.fail(UsageError, Cli::tr("unknown command \"%1\"; see apedesk-cli --help").arg(name));
}

} // namespace apedesk::cli
