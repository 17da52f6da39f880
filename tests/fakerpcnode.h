#pragma once
// A tiny HTTP/1.1 server on a loopback port for the JSON-RPC client's error paths: it answers
// each POST with whatever the test's handler says (garbage JSON, wrong ids, HTTP 500, silence,
// a dropped connection). Keep-alive is honoured, as QNetworkAccessManager reuses connections.
// A scripted() handler answers real JSON-RPC per method for the paths that need a sane node.

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

class FakeRpcNode : public QObject
{
public:
    struct Reply
    {
        int status = 200;
        QByteArray body;
        bool silent = false;      // never answer; keep the connection open
        bool dropConnection = false;
    };
    using Handler = std::function<Reply(const QByteArray &requestBody)>;
    using Method = std::function<QJsonValue(const QJsonArray &params)>;

    explicit FakeRpcNode(Handler handler, QObject *parent = nullptr) : QObject(parent), m_handler(std::move(handler))
    {
        connect(&m_server, &QTcpServer::newConnection, this, &FakeRpcNode::onConnection);
    }

    ~FakeRpcNode() override
    {
        // The sockets are the server's children; silence them before the members they use go.
        for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
            socket->disconnect(this);
    }

    bool listen(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    void close() { m_server.close(); }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port())); }
    int requestCount() const { return m_requests.size(); }
    const QList<QByteArray> &requests() const { return m_requests; }
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    static Reply json(const QByteArray &body, int status = 200) { return Reply{status, body, false, false}; }

    // Answers each request (single or batch) by method; an unknown method gets -32601.
    // A method may return an object {"__error": {...}} to answer with that JSON-RPC error instead.
    static Handler scripted(QHash<QString, Method> methods)
    {
        return [methods](const QByteArray &body) -> Reply {
            const QJsonDocument document = QJsonDocument::fromJson(body);
            auto answer = [&methods](const QJsonObject &request) {
                QJsonObject response{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                     {QStringLiteral("id"), request.value(QStringLiteral("id"))}};
                const QString method = request.value(QStringLiteral("method")).toString();
                const auto it = methods.constFind(method);
                if (it == methods.constEnd()) {
                    response.insert(QStringLiteral("error"),
                                    QJsonObject{{QStringLiteral("code"), -32601},
                                                {QStringLiteral("message"), QStringLiteral("Method not found")}});
                    return response;
                }
                const QJsonValue result = (*it)(request.value(QStringLiteral("params")).toArray());
                if (result.isObject() && result.toObject().contains(QStringLiteral("__error")))
                    response.insert(QStringLiteral("error"), result.toObject().value(QStringLiteral("__error")));
                else
                    response.insert(QStringLiteral("result"), result);
                return response;
            };
            if (document.isArray()) {
                QJsonArray out;
                for (const QJsonValue &item : document.array())
                    out.append(answer(item.toObject()));
                return json(QJsonDocument(out).toJson(QJsonDocument::Compact));
            }
            return json(QJsonDocument(answer(document.object())).toJson(QJsonDocument::Compact));
        };
    }

private:
    void onConnection()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    }

    void onReadable(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const int headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            qsizetype length = 0;
            for (const QByteArray &line : buffer.left(headerEnd).split('\n')) {
                const QByteArray trimmed = line.trimmed();
                if (trimmed.toLower().startsWith("content-length:"))
                    length = trimmed.mid(15).trimmed().toLongLong();
            }
            if (buffer.size() < headerEnd + 4 + length)
                return;
            const QByteArray body = buffer.mid(headerEnd + 4, length);
            buffer.remove(0, headerEnd + 4 + length);
            m_requests.append(body);
            const Reply reply = m_handler(body);
            if (reply.silent)
                continue;
            if (reply.dropConnection) {
                m_buffers.remove(socket);
                socket->abort();
                return;
            }
            QByteArray response = "HTTP/1.1 " + QByteArray::number(reply.status) + " Status\r\n"
                                  "Content-Type: application/json\r\nConnection: keep-alive\r\n"
                                  "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n" + reply.body;
            socket->write(response);
        }
    }

    QTcpServer m_server;
    Handler m_handler;
    QList<QByteArray> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
