#include "sendawait.h"

#include <QEventLoop>
#include <QTimer>

namespace apedesk::eth {

SendOutcome awaitSend(TransactionSender *sender, const SendRequest &request, const KeySource &key,
                      const SendWaitHooks &hooks)
{
    SendOutcome outcome;
    bool done = false;
    quint64 id = 0;
    QEventLoop loop;
    auto finish = [&] {
        done = true;
        loop.quit();
    };
    QList<QMetaObject::Connection> connections;
    connections << QObject::connect(sender, &TransactionSender::sent, &loop, [&](quint64 sid, const Hash32 &hash) {
        if (sid != id)
            return;
        outcome.sent = true;
        outcome.hash = hash;
        if (hooks.sent)
            hooks.sent(hash);
    });
    connections << QObject::connect(sender, &TransactionSender::mined, &loop,
                                    [&](quint64 sid, const TransactionReceipt &receipt) {
                                        if (sid != id)
                                            return;
                                        outcome.receipt = receipt;
                                        outcome.hash = receipt.transactionHash;
                                        finish();
                                    });
    connections << QObject::connect(sender, &TransactionSender::failed, &loop, [&](quint64 sid, const Error &error) {
        if (sid != id)
            return;
        outcome.error = error;
        finish();
    });
    connections << QObject::connect(sender, &TransactionSender::unknown, &loop,
                                    [&](quint64 sid, const Hash32 &hash, const Error &why, bool final) {
                                        if (sid != id || !final)
                                            return;
                                        outcome.hash = hash;
                                        outcome.sent = true;
                                        outcome.unknown = true;
                                        outcome.error = why;
                                        finish();
                                    });
    QTimer cancelWatch;
    if (hooks.canceled) {
        cancelWatch.setInterval(50);
        QObject::connect(&cancelWatch, &QTimer::timeout, &loop, [&] {
            if (hooks.canceled())
                sender->cancel(id);
        });
        cancelWatch.start();
    }
    id = sender->send(request, key);
    if (!done)
        loop.exec();
    for (const auto &connection : connections)
        QObject::disconnect(connection);
    if (!done) {   // the thread is quitting
        sender->cancel(id);
        outcome.error = Error::canceled();
    }
    return outcome;
}

} // namespace apedesk::eth
