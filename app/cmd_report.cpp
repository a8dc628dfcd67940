// opfolg report [common options] [--format text|markdown|html|csv|json|ics] [--excel] [filters] [--output FILE]
#include "app/commands.hpp"
#include "app/pipeline.hpp"
#include "app/log.hpp"
#include "notifier/list_writer.hpp"
#include "notifier/output.hpp"
#include "notifier/render.hpp"

#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace opfolg::app {

namespace {
struct ReportOptions {
    CommonOptions common;
    std::string format = "text";
    bool excel = false;
    std::string committee, rule, severity, status, since, output, title;
    bool show_closed = false;
};

int run_report(const ReportOptions& o) {
    notifier::Filter filter;
    try {
        filter = notifier::make_filter(o.committee, o.rule, o.severity, o.status, o.since);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    if (o.excel && o.format != "csv") throw UsageError("--excel only applies to --format csv");
    notifier::Report report;
    report.generated_at = notifier::generation_time();
    report.show_closed = o.show_closed;
    if (!o.title.empty()) report.title = o.title;

    Stopwatch rendering;
    // Every format is written as the flags are read, none of them held (at 100k flags, holding them first was
    // most of the report's time in malloc; the grouped formats hold their rendered rows only). The header names
    // the as-of day before the first flag is read: one day for both, also across midnight.
    report.as_of = resolve_as_of(o.common.as_of);
    CommonOptions common = o.common;
    common.as_of = notifier::iso(report.as_of);
    const char* no_color = std::getenv("NO_COLOR");
    const bool colour = o.format == "text" && o.output.empty() && isatty(STDOUT_FILENO) && !(no_color && *no_color);
    std::unique_ptr<notifier::ListWriter> writer =
        o.format == "csv"        ? notifier::make_csv_writer(report, o.excel)
        : o.format == "json"     ? notifier::make_json_writer(report)
        : o.format == "ics"      ? notifier::make_ics_writer(report)
        : o.format == "markdown" ? notifier::make_markdown_writer(report)
        : o.format == "html"     ? notifier::make_html_writer(report)
                                 : notifier::make_text_writer(report, colour);
    // Only JSON shows a flag's message.
    visit_open_flags(
        common, [&](const rules::Flag& f) {
            if (notifier::passes(f, filter)) writer->add(f);
        },
        /*messages=*/o.format == "json");
    spdlog::debug("read and wrote {}: {} flags (the render time below includes reading)", o.format, writer->count());
    std::vector<std::string> out = writer->finish();  // the document in parts
    if (spdlog::should_log(spdlog::level::debug)) {
        std::size_t bytes = 0;
        for (const auto& part : out) bytes += part.size();
        spdlog::debug("render {}: {} bytes in {:.1f} ms", o.format, bytes, rendering.ms());
    }
    notifier::write_output(o.output, out);
    return exit_ok;
}
}  // namespace

void register_report(CLI::App& app, Commands& out) {
    auto options = std::make_shared<ReportOptions>();
    CLI::App* cmd = app.add_subcommand("report", "list open follow-ups (overdue and pending flags)");
    add_common_options(*cmd, options->common);
    cmd->add_option("--format", options->format, "text (default), markdown, html, csv, json or ics")
        ->check(CLI::IsMember({"text", "markdown", "html", "csv", "json", "ics"}));
    cmd->add_flag("--excel", options->excel, "CSV for Danish Excel: UTF-8 BOM and ';' separators");
    cmd->add_option("--committee", options->committee, "only committees whose name contains this (any case)");
    cmd->add_option("--rule", options->rule, "only flags of this rule id");
    cmd->add_option("--severity", options->severity, "minimum severity: info, low, medium or high");
    cmd->add_option("--status", options->status, "overdue, pending or all (default)");
    cmd->add_option("--since", options->since, "only items from meetings on or after this date (YYYY-MM-DD)");
    cmd->add_option("--output,-o", options->output, "write to this file (atomically) instead of stdout");
    cmd->add_option("--title", options->title, "document title (markdown, html, ics)");
    cmd->add_flag("--show-closed", options->show_closed,
                  "show titles, decisions and case numbers of closed (lukket) items; never in mail");
    out.push_back({cmd, [options] { return run_report(*options); }});
}

}  // namespace opfolg::app
