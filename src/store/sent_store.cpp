#include "sql.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/json.hpp>
#include <phoihop/core/uid.hpp>
#include <phoihop/store/sent_store.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nettle/sha2.h>
#include <zlib.h>

#include <cstdint>

namespace phoihop::store {

namespace {

// Above this a recorded size is taken for damage, not allocated, and a
// report is not recorded: a decade of a province is a few megabytes, and a
// database sent by another office must not make us allocate gigabytes.
constexpr std::int64_t k_max_sent_size = std::int64_t(512) << 20;
// Deflate cannot expand a stream more than about 1032 times.
constexpr std::int64_t k_max_inflation = 1032;

std::string compressed(std::string_view bytes)
{
  uLongf size = compressBound(static_cast<uLong>(bytes.size()));
  std::string out(size, '\0');
  int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(bytes.data()),
                     static_cast<uLong>(bytes.size()), Z_BEST_COMPRESSION);
  if (rc != Z_OK) {
    throw Failure(fmt::format("cannot compress the report ({})", zError(rc)));
  }
  out.resize(size);
  return out;
}

// The `size` bytes `stream` inflates to, or what keeps it from being so.
std::optional<std::string> inflated(std::string_view stream, std::int64_t size, std::string& fault)
{
  if (size < 0 || size > k_max_sent_size) {
    fault = fmt::format("size {} is not a size of a report", size);
    return std::nullopt;
  }
  if (size > static_cast<std::int64_t>(stream.size()) * k_max_inflation + 1024) {
    fault = fmt::format("its {} bytes of content cannot inflate to the recorded {}", stream.size(), size);
    return std::nullopt;
  }
  // One byte more than recorded: a stream that inflates to more is caught.
  std::string out(static_cast<std::size_t>(size) + 1, '\0');
  uLongf out_size = static_cast<uLongf>(out.size());
  uLong in_size = static_cast<uLong>(stream.size());
  int rc = uncompress2(reinterpret_cast<Bytef*>(out.data()), &out_size,
                       reinterpret_cast<const Bytef*>(stream.data()), &in_size);
  if (rc == Z_BUF_ERROR && out_size == out.size()) {
    fault = fmt::format("its content inflates to more than the recorded {} bytes", size);
    return std::nullopt;
  }
  if (rc != Z_OK || in_size != stream.size()) {
    fault = "its content is not a whole zlib stream";
    return std::nullopt;
  }
  if (static_cast<std::int64_t>(out_size) != size) {
    fault = fmt::format("its content is {} bytes, not the recorded {}", out_size, size);
    return std::nullopt;
  }
  out.resize(out_size);
  return out;
}

// A JSON array of strings (the recipients column).
std::string json_array(const std::vector<std::string>& items)
{
  std::string out = "[";
  for (const auto& item : items) {
    out += out.size() > 1 ? "," : "";
    core::append_json_quoted(out, item);
  }
  return out + "]";
}

#define PHOIHOP_SENT_COLUMNS                                                                           \
  "s.id, s.uid, s.number, s.symbol, s.issued_on, s.recipients, s.view, s.period, s.period_start, "  \
  "s.period_end, s.as_of, s.agreement, s.format, s.lang, s.size, s.sha256, s.created_at "

core::SentReport read_sent(Database::Impl& impl, const Statement& s)
{
  core::SentReport r;
  r.id = s.getColumn(0).getInt64();
  r.uid = column_text(s, 1);
  r.number = s.getColumn(2).getInt64();
  r.symbol = column_text(s, 3);
  r.issued_on = stored_date(column_text(s, 4));
  std::string recipients = column_text(s, 5);
  r.view = column_text(s, 6);
  r.period = column_text(s, 7);
  r.period_start = stored_date(column_text(s, 8));
  r.period_end = stored_date(column_text(s, 9));
  r.as_of = stored_date(column_text(s, 10));
  r.agreement = column_text(s, 11);
  r.format = column_text(s, 12);
  r.lang = column_text(s, 13);
  r.size = s.getColumn(14).getInt64();
  r.sha256 = column_text(s, 15);
  r.created_at = column_text(s, 16);
  if (recipients != "[]") {
    auto& items = impl.stmt("SELECT value FROM json_each(?1) ORDER BY key");
    items.bind(1, recipients);
    while (items.executeStep()) {
      r.recipients.push_back(column_text(items, 0));
    }
  }
  return r;
}

std::vector<core::SentReport> read_all(Database::Impl& impl, Statement& s)
{
  std::vector<core::SentReport> out;
  while (s.executeStep()) {
    out.push_back(read_sent(impl, s));
  }
  return out;
}

std::string year_text(int year)
{
  return fmt::format("{:04}", year);
}

} // namespace

