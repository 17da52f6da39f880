// The trained trader behind the agent's backend interface: the pool's recent swaps become the DQN's
// observation, its Q-values the answer (dqnAnswer), played back word by word like a model streams.
#include "dqnbackend.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>

namespace apedesk::ml {

namespace {

const QString kDqnName = QStringLiteral("dqn");

// "dqn:<run folder name>", for replies and people.
QString runName(const QString &runDirectory)
{
    return QString(kDqnName + QLatin1Char(':') + QFileInfo(QDir::cleanPath(runDirectory)).fileName());
}

// A finished answer played back word by word, each on its own event-loop turn, or a refusal.
class DqnCall : public agent::LlmCall
{
public:
    DqnCall(QObject *backend, QString model) : agent::LlmCall(backend), m_model(std::move(model)) { m_clock.start(); }

    void answer(const QString &text)
    {
        static const QRegularExpression word(QStringLiteral("\\s*\\S+\\s*"));
        for (auto it = word.globalMatch(text); it.hasNext();)
            m_tokens.append(it.next().captured());
        m_text = text;
        QTimer::singleShot(0, this, [this] { next(); });
    }

    void refuse(const QString &message)
    {
        QTimer::singleShot(0, this, [this, message] { end(agent::LlmReply::Failure::Server, message); });
    }

    void cancel() override
    {
        end(agent::LlmReply::Failure::Canceled,
            QCoreApplication::translate("apedesk::ml::DqnPolicyBackend", "The trained trader was canceled."));
    }

private:
    void next()
    {
        if (isFinished())
            return;
        if (m_index < m_tokens.size()) {
            if (m_firstTokenMs < 0)
                m_firstTokenMs = m_clock.elapsed();
            Q_EMIT token(m_tokens.at(m_index++));
            QTimer::singleShot(0, this, [this] { next(); });
            return;
        }
        agent::LlmReply reply;
        reply.ok = true;
        reply.text = m_text;
        reply.model = m_model;
        reply.finishReason = QStringLiteral("stop");
        reply.completionTokens = int(m_tokens.size());
        reply.elapsedMs = m_clock.elapsed();
        reply.firstTokenMs = m_firstTokenMs;
        finish(std::move(reply));
    }

    void end(agent::LlmReply::Failure failure, const QString &message)
    {
        if (isFinished())
            return;
        agent::LlmReply reply;
        reply.failure = failure;
        reply.error = Error::make(failure == agent::LlmReply::Failure::Canceled ? Error::Kind::Canceled : Error::Kind::Model,
                                  message);
        reply.text = m_tokens.mid(0, m_index).join(QString());
        reply.model = m_model;
        reply.elapsedMs = m_clock.elapsed();
        reply.firstTokenMs = m_firstTokenMs;
        qCWarning(lcMl).noquote() << "trained trader:" << message;
        finish(std::move(reply));
    }

    QString m_model;
    QString m_text;
    QStringList m_tokens;
    qsizetype m_index = 0;
    QElapsedTimer m_clock;
    qint64 m_firstTokenMs = -1;
};

} // namespace

DqnPolicyBackend::DqnPolicyBackend(QString runDirectory, QObject *parent)
    : agent::LlmBackend(parent), m_runDirectory(std::move(runDirectory))
{
}

QString DqnPolicyBackend::kind() const
{
    return agent::backendKindKey(agent::BackendSpec::Kind::Builtin);
}

QString DqnPolicyBackend::endpoint() const
{
    return QStringLiteral("built-in");
}

Result<std::shared_ptr<DqnPolicy>> DqnPolicyBackend::policy()
{
    if (m_policy)
        return m_policy;
    // Not kept on failure: a run still training gets its checkpoint later.
    Result<std::shared_ptr<DqnPolicy>> loaded = DqnPolicy::load(m_runDirectory);
    if (!loaded)
        return Error::make(loaded.error().kind,
                           tr("The trained trader in %1 cannot decide: %2").arg(m_runDirectory, loaded.error().message),
                           loaded.error().detail);
    m_policy = *loaded;
    qCInfo(lcMl).noquote() << "trained trader loaded from" << m_policy->checkpoint();
    return m_policy;
}

agent::LlmCall *DqnPolicyBackend::chat(const agent::LlmRequest &request)
{
    // The reply names the run by its folder; the journal keeps the spec's full path.
    auto *call = new DqnCall(this, runName(m_runDirectory));
    if (!request.observation) {
        call->refuse(tr("The trained trader needs the market view, and this request has none."));
        return call;
    }
    const QVector<market::MarketPoint> &recent = request.observation->market.recent;
    constexpr int needed = kRlWindow + 1;   // the window and the price its first change starts from
    if (recent.size() < needed) {
        call->refuse(tr("The trained trader needs the pool's last %1 swaps and the metrics window holds %2; "
                        "it decides once enough swaps have arrived (or with a longer metrics window).")
                         .arg(needed)
                         .arg(recent.size()));
        return call;
    }
    const Result<std::shared_ptr<DqnPolicy>> loaded = policy();
    if (!loaded) {
        call->refuse(loaded.error().message);
        return call;
    }
    QVector<MarketStep> steps;
    steps.reserve(needed);
    for (qsizetype i = recent.size() - needed; i < recent.size(); ++i) {
        const market::MarketPoint &point = recent.at(i);
        steps.append(MarketStep{point.price, point.volume, point.volatility, point.timestamp});
    }
    // The trader knows two positions: flat (mostly USDC) or holding (mostly ETH).
    const bool holding = request.observation->portfolio.ethWeight() >= 0.5;
    const Result<RlObservation> observation = observationFromSteps(steps, holding);
    if (!observation) {
        call->refuse(tr("The trained trader cannot read the recent swaps: %1").arg(observation.error().message));
        return call;
    }
    const std::array<float, kRlActionCount> q = (*loaded)->qValues(*observation);
    const TradeAction action = (*loaded)->greedy(*observation);
    call->answer(dqnAnswer(q, action, holding));
    return call;
}

void DqnPolicyBackend::listModels(std::function<void(Result<QList<agent::ModelInfo>>)> done)
{
    agent::ModelInfo info;
    info.name = QString(kDqnName + QLatin1Char(':') + m_runDirectory);
    const QList<agent::ModelInfo> models{info};
    // Later, like every backend's answer.
    QTimer::singleShot(0, this, [done = std::move(done), models] { done(models); });
}

void DqnPolicyBackend::probe(std::function<void(Result<QString>)> done)
{
    const Result<std::shared_ptr<DqnPolicy>> loaded = policy();
    Result<QString> answer = loaded ? Result<QString>(tr("trained trader %1 (%2)")
                                                          .arg(runName(m_runDirectory),
                                                               QFileInfo((*loaded)->checkpoint()).fileName()))
                                    : Result<QString>(loaded.error());
    QTimer::singleShot(0, this, [done = std::move(done), answer] { done(answer); });
}

void registerDqnBackend()
{
    agent::registerPolicyBackend(kDqnName, [](const QString &runDirectory, QObject *parent) {
        return std::unique_ptr<agent::LlmBackend>(std::make_unique<DqnPolicyBackend>(runDirectory, parent));
    });
}

} // namespace apedesk::ml
