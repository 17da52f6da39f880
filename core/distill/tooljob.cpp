#include "tooljob.h"

#include "common/logging.h"
#include "jobparams.h"
#include "jobrunners.h"
#include "pipeline.h"
#include "toolprogress.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace apedesk::distill {

namespace {

constexpr int kPollMs = 50;            // how soon a cancel is noticed
constexpr int kKillWaitMs = 3000;      // after SIGKILL, how long the group may take to vanish
constexpr int kRecentLines = 8;        // repeated lines within this many are not logged again
constexpr int kTailLines = 12;         // stderr lines kept for a failure's message

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::distill::ToolJob", text);
}

// What to do when the kind's tool is missing (the settings name the command).
QString installHint(JobKind kind)
{
    switch (kind) {
    case JobKind::FineTune: return tr("install mlx-lm (pip install mlx-lm) or change the fine-tune command in Settings");
    case JobKind::Fuse: return tr("install mlx-lm (pip install mlx-lm) or change the fuse command in Settings");
    case JobKind::Convert: return tr("install Python 3 and llama.cpp, set the llama.cpp folder, or change the convert command in Settings");
    case JobKind::Quantize: return tr("install llama.cpp (llama-quantize) or change the quantise command in Settings");
    case JobKind::Register: return tr("install Ollama or change the register command in Settings");
    case JobKind::Teacher:
    case JobKind::Prepare:
    case JobKind::Evaluate: break;
    }
    return tr("change the command in Settings");
}

bool isInterpreter(const QString &program)
{
    static const QRegularExpression pattern(QStringLiteral("^(python[0-9.]*|sh|bash|dash|zsh)$"));
    return pattern.match(QFileInfo(program).fileName()).hasMatch();
}

// An interpreter's script: its first argument that is not an option.
QString scriptOf(const QStringList &command)
{
    if (command.size() < 2 || !isInterpreter(command.first()))
        return {};
    for (qsizetype i = 1; i < command.size(); ++i) {
        if (command.at(i) == QLatin1String("-m") || command.at(i) == QLatin1String("-c"))
            return {};   // python3 -m module, sh -c '...': no file to check
        if (!command.at(i).startsWith(QLatin1Char('-')))
            return command.at(i);
    }
    return {};
}

QString shownCommand(const QStringList &command)
{
    QStringList parts;
    for (const QString &part : command)
        parts << (part.isEmpty() || part.contains(QLatin1Char(' ')) ? QString(QLatin1Char('"') % part % QLatin1Char('"')) : part);
    return parts.join(QLatin1Char(' '));
}

qint64 bytesOf(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isDir())
        return info.size();
    qint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

// A declared output exists: a file, or a folder with something in it (an empty folder is what a run
// that failed early leaves behind).
bool outputPresent(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return false;
    if (info.isDir())
        return !QDir(path).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    return true;
}

