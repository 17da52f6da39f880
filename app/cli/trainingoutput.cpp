#include "trainingoutput.h"

#include <QCoreApplication>

#include <cmath>
#include <cstdio>

namespace apedesk::cli {

namespace {
// Text-mode progress lines (and JSON progress events) at most this often.
constexpr qint64 kProgressIntervalMs = 1000;
} // namespace

QJsonValue finiteOrNull(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue();
}

TrainingOutput::TrainingOutput(const Output &out, bool progress) : m_out(out), m_progress(progress)
{
    m_clock.start();
}

void TrainingOutput::logged(const QJsonObject &json, const QString &text) const
{
    if (m_out.json())
        m_out.record(json);
    else if (m_progress)
        m_out.text(text);
    std::fflush(stdout);
}

void TrainingOutput::progress(qint64 step, qint64 totalSteps, double stepsPerSecond, double etaSeconds,
                              const QString &text, const QJsonObject &extra)
{
    if (!m_progress || (m_sinceProgress.isValid() && m_sinceProgress.elapsed() < kProgressIntervalMs && step < totalSteps))
        return;
    m_sinceProgress.start();
    if (m_out.json()) {
        QJsonObject event = extra;
        event.insert(QStringLiteral("event"), QStringLiteral("progress"));
        event.insert(QStringLiteral("step"), step);
        event.insert(QStringLiteral("total_steps"), totalSteps);
        event.insert(QStringLiteral("steps_per_second"), std::round(stepsPerSecond * 100) / 100);
        event.insert(QStringLiteral("eta_seconds"), etaSeconds < 0 ? QJsonValue() : QJsonValue(std::round(etaSeconds)));
        m_out.record(event);
    } else {
        m_out.text(text);
    }
    std::fflush(stdout);
}

bool TrainingOutput::stopRequested(const bool &interrupted)
{
    QCoreApplication::processEvents();
    return interrupted;
}

int TrainingOutput::finish(QJsonObject summary, bool failed, const QString &message) const
{
    summary.insert(QStringLiteral("event"), QStringLiteral("summary"));
    summary.insert(QStringLiteral("seconds"), std::round(m_clock.nsecsElapsed() / 1e6) / 1000);
    summary.insert(QStringLiteral("message"), message);
    m_out.record(summary);
    std::fflush(stdout);
    return failed ? m_out.fail(Failure, message) : Ok;
}

} // namespace apedesk::cli
