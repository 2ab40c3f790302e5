// voltperf-microbench: Google Benchmark micro-benchmarks of ingest's per-file work, to see where time goes
// (tools/bench prints them for context; the gated figures are the ratios of tools/bench).
//   voltperf-microbench [FILE.json] [--benchmark_* flags]   default FILE: a real tcp-multi-8.json of the sample
#include <benchmark/benchmark.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "ingest/iperf3_reader.hpp"
#include "util/codec.hpp"

namespace {

std::string g_text;

void parse(benchmark::State& state, voltperf::ingest::Parser parser) {
  for (auto _ : state) {
    auto r = voltperf::ingest::read_iperf3(g_text, "tcp-multi-8", "tcp-multi-8.json", parser);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * g_text.size()));
}
void BM_ParseFast(benchmark::State& s) { parse(s, voltperf::ingest::Parser::fast); }
void BM_ParseReference(benchmark::State& s) { parse(s, voltperf::ingest::Parser::reference); }

void BM_Compress(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(voltperf::util::compress(g_text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * g_text.size()));
}

void BM_Hash(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(voltperf::util::content_hash(g_text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * g_text.size()));
}

BENCHMARK(BM_ParseFast);
BENCHMARK(BM_ParseReference);
BENCHMARK(BM_Compress);
BENCHMARK(BM_Hash);

}  // namespace

int main(int argc, char** argv) {
  std::string path = VOLTPERF_SAMPLE_JSON;
  if (argc > 1 && argv[1][0] != '-') {
    path = argv[1];
    --argc;
    ++argv;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  g_text = buf.str();
  if (g_text.empty()) {
    std::cerr << "voltperf-microbench: cannot read " << path << "\n";
    return 2;
  }
  std::cerr << "file: " << path << " (" << g_text.size() << " bytes)\n";
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
