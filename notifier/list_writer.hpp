// The list formats (CSV, JSON, ICS) written one flag at a time: `report` streams the kept open flags through a
// writer instead of holding a national report's 367k flags first. render_csv/json/ics are the same writers fed
// from a Report, so both ways give the same bytes.
#pragma once
#include "notifier/report.hpp"

#include <memory>
#include <string>
#include <vector>

namespace opfolg::notifier {

class ListWriter {
public:
    virtual ~ListWriter() = default;
    ListWriter(const ListWriter&) = delete;
    ListWriter& operator=(const ListWriter&) = delete;

    // Appends one flag (callers give them most overdue first); a closed item's flag is written redacted unless
    // the report shows closed items.
    void add(const rules::Flag& flag);
    std::size_t count() const { return count_; }
    // The whole document in parts of about a megabyte, to be written in order (notifier/output.hpp); the writer
    // is spent. Parts, not one string: growing one 25 MB string copied it a dozen times and faulted in twice its
    // size, a third of a 100k-flag CSV report.
    std::vector<std::string> finish();

protected:
    explicit ListWriter(bool show_closed);
    virtual void write(const rules::Flag& shown_flag) = 0;
    virtual void close() = 0;  // appends what ends the document
    // Hands the part being written on once it holds about a megabyte (add() does this after every flag; a
    // writer that writes at close() calls it as it goes).
    void flush_if_full();
    std::string out_;          // the part being written

private:
    bool show_closed_;
    std::size_t count_ = 0;
    std::vector<std::string> parts_;  // the full ones
};

// The writers take the report's facts (as-of day, title, generation time, show_closed) from `head`; its flags
// are not read.
std::unique_ptr<ListWriter> make_csv_writer(const Report& head, bool excel = false);
std::unique_ptr<ListWriter> make_json_writer(const Report& head);
std::unique_ptr<ListWriter> make_ics_writer(const Report& head);
// The grouped formats (notifier/grouped_writer.hpp); render_text/markdown/html are these writers fed from a Report.
std::unique_ptr<ListWriter> make_text_writer(const Report& head, bool colour = false);
std::unique_ptr<ListWriter> make_markdown_writer(const Report& head);
std::unique_ptr<ListWriter> make_html_writer(const Report& head);

// Feeds a report's flags, most overdue first, through a writer made for it; the document as one string.
std::string write_list(const Report& report, std::unique_ptr<ListWriter> writer);

}  // namespace opfolg::notifier
