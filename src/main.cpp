// voltperf's entry point: everything else lives in the library (src/cli/app.cpp).
#include "cli/app.hpp"

int main(int argc, char** argv) { return voltperf::cli::run(argc, argv); }
