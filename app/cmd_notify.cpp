// opfolg checklist --committee NAME [--for-meeting DATE] [--format markdown|html|text]
// opfolg digest [--from ADDR --to ADDR,… | --config FILE [--all]] [--sendmail PATH | --smtp URL] [--quiet-if-empty]
#include "app/commands.hpp"
#include "app/pipeline.hpp"
#include "notifier/checklist.hpp"
#include "notifier/delivery.hpp"
#include "notifier/digest.hpp"
#include "notifier/output.hpp"
#include "notifier/subscriptions.hpp"
#include "notifier/utf8.hpp"
#include "text/iso_date.hpp"
#include "tracker/store.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>

#include <unistd.h>

namespace opfolg::app {

namespace {

// ---- checklist ----

struct ChecklistOptions {
    CommonOptions common;
    std::string committee, for_meeting, format, output;  // format "": chosen by where the checklist goes
};

int run_checklist(const ChecklistOptions& o) {
    if (o.committee.empty()) throw UsageError("checklist: --committee is required");
    std::optional<date::year_month_day> meeting;
    if (!o.for_meeting.empty()) {
        date::year_month_day d;
        if (!text::parse_iso(o.for_meeting, d))
            throw UsageError("--for-meeting: \"" + o.for_meeting + "\" is not a date (YYYY-MM-DD)");
        meeting = d;
    }
    const Evaluation evaluation = evaluate_store(o.common);
    const std::string db = o.common.db.empty() ? default_db_path() : o.common.db;
    tracker::Store store(db, /*read_only=*/true);
    notifier::Checklist list;
    try {
        list = notifier::committee_checklist(store, evaluation.flags, o.committee, meeting, evaluation.as_of);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    const std::string format = notifier::checklist_format(o.format, o.output, isatty(STDOUT_FILENO) != 0);
    std::string out = format == "html"   ? notifier::render_checklist_html(list)
                      : format == "text" ? notifier::render_checklist_text(list)
                                         : notifier::render_checklist_markdown(list);
    notifier::write_output(o.output, out);
    return exit_ok;
}

// ---- digest ----

struct DigestOptions {
    CommonOptions common;
    std::string from, config, sendmail, smtp, smtp_user, smtp_password, subject_prefix;
    std::vector<std::string> to;
    bool all = false, quiet_if_empty = false, require_tls = false;
    std::string committee, rule, severity, status;
};

struct Outgoing {
    std::vector<std::string> envelope_to;
    std::string raw;
};

std::vector<notifier::mime::Mailbox> mailboxes(const std::vector<std::string>& list, const char* option) {
    std::vector<notifier::mime::Mailbox> out;
    for (const auto& a : list) {
        try {
            out.push_back(notifier::mime::parse_mailbox(a));
        } catch (const notifier::mime::MailError& e) {
            throw UsageError(std::string(option) + ": " + e.what());
        }
    }
    return out;
}

int run_digest(const DigestOptions& o) {
    notifier::Filter filter;
    try {
        filter = notifier::make_filter(o.committee, o.rule, o.severity, o.status, "");
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    notifier::DigestConfig config;
    if (!o.config.empty()) {
        try {
            config = notifier::load_digest_config(o.config);
        } catch (const notifier::ConfigError& e) {
            throw UsageError(e.what());
        }
    }
    const std::string from_text = !o.from.empty() ? o.from : config.from;
    if (from_text.empty()) throw UsageError("digest: give --from ADDRESS (or from = … in --config)");
    const auto from = mailboxes({from_text}, "--from").front();
    if (o.all && config.subscriptions.empty())
        throw UsageError("digest --all: --config FILE with [recipient …] sections is required");
    if (o.all && !o.to.empty()) throw UsageError("digest: --all and --to exclude each other");
    const auto to = mailboxes(o.to.empty() ? config.to : o.to, "--to");
    if (!o.all && to.empty()) throw UsageError("digest: give --to ADDRESS[,ADDRESS…], or --config FILE --all");
    const std::string sendmail = !o.sendmail.empty() ? o.sendmail : (o.smtp.empty() ? config.sendmail : "");
    const std::string smtp = !o.smtp.empty() ? o.smtp : (o.sendmail.empty() ? config.smtp : "");
    if (!sendmail.empty() && !smtp.empty()) throw UsageError("digest: --sendmail and --smtp exclude each other");
    const std::string prefix = !o.subject_prefix.empty() ? o.subject_prefix : config.subject_prefix;

    const Evaluation evaluation = evaluate_store(o.common);
    const auto flags = notifier::filter_flags(evaluation.flags, filter);
    const auto now = notifier::generation_time();
    auto make = [&](std::vector<rules::Flag> selected, const std::vector<notifier::mime::Mailbox>& recipients,
                    std::vector<Outgoing>& out) {
        if (selected.empty() && o.quiet_if_empty) return;
        notifier::Report report;
        report.as_of = evaluation.as_of;
        report.flags = std::move(selected);
        report.generated_at = now;
        Outgoing m;
        for (const auto& r : recipients) m.envelope_to.push_back(r.address);
        m.raw = notifier::mime::build(notifier::digest_message(report, from, recipients, prefix));
        out.push_back(std::move(m));
    };
    std::vector<Outgoing> messages;
    if (o.all) {
        for (const auto& s : config.subscriptions) make(notifier::flags_for(s, flags), {s.recipient}, messages);
    } else {
        make(flags, to, messages);
    }
    if (messages.empty()) return exit_ok;  // --quiet-if-empty and nothing to say

    if (sendmail.empty() && smtp.empty()) {
        std::vector<std::string> raws;
        for (const auto& m : messages) raws.push_back(m.raw);
        notifier::write_messages(std::cout, raws);
        std::cout.flush();
        return std::cout ? exit_ok : exit_failure;
    }
    notifier::SmtpOptions smtp_options;
    smtp_options.url = smtp;
    smtp_options.user = !o.smtp_user.empty() ? o.smtp_user : config.smtp_user;
    const char* env_password = std::getenv("OPFOLG_SMTP_PASSWORD");
    smtp_options.password = !o.smtp_password.empty() ? o.smtp_password
                            : env_password          ? env_password
                                                    : config.smtp_password;
    smtp_options.require_tls = o.require_tls;
    int failures = 0;
    for (const auto& m : messages) {
        try {
            if (!sendmail.empty()) notifier::deliver_sendmail(sendmail, m.raw);
            else notifier::deliver_smtp(smtp_options, from.address, m.envelope_to, m.raw);
        } catch (const notifier::mime::MailError& e) {
            ++failures;
            std::cerr << "opfolg: error: " << e.what() << '\n';
        }
    }
    return failures ? exit_failure : exit_ok;
}

}  // namespace

void register_notifier_commands(CLI::App& app, Commands& out) {
    auto c = std::make_shared<ChecklistOptions>();
    CLI::App* checklist = app.add_subcommand("checklist", "what the clerk must bring to a committee's next meeting");
    add_common_options(*checklist, c->common);
    checklist->add_option("--committee", c->committee, "the committee (any unique part of its name, any case)")
        ->required();
    checklist->add_option("--for-meeting", c->for_meeting,
                          "the meeting date, YYYY-MM-DD (default: estimated from the stored meetings)");
    checklist->add_option("--format", c->format,
                          "text, markdown or html (default: by --output's extension; else text on a terminal, "
                          "Markdown to a pipe or file)")
        ->check(CLI::IsMember({"markdown", "html", "text"}));
    checklist->add_option("--output,-o", c->output, "write to this file (atomically) instead of stdout");
    out.push_back({checklist, [c] { return run_checklist(*c); }});

    auto d = std::make_shared<DigestOptions>();
    CLI::App* digest = app.add_subcommand("digest", "the open follow-ups as an e-mail (stdout, sendmail or SMTP)");
    add_common_options(*digest, d->common);
    digest->add_option("--from", d->from, "sender address, \"Name <addr>\" or addr");
    digest->add_option("--to", d->to, "recipient address(es), comma-separated or repeated")->delimiter(',');
    digest->add_option("--config", d->config, "subscriptions file (see examples/subscriptions.conf)");
    digest->add_flag("--all", d->all, "one message per [recipient] of --config, with only their flags");
    digest->add_option("--sendmail", d->sendmail, "deliver by piping to PATH -t -i");
    digest->add_option("--smtp", d->smtp, "deliver over SMTP: smtp://host:port (STARTTLS if offered) or smtps://");
    digest->add_option("--smtp-user", d->smtp_user, "SMTP user name");
    digest->add_option("--smtp-password", d->smtp_password, "SMTP password (or $OPFOLG_SMTP_PASSWORD)");
    digest->add_flag("--require-tls", d->require_tls, "refuse to send over SMTP without TLS");
    digest->add_option("--subject-prefix", d->subject_prefix, "text before the subject (default \"opfolg:\")");
    digest->add_flag("--quiet-if-empty", d->quiet_if_empty, "no message and exit 0 when nothing is open");
    digest->add_option("--committee", d->committee, "only committees whose name contains this (any case)");
    digest->add_option("--rule", d->rule, "only flags of this rule id");
    digest->add_option("--severity", d->severity, "minimum severity: info, low, medium or high");
    digest->add_option("--status", d->status, "overdue, pending or all (default)");
    out.push_back({digest, [d] { return run_digest(*d); }});
}

}  // namespace opfolg::app
