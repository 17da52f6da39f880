#pragma once
// Turns SIGTERM, SIGINT and SIGHUP into a Qt signal on the thread that created the watcher, so the
// application can close its window and stop its services cleanly instead of dying mid-write.

#include <QObject>

class QSocketNotifier;

namespace apedesk {

class UnixSignalWatcher : public QObject
{
    Q_OBJECT
public:
    // Only one watcher may exist at a time.
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void drain();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace apedesk
