# Warnings for voltperf's own targets only (not for the libraries we use).
add_library(voltperf_warnings INTERFACE)
target_compile_options(voltperf_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wno-sign-conversion -Wformat=2
  $<$<BOOL:${VOLTPERF_WERROR}>:-Werror>)
