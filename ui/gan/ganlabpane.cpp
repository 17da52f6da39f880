#include "ganlabpane.h"

#include "trainingservice.h"

#include <QVBoxLayout>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace apedesk::ui {

GanLabPane::GanLabPane(ml::TrainingService *training, QWidget *parent)
    : PaneScaffold(QStringLiteral("ganLabPane"), training, parent), m_training(training)
{
    setCapabilityNote(tr("GAN training, live curves and validation are not in this build yet. "
                         "The training engine below is live."));
    auto *form = new QFormLayout;
    m_engine = new QLabel(tr("starting…"), this);
    m_engine->setObjectName(QStringLiteral("trainingEngineValue"));
    m_blas = new QLabel(this);
    m_blas->setObjectName(QStringLiteral("trainingBlasValue"));
    m_blas->setWordWrap(true);
    m_throughput = new QLabel(tr("not measured"), this);
    m_throughput->setObjectName(QStringLiteral("trainingThroughputValue"));
    form->addRow(tr("Engine:"), m_engine);
    form->addRow(tr("BLAS:"), m_blas);
    form->addRow(tr("Throughput:"), m_throughput);
    contentLayout()->addLayout(form);

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
    contentLayout()->addLayout(buttons);
    contentLayout()->addStretch(1);

    if (!m_training) {
        m_measure->setEnabled(false);
        return;
    }
    connect(m_training, &ml::TrainingService::runtimeReady, this, &GanLabPane::showRuntime);
    if (const auto info = m_training->runtime())
        showRuntime(*info);
    connect(m_training, &ml::TrainingService::throughputMeasured, this, &GanLabPane::showThroughput);
    connect(m_training, &Service::taskFinished, this,
            [this](quint64 id, const QString &, bool ok, const apedesk::Error &error) {
                taskEnded(id, ok, error.message);
            });
    connect(m_measure, &QPushButton::clicked, this, &GanLabPane::measure);
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_training->cancelTasks(); });
}

void GanLabPane::showRuntime(const ml::RuntimeInfo &info)
{
    m_engine->setText(tr("libtorch %1 on %n thread(s)", nullptr, info.threads).arg(info.torchVersion));
    m_blas->setText(info.blasIsOptimized ? tr("optimized (%1)").arg(info.blasLibrary)
                                         : tr("reference BLAS, about 25× slower: install libopenblas0-pthread (%1)")
                                               .arg(info.blasLibrary));
}

void GanLabPane::showThroughput(const ml::MatmulThroughput &result)
{
    m_throughput->setText(tr("%1 GFLOP/s (%2×%2 float32)").arg(result.gflops, 0, 'f', 1).arg(result.size));
}

void GanLabPane::measure()
{
    m_measure->setEnabled(false);
    m_cancel->setEnabled(true);
    m_busy->setRange(0, 0);   // indeterminate while it runs
    m_busy->setVisible(true);
    m_throughput->setText(tr("measuring…"));
    m_task = m_training->checkThroughput();
}

void GanLabPane::taskEnded(quint64 id, bool ok, const QString &message)
{
    if (id != m_task)
        return;
    m_measure->setEnabled(true);
    m_cancel->setEnabled(false);
    m_busy->setVisible(false);
    if (!ok)
        m_throughput->setText(message);
}

} // namespace apedesk::ui
