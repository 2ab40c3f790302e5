# Warnings for voltperf's own targets only (not for the libraries we use).
add_library(voltperf_warnings INTERFACE)
target_compile_options(voltperf_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wno-sign-conversion -Wformat=2
  # GCC 12 reports std::string concatenation at -O3 as overlapping memcpy (GCC bug 105651): a false positive.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  $<$<BOOL:${VOLTPERF_WERROR}>:-Werror>)
