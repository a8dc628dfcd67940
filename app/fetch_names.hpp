// What `opfolg fetch` downloads and under which name: URLs (http/https only) and FirstAgenda agenda ids, and the
// file name each gets in the output folder — always a plain name directly in the folder, never a path.
#pragma once
#include <stdexcept>
#include <string>

namespace opfolg::app {

struct BadSource : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

struct Source {
    std::string given;  // as written on the command line or in the list, for messages
    std::string url;
    std::string name;   // the file name it is stored under (before a clash with another URL's name)
    bool agenda = false;  // a FirstAgenda agenda (by id or by its API URL): the body must be a JSON object
};

// "http(s)://host/…" → itself; otherwise, with a base URL, a FirstAgenda agenda id →
// {base}/api/agenda/dagsorden/{id} stored as {id}.json. Throws BadSource with a one-line reason.
Source make_source(const std::string& given, const std::string& base_url);

// Throws BadSource unless `url` is an absolute http:// or https:// URL with a host and no blanks or controls.
void check_url(const std::string& url);

// The base URL without trailing slashes; throws BadSource like check_url.
std::string normalize_base_url(const std::string& base_url);

// FirstAgenda ids are GUIDs; accepted: 1..128 letters, digits, '-' and '_'.
bool valid_agenda_id(const std::string& id);

std::string agenda_url(const std::string& base_url, const std::string& id);

// The agenda id of a FirstAgenda agenda URL (…/api/agenda/dagsorden/{id}), else "".
std::string agenda_id_of(const std::string& url);

// The file name for a URL: FirstAgenda agenda URLs give {id}.json; others their last path segment,
// percent-decoded, with separators and controls replaced by '_', no leading dots, at most 200 bytes.
std::string name_from_url(const std::string& url);

// True for a name that name_from_url could have produced (checked again on names read from the state file).
bool safe_file_name(const std::string& name);

// `name` with a short hash of `url` before its extension: the name of a URL whose plain name another URL has.
std::string disambiguated_name(const std::string& name, const std::string& url);

// True when `name` ends in an extension of a document opfolg reads (.txt .text .md .html .htm .pdf .json).
bool has_document_extension(const std::string& name);

// ".pdf" for application/pdf, ".html", ".json", ".txt", ".md"; "" for other types: the extension a URL's name
// without one gets, so that `opfolg ingest DIR` reads the file.
std::string extension_for(const std::string& content_type);

}  // namespace opfolg::app
