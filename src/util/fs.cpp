#include "util/fs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace voltperf::util {

FileStamp stamp_from(const struct stat& st) {
  return FileStamp{static_cast<std::int64_t>(st.st_size),
                   static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

std::optional<FileStamp> stamp_of(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
  return stamp_from(st);
}

ReadResult read_file(const std::filesystem::path& path, std::int64_t max_bytes) {
  ReadResult r;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    r.error = std::strerror(errno);
    return r;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    r.error = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
    ::close(fd);
    return r;
  }
  if (st.st_size > max_bytes) {
    r.error = "file is " + std::to_string(st.st_size) + " bytes, larger than the limit of " +
              std::to_string(max_bytes) + " bytes for a benchmark result";
    ::close(fd);
    return r;
  }
  r.data.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (true) {
    if (got == r.data.size()) r.data.resize(got + 4096);  // the file may have grown
    ssize_t n = ::read(fd, r.data.data() + got, r.data.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.error = std::strerror(errno);
      ::close(fd);
      return r;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
    if (static_cast<std::int64_t>(got) > max_bytes) {
      r.error = "file grew past the limit of " + std::to_string(max_bytes) + " bytes while being read";
      ::close(fd);
      return r;
    }
  }
  r.data.resize(got);
  ::close(fd);
  r.ok = true;
  return r;
}

void write_file_atomic(const std::filesystem::path& path, const std::string& data) {
  auto tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(path.string() + ": cannot write (" + std::strerror(errno) + ")");
    out << data;
    if (!out.flush()) throw std::runtime_error(path.string() + ": write failed");
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace voltperf::util