// Whether any process of the group is still running. Zombies do not count: their parent (init, or
// whoever adopted them) reaps them, and they hold nothing.
bool groupAlive(pid_t group)
{
    if (group <= 0 || ::kill(-group, 0) != 0)
        return false;
#ifdef Q_OS_LINUX
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    bool readAny = false;
    for (const QString &entry : entries) {
        bool numeric = false;
        entry.toInt(&numeric);
        if (!numeric)
            continue;
        QFile stat(QString(QStringLiteral("/proc/") % entry % QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        readAny = true;
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        if (close < 0)
            continue;
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (fields.size() < 3)
            continue;
        if (fields.at(2).toLongLong() == group && fields.at(0) != "Z" && fields.at(0) != "X")
            return true;
    }
    if (readAny)
        return false;
#endif
    return true;
}

// One attempt of one tool job.
class ToolRun
{
public:
    ToolRun(JobContext &context, ToolParams params)
        : m_context(context), m_kind(context.job().kind), m_params(std::move(params)),
          m_name(toolDisplayName(m_params.command)), m_totalIters(m_params.totalIters)
    {
    }

    JobOutcome run();

private:
    std::optional<JobOutcome> prepare();
    void read(QProcess &process, QProcess::ProcessChannel channel);
    void flush();
    void take(const ToolLineSplitter::Line &line, JobLogStream stream);
    void apply(const ToolEvent &event);
    void setFraction(double fraction);
    void signalGroup(QProcess &process, int signal);
    void waitForGroup(QElapsedTimer &stopClock, bool &killed);
    JobOutcome outcome(const QProcess &process);
    QString errorTail(int lines) const;

    JobContext &m_context;
    const JobKind m_kind;
    ToolParams m_params;
    const QString m_name;
    QString m_workingDirectory;

    ToolLineSplitter m_out;
    ToolLineSplitter m_err;
    QStringList m_recentOut;
    QStringList m_recentErr;
    QStringList m_errTail;
    QStringList m_outTail;

    QElapsedTimer m_clock;
    double m_fraction = 0;
    QString m_status;
    qint64 m_eta = -1;
    qint64 m_rateStartMs = -1;     // the first reported fraction: where the rate for the ETA is measured from
    double m_rateStartFraction = 0;
    int m_totalIters = 0;
    int m_lastIter = -1;
    QJsonObject m_figures;

    pid_t m_group = 0;
    bool m_startFailed = false;
    QString m_startError;
    bool m_stopping = false;
};

JobOutcome ToolRun::run()
{
    if (std::optional<JobOutcome> early = prepare())
        return *early;
    if (m_context.canceled())
        return JobOutcome::canceled();

    m_clock.start();
    m_status = tr("Starting %1").arg(m_name);
    m_context.progress(0, m_status, -1);
    m_context.log(QStringLiteral("$ ") + shownCommand(m_params.command), JobLogStream::Info);
    qCInfo(lcDistill).noquote() << "job" << m_context.job().id << "runs" << shownCommand(m_params.command);

    // Created first: a QEventLoop gives a plain worker thread the event dispatcher QProcess needs.
    QEventLoop loop;
    QProcess process;
    process.setProgram(m_params.command.first());
    process.setArguments(m_params.command.mid(1));
    process.setWorkingDirectory(m_workingDirectory);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Python block-buffers a pipe: without this the trainer's progress would arrive in lumps.
    environment.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    process.setProcessEnvironment(environment);
    // A process group of its own, so a cancel can signal the tool and everything it started. On Linux
    // the tool is also told to stop when the thread that started it dies (the app or `jobs run` killed
    // with SIGKILL): the job is queued again on the next start and must not meet its old trainer still
    // writing the same adapters.
    const pid_t parent = ::getpid();
    process.setChildProcessModifier([parent] {
        ::setsid();
#ifdef Q_OS_LINUX
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)   // the parent died before prctl took effect
            ::raise(SIGTERM);
#else
        Q_UNUSED(parent);
#endif
    });

    bool exited = false;
    QObject::connect(&process, &QProcess::readyReadStandardOutput, &loop,
                     [this, &process] { read(process, QProcess::StandardOutput); });
    QObject::connect(&process, &QProcess::readyReadStandardError, &loop,
                     [this, &process] { read(process, QProcess::StandardError); });
    QObject::connect(&process, &QProcess::finished, &loop, [&exited] { exited = true; });
    QObject::connect(&process, &QProcess::errorOccurred, &loop, [this, &exited, &process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_startFailed = true;
        m_startError = process.errorString();
        exited = true;
    });
    QTimer poll;
    poll.setInterval(kPollMs);
    poll.start();   // wakes the loop below so cancel and the kill deadline are checked

    process.start();
    m_group = pid_t(process.processId());

    QElapsedTimer stopClock;
    bool killed = false;
    while (!exited) {
        loop.processEvents(QEventLoop::WaitForMoreEvents);
        if (!m_stopping && m_context.canceled()) {
            m_stopping = true;
            stopClock.start();
            m_context.log(tr("Canceled: stopping %1").arg(m_name), JobLogStream::Info);
            signalGroup(process, SIGTERM);
        }
        if (m_stopping && !killed && stopClock.elapsed() >= m_params.terminateGraceMs) {
            killed = true;
            m_context.log(tr("%1 did not stop within %2 ms; killing it").arg(m_name).arg(m_params.terminateGraceMs),
                          JobLogStream::Info);
            signalGroup(process, SIGKILL);
        }
    }
    if (!m_startFailed) {
        read(process, QProcess::StandardOutput);
        read(process, QProcess::StandardError);
    }
    flush();
    if (m_stopping)
        waitForGroup(stopClock, killed);
    return outcome(process);
}

std::optional<JobOutcome> ToolRun::prepare()
{
    if (m_params.command.isEmpty() || m_params.command.first().isEmpty())
        return JobOutcome::failed(Error::make(Error::Kind::Usage, tr("The %1 job has no command to run.").arg(jobKindTitle(m_kind))));

    const QString program = m_params.command.first();
    if (program.contains(QLatin1Char('/'))) {
        const QFileInfo info(program);
        if (!info.isFile() || !info.isExecutable())
            return JobOutcome::failed(Error::make(Error::Kind::Usage, tr("%1 does not exist or cannot be run; %2.")
                                                                          .arg(program, installHint(m_kind))));
    } else if (QStandardPaths::findExecutable(program).isEmpty()) {
        return JobOutcome::failed(Error::make(Error::Kind::Usage, tr("%1 was not found on PATH; %2.")
                                                                      .arg(program, installHint(m_kind))));
    }
    // The tools write into folders they expect to exist (llama-quantize, convert_hf_to_gguf.py --outfile).
    for (const QString &output : std::as_const(m_params.outputs)) {
        const QString folder = QFileInfo(output).absolutePath();
        if (!QDir().mkpath(folder))
            return JobOutcome::failed(Error::make(Error::Kind::Io, tr("The folder %1 could not be created.").arg(folder)));
    }
    m_workingDirectory = m_params.workingDirectory;
    if (m_workingDirectory.isEmpty() && !m_params.outputs.isEmpty())
        m_workingDirectory = QFileInfo(m_params.outputs.first()).absolutePath();
    if (!m_workingDirectory.isEmpty() && !QDir().mkpath(m_workingDirectory))
        return JobOutcome::failed(Error::make(Error::Kind::Io, tr("The folder %1 could not be created.").arg(m_workingDirectory)));
    // python3 starts fine without its script and only then complains; say what is missing instead.
    const QString script = scriptOf(m_params.command);
    if (!script.isEmpty() && !QFileInfo(QDir(m_workingDirectory).absoluteFilePath(script)).isFile())
        return JobOutcome::failed(Error::make(Error::Kind::Usage, tr("%1 does not exist; %2.").arg(script, installHint(m_kind))));

    if (m_kind == JobKind::Register && !m_params.modelfilePath.isEmpty()) {
        if (m_params.ggufPath.isEmpty())
            return JobOutcome::failed(Error::make(Error::Kind::Usage, tr("The register job names no GGUF file for the Modelfile.")));
        if (!QFileInfo(m_params.ggufPath).isFile())
            return JobOutcome::failed(Error::make(Error::Kind::Usage, tr("The model file %1 does not exist; run the quantise job first.")
                                                                          .arg(m_params.ggufPath)));
        if (Status written = writeModelfile(m_params.modelfilePath, m_params.ggufPath); !written)
            return JobOutcome::failed(written.error());
        m_context.log(tr("Wrote %1 (FROM %2)").arg(m_params.modelfilePath, m_params.ggufPath), JobLogStream::Info);
    }
    return std::nullopt;
}

void ToolRun::read(QProcess &process, QProcess::ProcessChannel channel)
{
    const bool isOut = channel == QProcess::StandardOutput;
    const QByteArray bytes = isOut ? process.readAllStandardOutput() : process.readAllStandardError();
    if (bytes.isEmpty())
        return;
    const QList<ToolLineSplitter::Line> lines = (isOut ? m_out : m_err).feed(bytes);
    for (const ToolLineSplitter::Line &line : lines)
        take(line, isOut ? JobLogStream::Out : JobLogStream::Err);
}

void ToolRun::flush()
{
    for (const ToolLineSplitter::Line &line : m_out.finish())
        take(line, JobLogStream::Out);
    for (const ToolLineSplitter::Line &line : m_err.finish())
        take(line, JobLogStream::Err);
}

void ToolRun::take(const ToolLineSplitter::Line &line, JobLogStream stream)
{
    const bool isErr = stream == JobLogStream::Err;
    if (!line.transient) {
        // Progress displays (Ollama's stages) redraw the same few lines many times a second.
        QStringList &recent = isErr ? m_recentErr : m_recentOut;
        if (!recent.contains(line.text)) {
            m_context.log(line.text, stream);
            recent.append(line.text);
            if (recent.size() > kRecentLines)
                recent.removeFirst();
        }
        QStringList &tail = isErr ? m_errTail : m_outTail;
        tail.append(line.text);
        if (tail.size() > kTailLines)
            tail.removeFirst();
    }
    const QList<ToolEvent> events = parseToolLine(m_kind, line.text);
    if (events.isEmpty())
        return;
    for (const ToolEvent &event : events)
        apply(event);
    m_context.progress(m_fraction, m_status, m_eta);
}

void ToolRun::apply(const ToolEvent &event)
{
    switch (event.type) {
    case ToolEvent::Type::Loss: {
        const double step = event.step >= 0 ? event.step : (m_lastIter >= 0 ? m_lastIter : m_totalIters);
        if (!std::isfinite(event.value))
            return;   // a diverged run prints nan: the log shows it, a curve cannot
        m_context.metric(event.name, step, event.value);
        const QString key = event.name == QLatin1String("test_loss") ? event.name : QString(QStringLiteral("final_") + event.name);
        m_figures.insert(key, event.value);
        return;
    }
    case ToolEvent::Type::Iteration:
        if (event.value > 0 && m_totalIters <= 0)
            m_totalIters = int(event.value);
        m_lastIter = std::max(m_lastIter, int(event.step));
        if (m_lastIter > 0)
            m_figures.insert(QStringLiteral("iterations"), m_lastIter);
        if (m_totalIters > 0)
            setFraction(std::min(1.0, double(m_lastIter) / m_totalIters));
        return;
    case ToolEvent::Type::Fraction:
        setFraction(event.value);
        return;
    case ToolEvent::Type::Status:
        m_status = event.text;
        return;
    case ToolEvent::Type::Figure:
        if (!std::isfinite(event.value))
            return;
        m_figures.insert(event.name, event.value);
        // The trainer's own speed, until the wall clock has measured one (lines that arrive in one
        // read all carry the same time).
        if (event.name == QLatin1String("it_per_sec") && m_eta < 0 && event.value > 0 && m_totalIters > 0 && m_lastIter >= 0)
            m_eta = qint64(std::ceil(std::max(0, m_totalIters - m_lastIter) / event.value));
        return;
    }
}

// ETA from the rate since the first reported progress: model loading before it would skew the rate.
void ToolRun::setFraction(double fraction)
{
    // Never backwards: a tool's stages may report out of order, a progress bar should not.
    fraction = std::max(m_fraction, std::clamp(fraction, 0.0, 1.0));
    const qint64 now = m_clock.elapsed();
    if (m_rateStartMs < 0) {
        m_rateStartMs = now;
        m_rateStartFraction = fraction;
    } else if (fraction > m_rateStartFraction && now > m_rateStartMs) {
        const double perMs = (fraction - m_rateStartFraction) / double(now - m_rateStartMs);
        m_eta = qint64(std::ceil((1.0 - fraction) / perMs / 1000.0));
    }
    m_fraction = fraction;
}

void ToolRun::signalGroup(QProcess &process, int signal)
{
    if (m_group > 0)
        ::kill(-m_group, signal);
    // Before the child's setsid() the group does not exist yet; the child itself still gets it.
    if (process.state() != QProcess::NotRunning && process.processId() > 0)
        ::kill(pid_t(process.processId()), signal);
}

// After a cancel the tool has exited; what it started may still be shutting down.
void ToolRun::waitForGroup(QElapsedTimer &stopClock, bool &killed)
{
    QElapsedTimer killClock;
    if (killed)
        killClock.start();
    while (groupAlive(m_group)) {
        if (!killed && stopClock.elapsed() >= m_params.terminateGraceMs) {
            killed = true;
            ::kill(-m_group, SIGKILL);
            killClock.start();
        }
        if (killed && killClock.elapsed() > kKillWaitMs) {
            qCWarning(lcDistill) << "process group" << m_group << "still has members after SIGKILL";
            break;
        }
        QThread::msleep(20);
    }
}

QString ToolRun::errorTail(int lines) const
{
    const QStringList &tail = m_errTail.isEmpty() ? m_outTail : m_errTail;
    return tail.mid(std::max<qsizetype>(0, tail.size() - lines)).join(QLatin1Char('\n'));
}

JobOutcome ToolRun::outcome(const QProcess &process)
{
    const double seconds = m_clock.elapsed() / 1000.0;
    if (m_startFailed)
        return JobOutcome::failed(Error::make(Error::Kind::Io, tr("%1 could not be started; %2.").arg(m_name, installHint(m_kind)),
                                              m_startError));
    if (m_stopping) {
        m_context.log(tr("%1 stopped").arg(m_name), JobLogStream::Info);
        return JobOutcome::canceled();
    }
    if (process.exitStatus() == QProcess::CrashExit) {
        m_context.log(tr("%1 was ended by signal %2").arg(m_name).arg(process.exitCode()), JobLogStream::Info);
        return JobOutcome::retryLater(Error::make(Error::Kind::Io, tr("%1 was ended by a signal (a crash, or the system ran out of memory).").arg(m_name),
                                                  errorTail(kTailLines)));
    }
    const int exitCode = process.exitCode();
    m_context.log(tr("%1 exited with code %2 after %3 s").arg(m_name).arg(exitCode).arg(seconds, 0, 'f', 1), JobLogStream::Info);
    if (exitCode != 0) {
        const QString last = errorTail(1);
        const QString message = last.isEmpty() ? tr("%1 failed with exit code %2.").arg(m_name).arg(exitCode)
                                               : tr("%1 failed with exit code %2: %3").arg(m_name).arg(exitCode).arg(last);
        return JobOutcome::failed(Error::make(Error::Kind::Generic, message, errorTail(kTailLines)));
    }
    qint64 bytes = 0;
    for (const QString &output : std::as_const(m_params.outputs)) {
        if (!outputPresent(output))
            return JobOutcome::failed(Error::make(Error::Kind::Io, tr("%1 finished but did not produce %2.").arg(m_name, output),
                                                  errorTail(kTailLines)));
        bytes += bytesOf(output);
    }

    QJsonObject result = m_figures;
    result.insert(QStringLiteral("exit_code"), exitCode);
    result.insert(QStringLiteral("command"), QJsonArray::fromStringList(m_params.command));
    result.insert(QStringLiteral("outputs"), QJsonArray::fromStringList(m_params.outputs));
    result.insert(QStringLiteral("output_bytes"), double(bytes));
    result.insert(QStringLiteral("duration_s"), seconds);
    if (m_kind == JobKind::Register) {
        result.insert(QStringLiteral("model_name"), m_params.modelName);
        result.insert(QStringLiteral("modelfile"), m_params.modelfilePath);
    }
    m_context.progress(1.0, tr("%1 finished").arg(m_name), 0);
    return JobOutcome::done(result);
}

} // namespace

