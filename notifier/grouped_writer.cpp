#include "notifier/grouped_writer.hpp"

namespace opfolg::notifier {

namespace {
Report facts_of(const Report& report) {
    Report head;
    head.as_of = report.as_of;
    head.generated_at = report.generated_at;
    head.title = report.title;
    head.show_closed = report.show_closed;
    return head;
}
}  // namespace

GroupedWriter::GroupedWriter(const Report& head) : ListWriter(head.show_closed), head_(facts_of(head)) {}

void GroupedWriter::write(const rules::Flag& f) {
    (f.status == rules::FlagStatus::overdue ? overdue_ : pending_) += 1;
    auto [it, added] = index_.try_emplace(f.committee, blocks_.size());
    if (added) blocks_.push_back(CommitteeBlock{f.committee, 0, {}, {}});
    CommitteeBlock& block = blocks_[it->second];
    block.flags += 1;
    block.bands[static_cast<std::size_t>(age_band(f))] += 1;
    row(block, it->second, f);
}

std::string GroupedWriter::summary() const { return summary_line(overdue_, pending_, head_.as_of); }

}  // namespace opfolg::notifier
