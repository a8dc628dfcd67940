// Plain text: summary line, then one block per committee with aligned columns and a detail line per flag.
#include "notifier/grouped_writer.hpp"
#include "notifier/render.hpp"
#include "notifier/utf8.hpp"
#include "text/iso_date.hpp"
#include "text/one_line.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

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
    const std::size_t spaces = to > width ? to - width : 0;
    if (right) out.append(spaces, ' ');
    out += cell;
    if (!right) out.append(spaces, ' ');
}

// Columns are aligned within a committee's block, so a block's rows are kept as cells until it is complete: in one
// text per block, each row's six cells and then its detail lines, written in place (a string per cell and per row
// was most of a 100k-flag text report).
class TextWriter final : public GroupedWriter {
public:
    TextWriter(const Report& head, bool colour) : GroupedWriter(head), colour_(colour) {}

private:
    struct Row {
        std::size_t begin = 0;                             // where the row starts in its table's text
        std::array<std::uint32_t, columns> end{}, width{};  // each cell's end (from begin), its width in columns
        std::uint32_t details_end = 0;                     // the Beslutning and Regel lines end here (from begin)
        bool overdue = false;
    };
    struct Table {
        std::string text;
        std::vector<Row> rows;
        std::array<std::size_t, columns> width{};  // the widest cell of each column, header included
    };

    void row(CommitteeBlock&, std::size_t index, const rules::Flag& f) override {
        if (index == tables_.size()) {
            Table t;
            for (std::size_t c = 0; c < columns; ++c) t.width[c] = utf8::width(head_cells[c]);
            tables_.push_back(std::move(t));
        }
        Table& table = tables_[index];
        std::string& text = table.text;
        Row r;
        r.begin = text.size();
        r.overdue = f.status == rules::FlagStatus::overdue;
        std::size_t cell_begin = text.size();
        // A cell's width is counted where it was written, unless the writer knows it (a truncated title).
        auto end_cell = [&](std::size_t c, std::optional<std::size_t> known_width = std::nullopt) {
            r.end[c] = static_cast<std::uint32_t>(text.size() - r.begin);
            r.width[c] = static_cast<std::uint32_t>(known_width ? *known_width
                                                                : utf8::width(std::string_view(text).substr(
                                                                      cell_begin, text.size() - cell_begin)));
            table.width[c] = std::max<std::size_t>(table.width[c], r.width[c]);
            cell_begin = text.size();
        };
        text += status_word(f.status);
        end_cell(0);
        text += std::to_string(f.days_overdue);
        end_cell(1);
        text::append_iso(text, f.due);
        end_cell(2);
        text::append_iso(text, f.meeting_date);
        text += " pkt. ";
        text += std::to_string(f.item_number);
        end_cell(3);
        text::append_one_line(text, f.case_number.empty() ? "-" : f.case_number);
        end_cell(4);
        // Cut, then made one line: a control character is one byte and one column, like the space it becomes.
        const std::size_t title_width = utf8::append_truncated(text, f.title, 60);
        text::make_one_line(text, cell_begin);
        end_cell(5, title_width);
        if (!f.decision.empty()) {
            text += "      Beslutning: ";
            const std::size_t from = text.size();
            utf8::append_truncated(text, f.decision, 200);
            text::make_one_line(text, from);
            text += '\n';
        }
        if (colour_) text += dim;
        text += "      Regel: ";
        text::append_one_line(text, f.rule);
        text += " (";
        text += severity_name(f.severity);
        text += ")  id ";
        text::append_one_line(text, f.id);
        text += "  kilde ";
        text::append_one_line(text, f.source);
        if (colour_) text += reset;
        text += '\n';
        r.details_end = static_cast<std::uint32_t>(text.size() - r.begin);
        table.rows.push_back(r);
    }

    std::string paint(const char* code, const std::string& s) const { return colour_ ? code + s + reset : s; }

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
            const std::string_view text = table.text;
            for (const Row& r : table.rows) {
                out_ += ' ';
                for (std::size_t c = 0, begin = 0; c < columns; begin = r.end[c], ++c) {
                    const std::string_view cell = text.substr(r.begin + begin, r.end[c] - begin);
                    const std::size_t to = c + 1 == columns ? 0 : table.width[c];
                    out_ += ' ';
                    if (c == 0 && colour_) out_ += r.overdue ? red : yellow;
                    append_padded(out_, cell, r.width[c], to, c == 1);
                    if (c == 0 && colour_) out_ += reset;
                }
                out_ += '\n';
                out_ += text.substr(r.begin + r.end[columns - 1], r.details_end - r.end[columns - 1]);
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
