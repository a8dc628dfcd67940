// The frame every page shares, the stylesheet, and URL encoding.
#include "notifier/render.hpp"
#include "web/pages.hpp"

namespace opfolg::web {

using notifier::html_escape;

std::string url_encode(const std::string& s) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

std::string page(const std::string& title, const std::string& body, const PageContext& ctx) {
    const std::string as_of = ctx.as_of.empty() ? "" : "?as_of=" + url_encode(ctx.as_of);
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + html_escape(title) +
        " – opfolg</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n<nav>\n"
        "<a href=\"/" + as_of + "\">Opfølgninger</a> <a href=\"/search\">Søg</a> <a href=\"/checklist" + as_of +
        "\">Tjekliste</a> <a href=\"/audit\">Log</a>\n<span class=\"who\">";
    if (ctx.viewer.logged_in()) out += "Logget ind som " + html_escape(ctx.viewer.user);
    else if (ctx.viewer.auth) out += "<a href=\"/login\">Log ind</a>";
    if (ctx.viewer.read_only) out += " (kun læsning)";
    out += "</span>\n</nav>\n<main>\n" + body + "</main>\n<footer>";
    out += ctx.last_ingest.empty() ? std::string("Ingen data indlæst endnu.")
                                   : "Data pr. seneste indlæsning " + html_escape(ctx.last_ingest) + ".";
    out += "</footer>\n</body>\n</html>\n";
    return out;
}

std::string message_page(const std::string& title, const std::string& text, const PageContext& ctx) {
    return page(title, "<h1>" + html_escape(title) + "</h1>\n<p>" + html_escape(text) + "</p>\n", ctx);
}

const char* stylesheet() {
    return R"css(body{font-family:system-ui,sans-serif;margin:0;color:#1f2933;background:#fff;line-height:1.4}
nav{background:#243b53;padding:.6em 1em;display:flex;flex-wrap:wrap;gap:.4em 1.2em;align-items:center}
nav a{color:#fff;text-decoration:none;font-weight:600}
nav .who{margin-left:auto;color:#d9e2ec;font-size:13px}nav .who a{font-weight:400}
main{padding:1em;max-width:1400px}
footer{padding:1em;color:#616e7c;font-size:12px;border-top:1px solid #e4e7eb}
h1{font-size:1.5em;margin:.3em 0 .5em}h2{font-size:1.15em;margin-top:1.6em}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin-bottom:1.5em;font-size:13px}
th,td{border:1px solid #cbd2d9;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:#e4e7eb}th a{color:inherit}td.num{text-align:right}td.d,td.num,td.overdue,td.pending{white-space:nowrap}
.scroll table{min-width:760px}
.overdue{color:#b42318;font-weight:bold}.pending{color:#9a6700}
.meta{color:#616e7c;font-size:12px}
.status{padding:.6em .8em;border-radius:4px;background:#fdf2f2;border:1px solid #f8b4b4}
.status.done{background:#f0fdf4;border-color:#86efac}
figure{margin:1em 0}figure svg{max-width:100%;height:auto}
form.filters{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:flex-end;margin-bottom:1em}
form.filters label,form.action label{display:flex;flex-direction:column;font-size:12px;color:#52606d}
form.action{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:flex-end;padding:.6em;margin:.6em 0;
border:1px solid #cbd2d9;border-radius:4px}
input,select,button{font-size:14px;padding:4px 6px;max-width:100%}form.filters label{max-width:100%}button{cursor:pointer}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1em}dt{font-weight:600}dd{margin:0}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f5f7fa;padding:.8em;font-size:12px}
.downloads a{margin-right:.8em}
ul.hits li{margin:.6em 0}
li{margin:.4em 0}
@media (max-width:700px){main{padding:.5em}dl{grid-template-columns:1fr}th,td{font-size:12px}}
@media print{nav,footer,form,.downloads,.noprint{display:none}main{padding:0}body{font-size:11pt}
ul{padding-left:0}li{list-style:none;break-inside:avoid}a{color:inherit;text-decoration:none}}
)css";
}

}  // namespace opfolg::web
