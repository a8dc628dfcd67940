// Plain text: summary line, then one block per committee with aligned columns and a detail line per flag.
#include "notifier/grouped_writer.hpp"
#include "notifier/render.hpp"
#include "notifier/utf8.hpp"
#include "text/one_line.hpp"

#include <algorithm>
#include <cstdint>

namespace opfolg::notifier {

namespace {
const char* const red = "\x1b[31m";
const char* const yellow = "\x1b[33m";
const char* const bold = "\x1b[1m";
const char* const dim = "\x1b[2m";
const char* const reset = "\x1b[0m";

using text::one_line;  // values of the minutes as one line: no CR/LF, no terminal escapes

constexpr std::size_t columns = 6;
const std::array<std::string, columns> head_cells = {"STATUS", "DAGE", "FRIST", "MØDE", "SAG", "TITEL"};

// Appends `cell` padded with spaces to `to` columns (on the left when right-aligned); wider cells stay as they are.
void append_padded(std::string& out, std::string_view cell, std::size_t width, std::size_t to, bool right) {
    const std::string spaces(to > width ? to - width : 0, ' ');
    if (right) out += spaces;
    out += cell;
    if (!right) out += spaces;
}

// Columns are aligned within a committee's block, so a block's rows are kept as cells until it is complete.
class TextWriter final : public GroupedWriter {
public:
    TextWriter(const Report& head, bool colour) : GroupedWriter(head), colour_(colour) {}

private:
    struct Row {
        std::string cells;                                 // the six cells one after another
        std::array<std::uint32_t, columns> end{}, width{};  // each cell's end in `cells`, its width in columns
        bool overdue = false;
        std::string details;                               // the Beslutning and Regel lines
    };
    struct Table {
        std::vector<Row> rows;
        std::array<std::size_t, columns> width{};  // the widest cell of each column, header included
    };

    std::string paint(const char* code, const std::string& s) const { return colour_ ? code + s + reset : s; }

    void row(CommitteeBlock&, std::size_t index, const rules::Flag& f) override {
        if (index == tables_.size()) {
            Table t;
            for (std::size_t c = 0; c < columns; ++c) t.width[c] = utf8::width(head_cells[c]);
            tables_.push_back(std::move(t));
        }
        Table& table = tables_[index];
        Row r;
        r.overdue = f.status == rules::FlagStatus::overdue;
        const std::array<std::string, columns> cells = {
            status_word(f.status), std::to_string(f.days_overdue), iso(f.due),
            iso(f.meeting_date) + " pkt. " + std::to_string(f.item_number),
            one_line(f.case_number.empty() ? "-" : f.case_number), utf8::truncate(one_line(f.title), 60)};
        for (std::size_t c = 0; c < columns; ++c) {
            r.cells += cells[c];
            r.end[c] = static_cast<std::uint32_t>(r.cells.size());
            r.width[c] = static_cast<std::uint32_t>(utf8::width(cells[c]));
            table.width[c] = std::max<std::size_t>(table.width[c], r.width[c]);
        }
        if (!f.decision.empty()) r.details = "      Beslutning: " + utf8::truncate(one_line(f.decision), 200) + "\n";
        r.details += paint(dim, "      Regel: " + one_line(f.rule) + " (" + severity_name(f.severity) + ")  id " +
                                    one_line(f.id) + "  kilde " + one_line(f.source)) +
                     "\n";
        table.rows.push_back(std::move(r));
    }

    void close() override {
        out_ += summary() + "\n";
        for (std::size_t b = 0; b < blocks().size(); ++b) {
            const CommitteeBlock& block = blocks()[b];
            const Table& table = tables_[b];
            out_ += "\n" + paint(bold, one_line(block.committee) + " (" + std::to_string(block.flags) + ")") + "\n";
            std::string h = " ";
            for (std::size_t c = 0; c < columns; ++c) {
                h += ' ';
                append_padded(h, head_cells[c], utf8::width(head_cells[c]), c + 1 == columns ? 0 : table.width[c],
                              c == 1);
            }
            out_ += paint(dim, h) + "\n";
            for (const Row& r : table.rows) {
                out_ += ' ';
                for (std::size_t c = 0, begin = 0; c < columns; begin = r.end[c], ++c) {
                    const std::string_view cell(r.cells.data() + begin, r.end[c] - begin);
                    const std::size_t to = c + 1 == columns ? 0 : table.width[c];
                    out_ += ' ';
                    if (c == 0 && colour_) out_ += r.overdue ? red : yellow;
                    append_padded(out_, cell, r.width[c], to, c == 1);
                    if (c == 0 && colour_) out_ += reset;
                }
                out_ += '\n';
                out_ += r.details;
                flush_if_full();
            }
        }
    }

    bool colour_;
    std::vector<Table> tables_;  // parallel to blocks()
};
}  // namespace

std::unique_ptr<ListWriter> make_text_writer(const Report& head, bool colour) {
    return std::make_unique<TextWriter>(head, colour);
}

std::string render_text(const Report& report, bool colour) {
    return write_list(report, make_text_writer(report, colour));
}

}  // namespace opfolg::notifier
