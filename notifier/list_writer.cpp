#include "notifier/list_writer.hpp"

namespace opfolg::notifier {

namespace {
// A part is handed on once it holds this much; the parts after the first are reserved with room for the flag that
// crosses the mark (the first grows as it needs: most documents, a web download or a test's, stay far smaller).
constexpr std::size_t part_bytes = 1 << 20;
constexpr std::size_t part_room = part_bytes + part_bytes / 4;
}  // namespace

ListWriter::ListWriter(bool show_closed) : show_closed_(show_closed) {}

void ListWriter::add(const rules::Flag& flag) {
    ++count_;
    // Closed items are few: a redacted copy each costs nothing next to the open flags written in place.
    if (flag.closed && !show_closed_) write(shown(flag, false));
    else write(flag);
    flush_if_full();
}

void ListWriter::flush_if_full() {
    if (out_.size() < part_bytes) return;
    parts_.push_back(std::move(out_));
    out_ = std::string();
    out_.reserve(part_room);
}

std::vector<std::string> ListWriter::finish() {
    close();
    parts_.push_back(std::move(out_));
    return std::move(parts_);
}

std::string write_list(const Report& report, std::unique_ptr<ListWriter> writer) {
    for (const rules::Flag* f : most_overdue_order(report.flags)) writer->add(*f);
    std::vector<std::string> parts = writer->finish();
    if (parts.size() == 1) return std::move(parts.front());
    std::size_t size = 0;
    for (const auto& p : parts) size += p.size();
    std::string out;
    out.reserve(size);
    for (const auto& p : parts) out += p;
    return out;
}

}  // namespace opfolg::notifier