QString toolDisplayName(const QStringList &command)
{
    if (command.isEmpty())
        return {};
    const QString script = scriptOf(command);
    return QFileInfo(script.isEmpty() ? command.first() : script).fileName();
}

Status writeModelfile(const QString &path, const QString &ggufPath)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error::make(Error::Kind::Io, tr("The folder %1 could not be created.").arg(info.absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Error::make(Error::Kind::Io, tr("The Modelfile %1 could not be written.").arg(path), file.errorString());
    file.write(modelfileText(ggufPath).toUtf8());
    if (!file.commit())
        return Error::make(Error::Kind::Io, tr("The Modelfile %1 could not be written.").arg(path), file.errorString());
    return {};
}

JobOutcome runToolJob(JobContext &context)
{
    switch (context.job().kind) {
    case JobKind::FineTune:
    case JobKind::Fuse:
    case JobKind::Convert:
    case JobKind::Quantize:
    case JobKind::Register: break;
    default:
        return JobOutcome::failed(Error::make(Error::Kind::Usage, tr("A %1 job is not run by an external tool.")
                                                                      .arg(jobKindTitle(context.job().kind))));
    }
    Result<ToolParams> params = ToolParams::fromJson(context.job().params);
    if (!params)
        return JobOutcome::failed(params.error());
    ToolRun run(context, std::move(params).value());
    return run.run();
}

} // namespace apedesk::distill
