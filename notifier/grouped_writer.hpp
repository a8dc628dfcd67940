// The grouped formats (text, Markdown, HTML) written as the flags are read: one block per committee, the blocks
// in order of their most overdue flag. Flags come most overdue first, so a committee's block starts where its
// first flag arrives and each flag's row is rendered as it is read; only the rendered rows are held, never the
// flags (a national report lists 367k; holding them as Flags was 426 MB and half of the report's time).
#pragma once
#include "notifier/list_writer.hpp"

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

namespace opfolg::notifier {

// A committee's block so far: its flags counted by age band (the HTML chart) and its rows as the format renders
// them.
struct CommitteeBlock {
    std::string committee;
    std::size_t flags = 0;
    std::array<std::size_t, age_band_count> bands{};
    std::string rows;
};

class GroupedWriter : public ListWriter {
protected:
    explicit GroupedWriter(const Report& head);
    // Renders one flag (already redacted if closed) into its committee's block.
    virtual void row(CommitteeBlock& block, std::size_t index, const rules::Flag& shown_flag) = 0;
    // "N åbne opfølgninger: …" over the flags written.
    std::string summary() const;
    const Report& head() const { return head_; }
    const std::vector<CommitteeBlock>& blocks() const { return blocks_; }

private:
    void write(const rules::Flag& shown_flag) final;

    Report head_;  // the facts only: no flags
    std::size_t overdue_ = 0, pending_ = 0;
    std::vector<CommitteeBlock> blocks_;
    std::unordered_map<std::string, std::size_t> index_;  // committee -> block
};

}  // namespace opfolg::notifier
