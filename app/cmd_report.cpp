// opfolg report [common options] [--format text|markdown|html|csv|json|ics] [--excel] [filters] [--output FILE]
#include "app/commands.hpp"
#include "app/pipeline.hpp"
#include "app/log.hpp"
#include "notifier/output.hpp"
#include "notifier/render.hpp"

#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cstdlib>
#include <memory>

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
    Evaluation evaluation = evaluate_store(o.common);
    evaluation.candidates = {};  // not needed for rendering: give the memory back before the output is built
    notifier::Report report;
    report.as_of = evaluation.as_of;
    report.flags = notifier::filter_flags(std::move(evaluation.flags), filter);
    report.generated_at = notifier::generation_time();
    report.show_closed = o.show_closed;
    if (!o.title.empty()) report.title = o.title;

    Stopwatch rendering;
    std::string out;
    if (o.format == "text") {
        const char* no_color = std::getenv("NO_COLOR");
        const bool colour = o.output.empty() && isatty(STDOUT_FILENO) && !(no_color && *no_color);
        out = notifier::render_text(report, colour);
    } else if (o.format == "json") {
        out = notifier::render_json(report);
    } else if (o.format == "markdown") {
        out = notifier::render_markdown(report);
    } else if (o.format == "html") {
        out = notifier::render_html(report);
    } else if (o.format == "csv") {
        out = notifier::render_csv(report, o.excel);
    } else {
        out = notifier::render_ics(report);
    }
    spdlog::debug("render {}: {} flags, {} bytes in {:.1f} ms", o.format, report.flags.size(), out.size(),
                  rendering.ms());
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
