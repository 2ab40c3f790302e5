#pragma once
// Options shared by the commands that read history: which runs (--at, --since, --until, --tag, --backend)
// and the hierarchy rules.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "analysis/hierarchy.hpp"
#include "store/series_reader.hpp"

namespace voltperf::cli {

struct ScopeOptions {
  std::string at, since, until, backend;
  std::vector<std::string> tags;
  // Builds the scope; throws CLI::ValidationError for a bad time or tag.
  store::RunScope scope() const;
};

// --at TIME and --tag KEY=VALUE (the runs as of a point in history).
void add_as_of_options(CLI::App& cmd, ScopeOptions& o);
// --since, --until, --backend, --tag.
void add_range_options(CLI::App& cmd, ScopeOptions& o);

struct HierarchyOptions {
  std::string order = "macvtap,vhost-net,virtio";
  std::vector<std::string> metrics;
  bool latency = false;
  std::string ratio = "vhost-net/virtio";
  double ratio_min = 2.0, ratio_max = 3.0, z = 1.96;
  int window = 10;
  analysis::HierarchyConfig config() const;
};
void add_hierarchy_options(CLI::App& cmd, HierarchyOptions& o);

}  // namespace voltperf::cli
