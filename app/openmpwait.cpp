#include "openmpwait.h"

#include <climits>
#include <cstdlib>
#include <unistd.h>

namespace apedesk::app {

void restartWithPassiveOpenMpWait(char *argv[])
{
    if (std::getenv("OMP_WAIT_POLICY"))
        return;
    if (::setenv("OMP_WAIT_POLICY", "PASSIVE", 1) != 0)
        return;
    // The program's real path, not /proc/self/exe: the process name (ps, pgrep, killall) comes from the
    // file name exec'd. The same pid, so whoever started us (a launcher, a test) still sees this process.
    char path[PATH_MAX];
    const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
    if (length <= 0)
        return;
    path[length] = '\0';
    ::execv(path, argv);
    // exec failed: run on with the runtime as it is; the variable now only reaches child processes.
}

} // namespace apedesk::app
