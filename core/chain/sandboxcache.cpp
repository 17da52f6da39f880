#include "sandboxcache.h"

#include "common/logging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QSaveFile>

#include <zlib.h>

namespace apedesk::chain {
namespace {

constexpr int kFormat = 1;
const QString kStateFile = QStringLiteral("state.json");
const QString kIndexFile = QStringLiteral("sandbox.json");
// A sandbox state is about 1 MB; a "gzip" that inflates past this is not one.
constexpr qsizetype kMaxStateBytes = 512 * 1024 * 1024;

Error ioError(const QString &message, const QString &detail) { return Error::make(Error::Kind::Io, message, detail); }

Result<QByteArray> gunzip(const QByteArray &data)
{
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return Error::make(Error::Kind::Format, SandboxCache::tr("The node's state could not be decompressed."),
                           QStringLiteral("inflateInit2 failed"));
    QByteArray out;
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = static_cast<uInt>(data.size());
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer.data());
        stream.avail_out = static_cast<uInt>(buffer.size());
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END)
            break;
        out.append(buffer.constData(), buffer.size() - static_cast<qsizetype>(stream.avail_out));
        if (out.size() > kMaxStateBytes) {
            status = Z_MEM_ERROR;
            break;
        }
        if (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0)
            break;   // input ended before the gzip stream did
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END)
        return Error::make(Error::Kind::Format, SandboxCache::tr("The node's state could not be decompressed."),
                           QStringLiteral("zlib status %1").arg(status));
    return out;
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QJsonObject readIndex(const QString &entryDir)
{
    QFile file(QDir(entryDir).filePath(kIndexFile));
    if (!file.open(QIODevice::ReadOnly) || file.size() > 16 * 1024 * 1024)
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

SandboxCache::SandboxCache(QString directory) : m_directory(std::move(directory)) {}

QString SandboxCache::anvilVersion(const QString &anvilPath)
{
    static QMutex mutex;
    static QHash<QString, QString> known;
    const QFileInfo info(anvilPath);
    const QString identity = QStringLiteral("%1|%2|%3")
                                 .arg(info.canonicalFilePath())
                                 .arg(info.size())
                                 .arg(info.lastModified().toMSecsSinceEpoch());
    {
        QMutexLocker lock(&mutex);
        const auto it = known.constFind(identity);
        if (it != known.constEnd())
            return *it;
    }
    QString version;
    if (info.isExecutable()) {
        QProcess process;
        process.start(anvilPath, {QStringLiteral("--version")});
        if (process.waitForFinished(5000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
            version = QString::fromUtf8(process.readAllStandardOutput()).simplified();
        else
            process.kill();
    }
    // "anvil Version: 1.7.1 Commit SHA: 4072e487… Build Timestamp: …": the whole text, as printed.
    if (version.isEmpty())
        version = QStringLiteral("unknown anvil, %1 bytes, modified %2").arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch());
    QMutexLocker lock(&mutex);
    known.insert(identity, version);
    return version;
}

QString SandboxCache::cacheKey(const QString &price, const QByteArray &fingerprint, const QString &anvilVersion)
{
    const QByteArray text = price.trimmed().toUtf8() + '\n' + fingerprint.toHex() + '\n' + anvilVersion.toUtf8();
    return sha256Hex(text).left(16);
}

Result<QByteArray> SandboxCache::stateJson(const QByteArray &stateDump)
{
    QByteArray json = stateDump;
    if (stateDump.startsWith("\x1f\x8b")) {
        auto inflated = gunzip(stateDump);
        if (!inflated)
            return inflated.error();
        json = *inflated;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject() || !document.object().value(QStringLiteral("accounts")).isObject())
        return Error::make(Error::Kind::Format, tr("The node's state is not the JSON anvil writes."),
                           parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                        : QStringLiteral("no \"accounts\" object"));
    return json;
}

std::optional<CachedSandbox> SandboxCache::find(const QString &price, const QByteArray &fingerprint,
                                                const QString &anvilPath) const
{
    if (fingerprint.isEmpty() || anvilPath.isEmpty())
        return std::nullopt;
    const QString version = anvilVersion(anvilPath);
    const QString key = cacheKey(price, fingerprint, version);
    const QString entryDir = QDir(m_directory).filePath(key);
    if (!QFileInfo::exists(QDir(entryDir).filePath(kIndexFile)))
        return std::nullopt;

    const auto reject = [&](const QString &why) -> std::optional<CachedSandbox> {
        qCWarning(lcChain).noquote() << "sandbox cache entry" << key << "unusable, removing it:" << why;
        QDir(entryDir).removeRecursively();
        return std::nullopt;
    };
    const QJsonObject index = readIndex(entryDir);
    if (index.value(QStringLiteral("format")).toInt() != kFormat)
        return reject(QStringLiteral("index unreadable or of another format"));
    if (index.value(QStringLiteral("price")).toString() != price.trimmed()
        || index.value(QStringLiteral("fingerprint")).toString() != QString::fromLatin1(fingerprint.toHex())
        || index.value(QStringLiteral("anvil_version")).toString() != version)
        return reject(QStringLiteral("index does not match its key"));
    auto deployment = SandboxDeployment::fromJson(index.value(QStringLiteral("deployment")).toObject());
    if (!deployment)
        return reject(deployment.error().toString());
    if (deployment->initialPrice != price.trimmed())
        return reject(QStringLiteral("deployment is for price %1").arg(deployment->initialPrice));

    const QString statePath = QDir(entryDir).filePath(kStateFile);
    QFile state(statePath);
    if (!state.open(QIODevice::ReadOnly) || state.size() > kMaxStateBytes)
        return reject(QStringLiteral("state file unreadable"));
    const QByteArray content = state.readAll();
    if (sha256Hex(content) != index.value(QStringLiteral("state_sha256")).toString())
        return reject(QStringLiteral("state file checksum differs"));

    CachedSandbox cached;
    cached.statePath = QFileInfo(statePath).absoluteFilePath();
    cached.deployment = *deployment;
    cached.key = key;
    return cached;
}

Status SandboxCache::store(const QString &price, const QByteArray &fingerprint, const QString &anvilPath,
                           const QByteArray &stateDump, const SandboxDeployment &deployment)
{
    if (fingerprint.isEmpty())
        return Error::make(Error::Kind::Usage, tr("The sandbox cannot be saved without the contracts' fingerprint."));
    if (deployment.initialPrice != price.trimmed())
        return Error::make(Error::Kind::Usage, tr("The sandbox to save was made for another price."),
                           QStringLiteral("%1 vs %2").arg(deployment.initialPrice, price));
    auto json = stateJson(stateDump);
    if (!json)
        return json.error();
    const QString version = anvilVersion(anvilPath);
    const QString key = cacheKey(price, fingerprint, version);
    const QString fingerprintHex = QString::fromLatin1(fingerprint.toHex());

    QDir root(m_directory);
    if (!root.mkpath(QStringLiteral(".")))
        return ioError(tr("The sandbox cache folder could not be created."), m_directory);
    // Entries of other contracts or another anvil can never be used again.
    for (const QString &name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QJsonObject index = readIndex(root.filePath(name));
        if (name == key || index.value(QStringLiteral("fingerprint")).toString() != fingerprintHex
            || index.value(QStringLiteral("anvil_version")).toString() != version)
            QDir(root.filePath(name)).removeRecursively();
    }
    const QString entryDir = root.filePath(key);
    if (!QDir().mkpath(entryDir))
        return ioError(tr("The sandbox cache folder could not be created."), entryDir);

    QSaveFile state(QDir(entryDir).filePath(kStateFile));
    if (!state.open(QIODevice::WriteOnly) || state.write(*json) != json->size() || !state.commit())
        return ioError(tr("The sandbox state could not be saved."), state.errorString());

    SandboxDeployment described = deployment;
    described.rpcUrl.clear();   // the next node gets another port
    const QJsonObject index{{QStringLiteral("format"), kFormat},
                            {QStringLiteral("price"), price.trimmed()},
                            {QStringLiteral("fingerprint"), fingerprintHex},
                            {QStringLiteral("anvil_version"), version},
                            {QStringLiteral("state_sha256"), sha256Hex(*json)},
                            {QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                            {QStringLiteral("deployment"), described.toJson()}};
    // Written last: an entry without its index (a crash in between) is never found.
    QSaveFile indexFile(QDir(entryDir).filePath(kIndexFile));
    const QByteArray indexBytes = QJsonDocument(index).toJson();
    if (!indexFile.open(QIODevice::WriteOnly) || indexFile.write(indexBytes) != indexBytes.size() || !indexFile.commit())
        return ioError(tr("The sandbox state could not be saved."), indexFile.errorString());
    qCInfo(lcChain).noquote() << "sandbox state cached as" << key << "(" << json->size() << "bytes)";
    return {};
}

Status SandboxCache::clear()
{
    QDir root(m_directory);
    if (!root.exists())
        return {};
    bool ok = true;
    for (const QString &name : root.entryList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QFileInfo info(root.filePath(name));
        ok = (info.isDir() && !info.isSymLink() ? QDir(info.filePath()).removeRecursively() : QFile::remove(info.filePath())) && ok;
    }
    if (!ok)
        return ioError(tr("The sandbox cache could not be cleared."), m_directory);
    return {};
}

} // namespace apedesk::chain
