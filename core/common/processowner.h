#pragma once
// Who owns a row that a process is working on (a running job, a running federated run), in a form
// another process can check: "<boot id>:<pid>:<process start time>:<tag>". The start time
// (/proc/<pid>/stat field 22) tells a reused pid from the process that wrote the row; `tag` tells apart
// two owners in one process (it does not count for liveness).

#include <QString>

namespace apedesk {

QString processOwner(const QString &tag);
// The process named by an owner string still runs: same boot, its pid exists with the same start time
// and it is not a zombie. False for an empty or malformed owner. On other systems than Linux only the
// pid is checked (Unix) or only this process counts as alive.
bool ownerAlive(const QString &owner);

} // namespace apedesk
