#include "swapcsv.h"

#include "swapfeatures.h"

#include <QCoreApplication>
#include <QHash>
#include <QIODevice>
#include <QVarLengthArray>

#include <algorithm>
#include <cstring>
#include <limits>

namespace apedesk::market {

namespace {

// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::market)
};

enum Column {
    BlockNumber,
    TransactionHash,
    PoolId,
    RouterAddress,
    OriginalSender,
    IsContractSender,
    Amount0,
    Amount1,
    SqrtPriceX96,
    Liquidity,
    Tick,
    Fee,
    Timestamp,
    LogIndex,   // ApeDesk's extension
    ColumnCount
};

const char *const kColumnNames[ColumnCount] = {
    "block_number", "transaction_hash", "pool_id", "router_address", "original_sender",
    "is_contract_sender", "amount0", "amount1", "sqrt_price_x96", "liquidity", "tick", "fee",
    "timestamp", "log_index",
};

const char *const kProcessedNames[] = {
    "price", "amount0_eth", "amount1_usdc", "volume", "volatility", "volume_ma", "tick_change",
    "time_diff", "liquidity_usage",
};

constexpr int kMaxTick = 887272;
constexpr qsizetype kMaxLineBytes = 64 * 1024;   // a row is ~330 bytes; more is not this format
constexpr qint64 kReadChunk = 1 << 20;

using View = QByteArrayView;

// Complete lines of a device, read in large chunks (no allocation per line). A returned view stays
// valid until the next call.
class LineReader
{
public:
    explicit LineReader(QIODevice &device) : m_device(device) {}

    // 1: a line; 0: end of input; -1: a read error or an overlong line (see error()).
    int next(View &line)
    {
        for (;;) {
            const qsizetype nl = m_buffer.indexOf('\n', m_pos);
            if (nl >= 0) {
                line = View(m_buffer.constData() + m_pos, nl - m_pos);
                m_pos = nl + 1;
                return trimmed(line);
            }
            if (m_buffer.size() - m_pos > kMaxLineBytes) {
                m_error = Messages::tr("a line is longer than %1 bytes").arg(kMaxLineBytes);
                return -1;
            }
            if (m_eof) {
                if (m_pos >= m_buffer.size())
                    return 0;
                line = View(m_buffer.constData() + m_pos, m_buffer.size() - m_pos);
                m_pos = m_buffer.size();
                return trimmed(line);
            }
            m_buffer.remove(0, m_pos);
            m_pos = 0;
            const qsizetype kept = m_buffer.size();
            m_buffer.resize(kept + kReadChunk);
            const qint64 got = m_device.read(m_buffer.data() + kept, kReadChunk);
            if (got < 0) {
                m_error = m_device.errorString();
                return -1;
            }
            m_buffer.resize(kept + got);
            m_eof = got == 0;
        }
    }
    QString error() const { return m_error; }

private:
    static int trimmed(View &line)
    {
        if (!line.isEmpty() && line.back() == '\r')
            line.chop(1);
        return 1;
    }

    QIODevice &m_device;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_eof = false;
    QString m_error;
};

// Splits on ',' into at most `max` fields; returns the number of fields found (may exceed max).
int splitFields(View line, View *fields, int max)
{
    int count = 0;
    qsizetype start = 0;
    for (;;) {
        const char *comma = static_cast<const char *>(
            std::memchr(line.data() + start, ',', static_cast<size_t>(line.size() - start)));
        const qsizetype end = comma ? comma - line.data() : line.size();
        if (count < max)
            fields[count] = line.sliced(start, end - start);
        ++count;
        if (!comma)
            return count;
        start = end + 1;
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool allDigits(View text)
{
    if (text.isEmpty())
        return false;
    for (char c : text)
        if (c < '0' || c > '9')
            return false;
    return true;
}

// Non-negative decimal up to `max`.
bool parseSmall(View text, quint64 max, quint64 &out)
{
    if (!allDigits(text))
        return false;
    quint64 value = 0;
    for (char c : text) {
        const unsigned digit = static_cast<unsigned>(c - '0');
        if (value > (max - digit) / 10)
            return false;
        value = value * 10 + digit;
    }
    out = value;
    return true;
}

// Non-negative decimal below 2^bits (bits <= 255), 19 digits at a time.
enum class BigParse { Ok, NotANumber, TooLarge };
BigParse parseBig(View text, int bits, eth::u256 &out)
{
    if (!allDigits(text))
        return BigParse::NotANumber;
    while (text.size() > 1 && text.front() == '0')
        text = text.sliced(1);
    if (text.size() > 77)   // 10^77 < 2^256: shorter numbers cannot wrap below
        return BigParse::TooLarge;
    static const quint64 kPow10[20] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
                                       100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
                                       1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
                                       1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
                                       1000000000000000000ULL, 10000000000000000000ULL};
    eth::u256 value = 0;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype n = std::min<qsizetype>(19, text.size() - pos);
        quint64 chunk = 0;
        for (qsizetype i = 0; i < n; ++i)
            chunk = chunk * 10 + static_cast<quint64>(text[pos + i] - '0');
        value = value * kPow10[n] + chunk;
        pos += n;
    }
    if (value >> bits != 0)
        return BigParse::TooLarge;
    out = value;
    return BigParse::Ok;
}

// An address column's text to an Address. The same few addresses repeat on every row (the router,
// frequent senders), so each distinct text is checked once (the EIP-55 check hashes).
class AddressCache
{
public:
    Result<eth::Address> parse(View text)
    {
        const auto it = m_known.constFind(text.toByteArray());
        if (it != m_known.cend())
            return *it;
        auto address = eth::Address::fromString(QString::fromLatin1(text.data(), text.size()));
        if (address)
            m_known.insert(text.toByteArray(), *address);
        return address;
    }

