// JSON with a fixed key order (docs/report-json.md); scripts rely on it, so keys are only ever appended.
#include "notifier/render.hpp"
#include "notifier/list_writer.hpp"

#include <nlohmann/json.hpp>

namespace opfolg::notifier {

namespace {
constexpr auto replace = nlohmann::ordered_json::error_handler_t::replace;  // bad UTF-8 in a source file

// Written one flag at a time, byte for byte what dump(2) of the whole document gave: a DOM of a national report
// (367k flags) was half a gigabyte and most of a second before the first byte.
class JsonWriter final : public ListWriter {
public:
    explicit JsonWriter(const Report& head) : ListWriter(head.show_closed) {
        out_ = "{\n  \"as_of\": " + nlohmann::ordered_json(iso(head.as_of)).dump() + ",\n  \"flags\": [";
    }

private:
    void write(const rules::Flag& f) override {
        nlohmann::ordered_json j;
        j["id"] = f.id;
        j["rule"] = f.rule;
        j["status"] = rules::to_string(f.status);
        j["severity"] = severity_name(f.severity);
        j["committee"] = f.committee;
        j["meeting_date"] = iso(f.meeting_date);
        j["item_number"] = f.item_number;
        j["title"] = f.title;
        j["case_number"] = f.case_number;
        j["decision"] = f.decision;
        j["due"] = iso(f.due);
        j["days_overdue"] = f.days_overdue;
        j["source"] = f.source;
        j["closed"] = f.closed;
        j["rule_title"] = f.rule_title;
        j["due_source"] = f.due_source;
        j["message"] = f.message;
        out_ += first_ ? "\n    " : ",\n    ";
        first_ = false;
        // The object one level deeper: every line break of its dump gets four more spaces (strings hold no raw
        // line break: JSON escapes them).
        for (char c : j.dump(2, ' ', false, replace)) {
            out_ += c;
            if (c == '\n') out_ += "    ";
        }
    }
    void close() override { out_ += first_ ? "]\n}\n" : "\n  ]\n}\n"; }

    bool first_ = true;
};
}  // namespace

std::unique_ptr<ListWriter> make_json_writer(const Report& head) { return std::make_unique<JsonWriter>(head); }

std::string render_json(const Report& report) { return write_list(report, make_json_writer(report)); }

}  // namespace opfolg::notifier