std::string sha256_hex(std::string_view bytes)
{
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&context, SHA256_DIGEST_SIZE, digest);
  static const char k_hex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : digest) {
    out += k_hex[b >> 4];
    out += k_hex[b & 15];
  }
  return out;
}

std::optional<std::string> sent_content_fault(std::optional<std::string_view> content, std::int64_t size,
                                              std::string_view sha256)
{
  if (!content) {
    return std::string("its content is missing");
  }
  std::string fault;
  auto bytes = inflated(*content, size, fault);
  if (!bytes) {
    return fault;
  }
  if (std::string actual = sha256_hex(*bytes); actual != sha256) {
    return fmt::format("its content's sha256 is {}, not the recorded {}", actual, sha256);
  }
  return std::nullopt;
}

core::Id SentStore::insert(core::SentReport& report, std::string_view bytes)
{
  if (auto earlier = find(report.number, report.symbol, report.issued_on.year)) {
    throw Conflict(fmt::format("{} was already sent on {}", earlier->described(), earlier->issued_on.iso()));
  }
  if (report.uid.empty()) {
    report.uid = core::new_uid();
  }
  report.size = static_cast<std::int64_t>(bytes.size());
  report.sha256 = sha256_hex(bytes);
  report.created_at = core::utc_timestamp();
  if (static_cast<std::int64_t>(bytes.size()) > k_max_sent_size) {
    throw UsageError(fmt::format("the report is {} bytes, more than the register of sent reports keeps ({} MiB): "
                                 "record a shorter period",
                                 bytes.size(), k_max_sent_size >> 20));
  }
  SentCopy copy{report, compressed(bytes)};
  report.id = insert_copy(copy);
  return report.id;
}

