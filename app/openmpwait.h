#pragma once
// libtorch's OpenMP runtime (libgomp) reads OMP_WAIT_POLICY once, when it is loaded — before main().
// Its default keeps waiting threads spinning, which on a machine with few cores fights OpenBLAS's own
// threads and everything else running: bench_gan's quick preset at 2 threads made 1.97 critic / 2.24
// generator steps/s with the default and 2.42 / 4.58 with PASSIVE on an idle 2-core machine, and the
// default was up to 10× slower on a busy one (spinning threads also take the cores the GUI thread needs).
// So a process that will train starts itself once more with OMP_WAIT_POLICY=PASSIVE. A value already set
// (the user's choice, or the restarted process) is kept. Loading libtorch costs ~0.6 s here, so only
// processes that train pay for the restart.

namespace apedesk::app {

// Replaces the process with a fresh start of the same program and arguments, with OMP_WAIT_POLICY=PASSIVE,
// when the variable is not set. Returns only when nothing was restarted (set already, or exec failed).
void restartWithPassiveOpenMpWait(char *argv[]);

} // namespace apedesk::app
