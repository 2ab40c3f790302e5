#pragma once
namespace voltperf::cli {
// Runs voltperf with the given arguments and returns the process exit code. Catches every exception.
int run(int argc, char** argv);
}  // namespace voltperf::cli