    const QByteArray &checksum(const eth::Address &address)
    {
        auto it = m_text.find(address.bytes());
        if (it == m_text.end())
            it = m_text.insert(address.bytes(), address.toChecksumString().toLatin1());
        return *it;
    }

private:
    QHash<QByteArray, eth::Address> m_known;
    QHash<QByteArray, QByteArray> m_text;
};

// The start of a field or line, for an error's detail.
QString shown(View text, qsizetype max)
{
    return QString::fromUtf8(text.data(), std::min(text.size(), max));
}

Error rowError(qint64 line, int column, QString problem, View value)
{
    if (problem.endsWith(QLatin1Char('.')))   // messages borrowed from Address end with one
        problem.chop(1);
    return Error::make(Error::Kind::Format,
                       Messages::tr("Line %1, column %2: %3.").arg(line).arg(QLatin1String(kColumnNames[column]), problem),
                       QStringLiteral("\"%1\"").arg(shown(value, 100)));
}

Result<eth::Hash32> parseHash(View text)
{
    if (text.startsWith("0x") || text.startsWith("0X"))
        text = text.sliced(2);
    if (text.size() != 64)
        return Error::make(Error::Kind::Format, Messages::tr("a hash has 64 hex digits, this has %1").arg(text.size()));
    QByteArray bytes(32, Qt::Uninitialized);
    for (int i = 0; i < 32; ++i) {
        const int hi = hexValue(text[2 * i]);
        const int lo = hexValue(text[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return Error::make(Error::Kind::Format, Messages::tr("a hash contains a character that is not a hex digit"));
        bytes[i] = static_cast<char>(hi << 4 | lo);
    }
    return *eth::Hash32::fromBytes(bytes);
}

struct HeaderInfo
{
    bool withLogIndex = false;
};

Result<HeaderInfo> parseHeader(View line)
{
    if (line.startsWith("\xEF\xBB\xBF"))   // UTF-8 BOM (spreadsheets write one)
        line = line.sliced(3);
    View names[ColumnCount + 1];
    const int count = splitFields(line, names, ColumnCount + 1);
    const auto expected = [] {
        return QString(rawSwapCsvColumns(false).join(QLatin1Char(',')) + QStringLiteral("[,log_index]"));
    };
    if (count != ColumnCount - 1 && count != ColumnCount)
        return Error::make(Error::Kind::Format,
                           Messages::tr("Line 1: the header has %1 columns; a swap CSV has %2 (or %3 with log_index).")
                               .arg(count)
                               .arg(ColumnCount - 1)
                               .arg(ColumnCount),
                           Messages::tr("expected %1").arg(expected()));
    for (int i = 0; i < count; ++i) {
        if (names[i].trimmed() != View(kColumnNames[i]))
            return Error::make(Error::Kind::Format,
                               Messages::tr("Line 1: header column %1 is \"%2\"; a swap CSV has \"%3\" there.")
                                   .arg(i + 1)
                                   .arg(QString::fromUtf8(names[i].data(), names[i].size()),
                                        QLatin1String(kColumnNames[i])),
                               Messages::tr("expected %1").arg(expected()));
    }
    return HeaderInfo{count == ColumnCount};
}

// One data row. Without a log index, logIndexExact is false (the caller assigns the position).
Result<PoolSwap> parseRow(const View *f, bool withLogIndex, qint64 line, const QString &chain, AddressCache &addresses)
{
    PoolSwap swap;
    swap.chain = chain;
    quint64 small = 0;
    eth::u256 big;

    if (!parseSmall(f[BlockNumber], quint64(std::numeric_limits<qint64>::max()), small))
        return rowError(line, BlockNumber, Messages::tr("not a block number"), f[BlockNumber]);
    swap.blockNumber = small;

    auto tx = parseHash(f[TransactionHash]);
    if (!tx)
        return rowError(line, TransactionHash, tx.error().message, f[TransactionHash]);
    swap.txHash = *tx;
    auto pool = parseHash(f[PoolId]);
    if (!pool)
        return rowError(line, PoolId, pool.error().message, f[PoolId]);
    swap.poolId = *pool;

    auto router = addresses.parse(f[RouterAddress]);
    if (!router)
        return rowError(line, RouterAddress, router.error().message, f[RouterAddress]);
    swap.sender = *router;
    if (!f[OriginalSender].isEmpty()) {
        auto origin = addresses.parse(f[OriginalSender]);
        if (!origin)
            return rowError(line, OriginalSender, origin.error().message, f[OriginalSender]);
        swap.origin = *origin;
    }
    const View isContract = f[IsContractSender];
    if (isContract == View("True") || isContract == View("true"))
        swap.originIsContract = true;
    else if (isContract == View("False") || isContract == View("false"))
        swap.originIsContract = false;
    else if (!isContract.isEmpty())
        return rowError(line, IsContractSender, Messages::tr("expected True or False"), isContract);

    for (const int column : {Amount0, Amount1}) {
        View text = f[column];
        const bool negative = text.startsWith('-');
        if (negative)
            text = text.sliced(1);
        const BigParse parsed = parseBig(text, 128, big);
        // int128: −2^127 … 2^127 − 1.
        const eth::u256 limit = eth::u256(1) << 127;
        if (parsed == BigParse::NotANumber)
            return rowError(line, column, Messages::tr("not a whole number"), f[column]);
        if (parsed == BigParse::TooLarge || big > limit || (!negative && big == limit))
            return rowError(line, column, Messages::tr("out of the int128 range of a swap amount"), f[column]);
        const eth::i256 value = negative ? -eth::i256(big) : eth::i256(big);
        (column == Amount0 ? swap.amount0 : swap.amount1) = value;
    }

    switch (parseBig(f[SqrtPriceX96], 160, big)) {
    case BigParse::NotANumber:
        return rowError(line, SqrtPriceX96, Messages::tr("not a whole number"), f[SqrtPriceX96]);
    case BigParse::TooLarge:
        return rowError(line, SqrtPriceX96, Messages::tr("larger than a uint160"), f[SqrtPriceX96]);
    case BigParse::Ok:
        break;
    }
    if (big == 0)
        return rowError(line, SqrtPriceX96, Messages::tr("a pool's sqrt price is never 0"), f[SqrtPriceX96]);
    swap.sqrtPriceX96 = big;
    switch (parseBig(f[Liquidity], 128, big)) {
    case BigParse::NotANumber:
        return rowError(line, Liquidity, Messages::tr("not a whole number"), f[Liquidity]);
    case BigParse::TooLarge:
        return rowError(line, Liquidity, Messages::tr("larger than a uint128"), f[Liquidity]);
    case BigParse::Ok:
        break;
    }
    swap.liquidity = big;

    {
        View text = f[Tick];
        const bool negative = text.startsWith('-');
        if (negative)
            text = text.sliced(1);
        if (!parseSmall(text, kMaxTick, small))
            return rowError(line, Tick, Messages::tr("not a tick (a whole number from -887272 to 887272)"), f[Tick]);
        swap.tick = negative ? -static_cast<int>(small) : static_cast<int>(small);
    }
    if (!parseSmall(f[Fee], 0xFFFFFF, small))
        return rowError(line, Fee, Messages::tr("not a fee (a whole number up to 16777215)"), f[Fee]);
    swap.fee = static_cast<quint32>(small);
    if (!parseSmall(f[Timestamp], quint64(std::numeric_limits<qint64>::max()), small))
        return rowError(line, Timestamp, Messages::tr("not a unix time in seconds"), f[Timestamp]);
    swap.timestamp = static_cast<qint64>(small);

    swap.logIndex = 0;
    swap.logIndexExact = false;
    if (withLogIndex && !f[LogIndex].isEmpty()) {
        if (!parseSmall(f[LogIndex], std::numeric_limits<quint32>::max(), small))
            return rowError(line, LogIndex, Messages::tr("not a log index"), f[LogIndex]);
        swap.logIndex = small;
        swap.logIndexExact = true;
    }
    return swap;
}

// Whether two rows describe the same event: every column equal (an assigned log index aside).
bool sameRow(const PoolSwap &a, const PoolSwap &b)
{
    if (a.logIndexExact != b.logIndexExact || (a.logIndexExact && a.logIndex != b.logIndex))
        return false;
    PoolSwap copy = b;
    copy.logIndex = a.logIndex;
    return a == copy;
}

void sortRows(QList<PoolSwap> &swaps)
{
    std::stable_sort(swaps.begin(), swaps.end(), [](const PoolSwap &a, const PoolSwap &b) {
        return a.blockNumber != b.blockNumber ? a.blockNumber < b.blockNumber : a.logIndex < b.logIndex;
    });
}

// ---- writing ----

void appendHex(QByteArray &out, const QByteArray &bytes)
{
    static const char kDigits[] = "0123456789abcdef";
    for (const char byte : bytes) {
        const auto b = static_cast<unsigned char>(byte);
        out += kDigits[b >> 4];
        out += kDigits[b & 0xf];
    }
}

template <typename Int>
void appendBig(QByteArray &out, const Int &value)
{
    const std::string text = value.str();
    out.append(text.data(), static_cast<qsizetype>(text.size()));
}

void appendRawRow(QByteArray &out, const PoolSwap &s, AddressCache &addresses)
{
    out += QByteArray::number(s.blockNumber);
    out += ',';
    appendHex(out, s.txHash.bytes());
    out += ',';
    appendHex(out, s.poolId.bytes());
    out += ',';
    out += addresses.checksum(s.sender);
    out += ',';
    if (s.origin)
        out += addresses.checksum(*s.origin);
    out += ',';
    if (s.originIsContract)
        out += *s.originIsContract ? "True" : "False";
    out += ',';
    appendBig(out, s.amount0);
    out += ',';
    appendBig(out, s.amount1);
    out += ',';
    appendBig(out, s.sqrtPriceX96);
    out += ',';
    appendBig(out, s.liquidity);
    out += ',';
    out += QByteArray::number(s.tick);
    out += ',';
    out += QByteArray::number(s.fee);
    out += ',';
    out += QByteArray::number(s.timestamp);
    out += ',';
    if (s.logIndexExact)
        out += QByteArray::number(s.logIndex);
}

void appendDouble(QByteArray &out, double value)
{
    out += ',';
    out += QByteArray::number(value, 'g', 17);   // 17 significant digits: reads back as the same double
}

// Buffers rows and writes them in large pieces; the first failure is kept.
class ChunkWriter
{
public:
    explicit ChunkWriter(QIODevice &device) : m_device(device) { m_buffer.reserve(kReadChunk + 4096); }
    QByteArray &buffer() { return m_buffer; }
    void flushIfFull()
    {
        if (m_buffer.size() >= kReadChunk)
            flush();
    }
    Status finish()
    {
        flush();
        return m_status;
    }

private:
    void flush()
    {
        if (m_status.ok() && !m_buffer.isEmpty() && m_device.write(m_buffer) != m_buffer.size())
            m_status = Error::make(Error::Kind::Io, Messages::tr("The CSV file could not be written."), m_device.errorString());
        m_buffer.clear();
    }

    QIODevice &m_device;
    QByteArray m_buffer;
    Status m_status;
};

Status checkWritable(QIODevice &out)
{
    if (!out.isOpen() || !out.isWritable())
        return Error::make(Error::Kind::Io, Messages::tr("The CSV file is not open for writing."), out.errorString());
    return {};
}

} // namespace

QStringList rawSwapCsvColumns(bool withLogIndex)
{
    QStringList names;
    for (int i = 0; i < (withLogIndex ? ColumnCount : ColumnCount - 1); ++i)
        names << QLatin1String(kColumnNames[i]);
    return names;
}

QStringList processedSwapCsvColumns()
{
    QStringList names = rawSwapCsvColumns(true);
    for (const char *name : kProcessedNames)
        names << QLatin1String(name);
    return names;
}

Result<RawCsvImport> readRawSwapCsv(QIODevice &in, const QString &chain)
{
    if (!in.isOpen() || !in.isReadable())
        return Error::make(Error::Kind::Io, Messages::tr("The CSV file is not open for reading."), in.errorString());
    LineReader reader(in);
    View line;
    int got = reader.next(line);
    if (got < 0)
        return Error::make(Error::Kind::Io, Messages::tr("The CSV file could not be read."), reader.error());
    if (got == 0)
        return Error::make(Error::Kind::Format, Messages::tr("The CSV file is empty; a swap CSV starts with its header."));
    auto header = parseHeader(line);
    if (!header)
        return header.error();
    const int columns = header->withLogIndex ? ColumnCount : ColumnCount - 1;

    RawCsvImport result;
    AddressCache addresses;
    QHash<QByteArray, QVarLengthArray<qsizetype, 2>> rowsOfTx;   // tx hash -> indexes in result.swaps
    QHash<quint64, quint64> assignedInBlock;                      // rows without a log index so far
    QList<qint64> lineOf;                                         // for messages about conflicts
    View fields[ColumnCount];
    qint64 lineNumber = 1;
    while ((got = reader.next(line)) > 0) {
        ++lineNumber;
        if (line.isEmpty())
            continue;
        const int count = splitFields(line, fields, ColumnCount);
        if (count != columns)
            return Error::make(Error::Kind::Format,
                               Messages::tr("Line %1 has %2 fields; the header has %3.").arg(lineNumber).arg(count).arg(columns),
                               shown(line, 200));
        ++result.rowsRead;
        auto parsed = parseRow(fields, header->withLogIndex, lineNumber, chain, addresses);
        if (!parsed)
            return parsed.error();
        PoolSwap &swap = *parsed;

        auto &sameTx = rowsOfTx[swap.txHash.bytes()];
        bool duplicate = false;
        for (const qsizetype index : sameTx) {
            const PoolSwap &earlier = result.swaps.at(index);
            if (sameRow(earlier, swap)) {
                duplicate = true;
                break;
            }
            if (swap.logIndexExact && earlier.logIndexExact && earlier.logIndex == swap.logIndex)
                return Error::make(Error::Kind::Format,
                                   Messages::tr("Line %1 has the transaction and log index of line %2 but other values.")
                                       .arg(lineNumber)
                                       .arg(lineOf.at(index)),
                                   swap.txHash.toHex());
        }
        if (duplicate) {
            ++result.duplicateRows;
            continue;
        }
        if (!swap.logIndexExact)
            swap.logIndex = assignedInBlock[swap.blockNumber]++;
        sameTx.append(result.swaps.size());
        lineOf.append(lineNumber);
        result.swaps.append(std::move(swap));
    }
    if (got < 0)
        return Error::make(Error::Kind::Io, Messages::tr("The CSV file could not be read (line %1).").arg(lineNumber + 1),
                           reader.error());
    sortRows(result.swaps);
    return result;
}

Status writeRawSwapCsv(QIODevice &out, const QList<PoolSwap> &swaps)
{
    if (auto writable = checkWritable(out); !writable)
        return writable;
    QList<PoolSwap> rows = swaps;
    sortRows(rows);
    ChunkWriter writer(out);
    AddressCache addresses;
    writer.buffer() += rawSwapCsvColumns(true).join(QLatin1Char(',')).toLatin1() + '\n';
    for (const PoolSwap &swap : std::as_const(rows)) {
        appendRawRow(writer.buffer(), swap, addresses);
        writer.buffer() += '\n';
        writer.flushIfFull();
    }
    return writer.finish();
}

Status writeProcessedSwapCsv(QIODevice &out, const QList<PoolSwap> &swaps)
{
    if (auto writable = checkWritable(out); !writable)
        return writable;
    const QVector<ProcessedSwap> rows = processSwaps(swaps);
    ChunkWriter writer(out);
    AddressCache addresses;
    writer.buffer() += processedSwapCsvColumns().join(QLatin1Char(',')).toLatin1() + '\n';
    for (const ProcessedSwap &row : rows) {
        QByteArray &buffer = writer.buffer();
        appendRawRow(buffer, row.swap, addresses);
        appendDouble(buffer, row.price);
        appendDouble(buffer, row.amount0Eth);
        appendDouble(buffer, row.amount1Usdc);
        appendDouble(buffer, row.volume);
        appendDouble(buffer, row.volatility);
        appendDouble(buffer, row.volumeMa);
        appendDouble(buffer, row.tickChange);
        appendDouble(buffer, row.timeDiff);
        appendDouble(buffer, row.liquidityUsage);
        buffer += '\n';
        writer.flushIfFull();
    }
    return writer.finish();
}

} // namespace apedesk::market
