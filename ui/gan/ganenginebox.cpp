#include "ganenginebox.h"

#include "trainingservice.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace apedesk::ui {

GanEngineBox::GanEngineBox(ml::TrainingService *training, QWidget *parent)
    : QGroupBox(tr("Engine"), parent), m_training(training)
{
    setObjectName(QStringLiteral("ganEngineBox"));
    auto *form = new QFormLayout;
    m_engine = new QLabel(training ? tr("starting…") : tr("no training engine in this build"), this);
    m_engine->setObjectName(QStringLiteral("trainingEngineValue"));
    m_blas = new QLabel(this);
    m_blas->setObjectName(QStringLiteral("trainingBlasValue"));
    m_blas->setWordWrap(true);
    m_throughput = new QLabel(tr("not measured"), this);
    m_throughput->setObjectName(QStringLiteral("trainingThroughputValue"));
    const auto rowLabel = [this](const QString &text, const char *name) {
        auto *label = new QLabel(text, this);
        label->setObjectName(QLatin1String(name));
        return label;
    };
    form->addRow(rowLabel(tr("Engine:"), "trainingEngineLabel"), m_engine);
    form->addRow(rowLabel(tr("BLAS:"), "trainingBlasLabel"), m_blas);
    form->addRow(rowLabel(tr("Throughput:"), "trainingThroughputLabel"), m_throughput);

    auto *buttons = new QHBoxLayout;
    m_measure = new QPushButton(tr("Measure throughput"), this);
    m_measure->setObjectName(QStringLiteral("measureThroughputButton"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelThroughputButton"));
    m_cancel->setEnabled(false);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("throughputProgress"));
    m_busy->setTextVisible(false);
    m_busy->setVisible(false);   // shown only while a measurement runs
    buttons->addWidget(m_measure);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_busy, 1);
    buttons->addStretch(1);   // buttons keep their size while the bar is hidden

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);

    if (!m_training) {
        m_measure->setEnabled(false);
        return;
    }
    connect(m_training, &ml::TrainingService::runtimeReady, this, &GanEngineBox::showRuntime);
    if (const auto info = m_training->runtime())
        showRuntime(*info);
    connect(m_training, &ml::TrainingService::throughputMeasured, this, &GanEngineBox::showThroughput);
    connect(m_training, &Service::taskFinished, this,
            [this](quint64 id, const QString &, bool ok, const apedesk::Error &error) {
                taskEnded(id, ok, error.message);
            });
    connect(m_measure, &QPushButton::clicked, this, &GanEngineBox::measure);
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_training->cancelTasks(); });
}

QString GanEngineBox::engineText() const { return m_engine->text(); }

void GanEngineBox::setMeasureAllowed(bool allowed)
{
    m_measureAllowed = allowed;
    if (m_training && !m_task)
        m_measure->setEnabled(allowed);
}

void GanEngineBox::showRuntime(const ml::RuntimeInfo &info)
{
    m_engine->setText(tr("libtorch %1 on %n thread(s)", nullptr, info.threads).arg(info.torchVersion));
    m_blas->setText(info.blasIsOptimized ? tr("optimized (%1)").arg(info.blasLibrary)
                                         : tr("reference BLAS, about 25× slower: install libopenblas0-pthread (%1)")
                                               .arg(info.blasLibrary));
}

void GanEngineBox::showThroughput(const ml::MatmulThroughput &result)
{
    m_throughput->setText(tr("%1 GFLOP/s (%2×%2 float32)").arg(result.gflops, 0, 'f', 1).arg(result.size));
}

void GanEngineBox::measure()
{
    m_measure->setEnabled(false);
    m_cancel->setEnabled(true);
    m_busy->setRange(0, 0);   // indeterminate while it runs
    m_busy->setVisible(true);
    m_throughput->setText(tr("measuring…"));
    m_task = m_training->checkThroughput();
}

void GanEngineBox::taskEnded(quint64 id, bool ok, const QString &message)
{
    if (id != m_task || !m_task)
        return;
    m_task = 0;
    m_measure->setEnabled(m_measureAllowed);
    m_cancel->setEnabled(false);
    m_busy->setVisible(false);
    if (!ok)
        m_throughput->setText(message);
}

} // namespace apedesk::ui
