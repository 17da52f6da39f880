#pragma once
// QSignalSpy records through a direct connection, which races when the signal comes from a service
// thread. QueuedSpy records through a queued connection instead, so arguments arrive on the test's
// thread in order, and waitForCount() waits for a total rather than for "one more".

#include <QElapsedTimer>
#include <QList>
#include <QMetaMethod>
#include <QObject>
#include <QTest>
#include <QVariant>

class QueuedSpy : public QObject, public QList<QVariantList>
{
public:
    template <typename Func>
    QueuedSpy(const typename QtPrivate::FunctionPointer<Func>::Object *sender, Func signal)
    {
        const QMetaMethod method = QMetaMethod::fromSignal(signal);
        for (int i = 0; i < method.parameterCount(); ++i)
            m_types.append(method.parameterMetaType(i));
        static const int memberOffset = QObject::staticMetaObject.methodCount();
        QMetaObject::connect(sender, method.methodIndex(), this, memberOffset, Qt::QueuedConnection, nullptr);
    }

    bool waitForCount(int count, int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (size() < count && timer.elapsed() < timeoutMs)
            QTest::qWait(5);
        return size() >= count;
    }

    int qt_metacall(QMetaObject::Call call, int methodId, void **args) override
    {
        methodId = QObject::qt_metacall(call, methodId, args);
        if (methodId < 0)
            return methodId;
        if (call == QMetaObject::InvokeMetaMethod) {
            if (methodId == 0) {
                QVariantList values;
                for (int i = 0; i < m_types.size(); ++i)
                    values.append(QVariant(m_types.at(i), args[i + 1]));
                append(values);
            }
            --methodId;
        }
        return methodId;
    }

private:
    QList<QMetaType> m_types;
};
