# Runs one libFuzzer target for a fixed number of runs (ctest: cmake -DFUZZER=... -P RunFuzzer.cmake).
# New inputs go to a fresh work corpus in the build tree, so the committed seeds stay as they are and
# every run starts from the same state. Fails on a non-zero exit (a crash, a sanitizer report, a leak,
# a timeout) and on any sanitizer line in the output.
foreach(var FUZZER SEEDS WORK RUNS MAX_LEN)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "RunFuzzer.cmake needs -D${var}=...")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(corpora "${WORK}")
if(IS_DIRECTORY "${SEEDS}")
  list(APPEND corpora "${SEEDS}")
endif()

string(TIMESTAMP started "%s")
execute_process(
  COMMAND "${FUZZER}" -runs=${RUNS} -seed=1 -max_len=${MAX_LEN} -timeout=10 -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix=${WORK}/ ${corpora}
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
string(TIMESTAMP finished "%s")
math(EXPR seconds "${finished} - ${started}")

string(REGEX MATCH "stat::average_exec_per_sec:[ ]*[0-9]+" speed "${output}")
string(REGEX MATCH "stat::number_of_executed_units:[ ]*[0-9]+" units "${output}")
message(STATUS "${FUZZER}: ${units}, ${speed}, ${seconds} s")

if(NOT result EQUAL 0 OR output MATCHES "ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|deadly signal")
  string(LENGTH "${output}" length)
  if(length GREATER 20000)
    math(EXPR start "${length} - 20000")
    string(SUBSTRING "${output}" ${start} 20000 output)
  endif()
  message("${output}")
  message(FATAL_ERROR "${FUZZER} failed (exit ${result}); the crashing input is in ${WORK}")
endif()