core::Id SentStore::insert_copy(SentCopy& copy)
{
  auto& impl = m_db.impl();
  const core::SentReport& report = copy.report;
  auto& s = impl.stmt("INSERT INTO sent_report (uid, number, symbol, issued_on, recipients, view, period, "
                      "period_start, period_end, as_of, agreement, format, lang, size, sha256, created_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
  s.bind(1, report.uid);
  s.bind(2, static_cast<int64_t>(report.number));
  bind_text(s, 3, report.symbol);
  s.bind(4, report.issued_on.iso());
  s.bind(5, json_array(report.recipients));
  s.bind(6, report.view);
  s.bind(7, report.period);
  s.bind(8, report.period_start.iso());
  s.bind(9, report.period_end.iso());
  s.bind(10, report.as_of.iso());
  bind_text(s, 11, report.agreement);
  s.bind(12, report.format);
  s.bind(13, report.lang);
  s.bind(14, static_cast<int64_t>(report.size));
  s.bind(15, report.sha256);
  s.bind(16, report.created_at);
  s.exec();
  copy.report.id = impl.last_id();
  if (copy.content) {
    auto& content = impl.stmt("INSERT INTO sent_report_content (sent_report_id, content) VALUES (?1, ?2)");
    content.bind(1, static_cast<int64_t>(copy.report.id));
    content.bind(2, copy.content->data(), static_cast<int>(copy.content->size())); // < 512 MiB
    content.exec();
  }
  return copy.report.id;
}

std::vector<core::SentReport> SentStore::list(const SentFilter& filter)
{
  auto& impl = m_db.impl();
  auto& s = impl.stmt("SELECT " PHOIHOP_SENT_COLUMNS "FROM sent_report s "
                      "WHERE s.issued_on >= ?1 AND s.issued_on <= ?2 "
                      "ORDER BY s.issued_on, s.symbol, s.number, s.id");
  s.bind(1, filter.from ? filter.from->iso() : std::string("0000-00-00"));
  s.bind(2, filter.to ? filter.to->iso() : std::string("9999-99-99"));
  return read_all(impl, s);
}

std::optional<core::SentReport> SentStore::find(std::int64_t number, const std::string& symbol, int year)
{
  auto& impl = m_db.impl();
  // The terms of the unique index sent_report_number, so it finds the row:
  // a symbol is one whatever its (ASCII) case, BC-UBND as bc-ubnd.
  auto& s = impl.stmt("SELECT " PHOIHOP_SENT_COLUMNS "FROM sent_report s WHERE upper(coalesce(s.symbol, '')) = upper(?1) "
                      "AND substr(s.issued_on, 1, 4) = ?2 AND s.number = ?3");
  s.bind(1, symbol);
  s.bind(2, year_text(year));
  s.bind(3, static_cast<int64_t>(number));
  if (s.executeStep()) {
    return read_sent(impl, s);
  }
  return std::nullopt;
}

std::optional<core::SentReport> SentStore::find_uid(const std::string& uid)
{
  auto& impl = m_db.impl();
  auto& s = impl.stmt("SELECT " PHOIHOP_SENT_COLUMNS "FROM sent_report s WHERE s.uid = ?1");
  s.bind(1, uid);
  if (s.executeStep()) {
    return read_sent(impl, s);
  }
  return std::nullopt;
}

core::SentReport SentStore::resolve(const core::DocumentNumber& number, std::optional<int> year)
{
  auto& impl = m_db.impl();
  auto& s = impl.stmt("SELECT " PHOIHOP_SENT_COLUMNS "FROM sent_report s WHERE s.number = ?1 "
                      "ORDER BY s.issued_on, s.symbol, s.id");
  s.bind(1, static_cast<int64_t>(number.number));
  std::vector<core::SentReport> numbered = read_all(impl, s);
  std::vector<core::SentReport> in_year;
  for (auto& r : numbered) {
    if (!year || r.issued_on.year == *year) {
      in_year.push_back(r);
    }
  }
  auto with_symbol = [&](const std::string& symbol) {
    std::vector<core::SentReport> out;
    for (const auto& r : in_year) {
      auto upper = [](std::string text) {
        for (auto& c : text) {
          c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        }
        return text;
      };
      if (upper(r.symbol) == upper(symbol)) {
        out.push_back(r);
      }
    }
    return out;
  };
  // Exactly as printed first; a bare number then stands for any symbol's.
  std::vector<core::SentReport> found = with_symbol(number.symbol.value_or(""));
  if (found.empty() && !number.symbol) {
    found = in_year;
  }
  std::string typed = number.symbol ? fmt::format("{:02}/{}", number.number, *number.symbol)
                                    : fmt::format("{:02}", number.number);
  std::string of_year = year ? fmt::format(" of {}", *year) : std::string();
  if (found.empty()) {
    std::vector<std::string> others;
    for (const auto& r : numbered) {
      others.push_back(r.described());
    }
    throw NotFound(fmt::format("no sent report {}{}{}", typed, of_year,
                               others.empty() ? std::string()
                                              : fmt::format(" (numbered {}: {})", number.number,
                                                            fmt::join(others, ", "))));
  }
  if (found.size() > 1) {
    std::vector<std::string> names;
    bool years = false;
    for (const auto& r : found) {
      names.push_back(r.described());
      years = years || r.issued_on.year != found.front().issued_on.year;
    }
    throw Conflict(fmt::format("{}{} is ambiguous: {}; {}", typed, of_year, fmt::join(names, ", "),
                               years ? "give --year" : "give the number as printed (NUMBER/SYMBOL)"));
  }
  return found.front();
}

std::string SentStore::bytes(const core::SentReport& report)
{
  auto& impl = m_db.impl();
  auto& s = impl.stmt("SELECT content FROM sent_report_content WHERE sent_report_id = ?1");
  s.bind(1, static_cast<int64_t>(report.id));
  std::string fault = "its content is missing";
  std::optional<std::string> out;
  if (s.executeStep()) {
    auto column = s.getColumn(0);
    out = inflated(std::string_view(static_cast<const char*>(column.getBlob()),
                                    static_cast<std::size_t>(column.getBytes())),
                   report.size, fault);
    if (out && sha256_hex(*out) != report.sha256) {
      fault = fmt::format("its content's sha256 is {}, not the recorded {}", sha256_hex(*out), report.sha256);
      out.reset();
    }
  }
  if (!out) {
    throw StoreError(fmt::format("sent report {} in '{}' is damaged: {} (see 'phoihop db check')",
                                 report.described(), m_db.path(), fault));
  }
  return *out;
}

std::vector<SentCopy> SentStore::copies()
{
  auto& impl = m_db.impl();
  std::vector<SentCopy> out;
  for (auto& report : list()) {
    auto& s = impl.stmt("SELECT content FROM sent_report_content WHERE sent_report_id = ?1");
    s.bind(1, static_cast<int64_t>(report.id));
    std::optional<std::string> content;
    if (s.executeStep()) {
      auto column = s.getColumn(0);
      content = std::string(static_cast<const char*>(column.getBlob()), static_cast<std::size_t>(column.getBytes()));
    }
    out.push_back({std::move(report), std::move(content)});
  }
  return out;
}

} // namespace phoihop::store
