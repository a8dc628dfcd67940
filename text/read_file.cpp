#include "text/read_file.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace opfolg::text {

bool read_file(const std::string& path, std::string& out, std::string& error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::string("cannot open: ") + std::strerror(errno);
        return false;
    }
    struct stat st {};
    // The size is a hint: a file that grows or shrinks while read is read to its end all the same.
    const std::size_t capacity = ::fstat(fd, &st) == 0 && st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 0;
    out.clear();
    // Room for one byte past the expected end, so the end of file is seen without growing the string (growing
    // when the expected size was read copied and cleared half as much again for every file).
    out.resize(capacity + 1);
    std::size_t used = 0;
    for (;;) {
        if (used == out.size()) out.resize(used < 4096 ? 4096 : used + used / 2);
        const ssize_t n = ::read(fd, out.data() + used, out.size() - used);
        if (n < 0) {
            if (errno == EINTR) continue;
            error = std::string("cannot read: ") + std::strerror(errno);
            ::close(fd);
            return false;
        }
        if (n == 0) break;
        used += static_cast<std::size_t>(n);
    }
    ::close(fd);
    out.resize(used);
    return true;
}

}  // namespace opfolg::text
