#include <phoihop/cli/examples.hpp>

#include <algorithm>
#include <utility>

namespace phoihop::cli {

namespace {

using Table = std::vector<std::pair<std::string_view, std::vector<Example>>>;

// Every command line below runs on the database examples/bentre.sh builds
// (ids, codes and names exist there); test_help.bash runs them, in order, on
// a fresh copy per command.
const Table& table()
{
  static const Table k_examples = {
    {"", // `phoihop` alone and `phoihop --help`
     {{"What is late today", "phoihop task list --overdue"},
      {"The 2018-2022 summary, in Vietnamese", "phoihop report summary --period 2018-2022 --lang vi"},
      {"Each setting, its value and where it came from", "phoihop config show"}}},
    {"agreement add",
     {{"A new regulation between two bodies (created on first mention), term 2025-2029",
       "phoihop agreement add \"Quy chế phối hợp giữa Sở Giáo dục và Đào tạo và Tỉnh đoàn Vĩnh "
       "Long\" --party \"Sở Giáo dục và Đào tạo tỉnh Vĩnh Long\" --party \"Tỉnh đoàn Vĩnh Long\" "
       "--period 2025-2029 --code VL-2025"}}},
    {"agreement sign",
     {{"Who signed for the Youth Union, in what position, on which day",
       "phoihop agreement sign BT-2022 --party \"tinh doan ben tre\" --signer \"Lâm Như Quỳnh\" "
       "--position \"Bí thư Tỉnh đoàn\" --date 01/12/2022"}}},
    {"agreement renew",
     {{"The next term, with the same parties; BT-2022 becomes superseded",
       "phoihop agreement renew BT-2022 --period 2026-2030 --code BT-2026"}}},
    {"agreement end",
     {{"Ended early when both parties ceased in 2025; --force closes its open tasks as unfinished",
       "phoihop agreement end BT-2022 --date 30/06/2025 --status ended_early --reason \"Hợp nhất "
       "tỉnh Bến Tre, Trà Vinh và Vĩnh Long\" --force"}}},
    {"agreement list",
     {{"Agreements in force on a day", "phoihop agreement list --active-on 30/06/2024"},
      {"One party's agreements, as CSV for a spreadsheet",
       "phoihop agreement list --party \"tinh doan ben tre\" --format csv"}}},
    {"agreement show", {{"By code (or id)", "phoihop agreement show BT-2022"}}},
    {"agreement edit",
     {{"Set the place of signing", "phoihop agreement edit BT-2022 --place \"Bến Tre\""}}},
    {"agreement delete",
     {{"Delete with everything that refers to it (see phoihop-agreement(1))",
       "phoihop agreement delete BT-2018 --force"}}},
    {"task add",
     {{"A work item with a lead, a partner and a due date",
       "phoihop task add \"Ngày hội thanh niên khởi nghiệp\" --agreement BT-2022 --code 7 --lead "
       "\"Tỉnh đoàn Bến Tre\" --partner \"UBND tỉnh Bến Tre\" --due 30/09/2026"}}},
    {"task update",
     {{"Progress as it stood on a day (back-dating is allowed)",
       "phoihop task update 1 --date 30/06/2024 --progress 60 --status in_progress --note \"Sơ "
       "kết giữa kỳ\""},
      {"An extension decided on a day: reports before it keep the old due date",
       "phoihop task update 1 --due 31/03/2027 --date 15/11/2026 --note \"Gia hạn theo Kết luận số "
       "12-KL/TU\""}}},
    {"task done", {{"Done on a day", "phoihop task done 6 --date 15/11/2026"}}},
    {"task list",
     {{"What is late today", "phoihop task list --overdue"},
      {"One agreement's tasks still planned, as CSV",
       "phoihop task list --agreement BT-2022 --status planned --format csv"}}},
    {"task show", {{"A task with its partners and update log", "phoihop task show 1"}}},
    {"task edit", {{"Give the follow-up task a due date", "phoihop task edit 7 --due 31/03/2023"}}},
    {"task delete", {{"A task without logged updates", "phoihop task delete 7"}}},
    {"meeting add",
     {{"A mid-term review of the 2022-2026 regulation",
       "phoihop meeting add \"Hội nghị sơ kết giữa kỳ Quy chế phối hợp 2022-2026\" --date "
       "15/06/2024 --kind interim_review --agreement BT-2022 --format hybrid"}}},
    {"meeting attend",
     {{"An attending body (created on first mention), as a delegate",
       "phoihop meeting attend 1 --org \"Sở Giáo dục và Đào tạo tỉnh Bến Tre\" --role delegate"}}},
    {"meeting contribute",
     {{"A prepared contribution (tham luận)",
       "phoihop meeting contribute 1 --org \"Ban Thường vụ Tỉnh đoàn\" --topic \"Kết quả "
       "thực hiện Quy chế giai đoạn 2018-2022\""}}},
    {"meeting conclude",
     {{"A conclusion that is also a follow-up task under BT-2022",
       "phoihop meeting conclude 1 \"Xây dựng kế hoạch phối hợp năm 2023\" --lead \"Tỉnh đoàn "
       "Bến Tre\" --due 31/03/2023 --agreement BT-2022"}}},
    {"meeting list",
     {{"Meetings held in 2022", "phoihop meeting list --period 2022"},
      {"Final reviews of one agreement", "phoihop meeting list --agreement BT-2018 --kind final_review"}}},
    {"meeting show",
     {{"Participants, contributions and conclusions", "phoihop meeting show 1"}}},
    {"meeting edit",
     {{"Set the place", "phoihop meeting edit 1 --place \"Hội trường UBND tỉnh Bến Tre\""}}},
    {"meeting delete",
     {{"With what refers to it (see phoihop-meeting(1))", "phoihop meeting delete 1 --force"}}},
    {"award add",
     {{"A collective commended by a numbered decision, with the decision's details",
       "phoihop award add \"Đoàn Thanh niên Sở Giáo dục và Đào tạo\" --kind collective "
       "--decision \"2345/QĐ-UBND\" --date 15/01/2023 --issuer \"UBND tỉnh Bến Tre\" --agreement BT-2022"},
      {"Another recipient of the same decision (same --decision)",
       "phoihop award add \"Nguyễn Văn A\" --kind individual --unit \"Tỉnh đoàn Bến Tre\" "
       "--decision \"2345/QĐ-UBND\""}}},
    {"award list",
     {{"Individuals commended under the 2018-2022 regulation",
       "phoihop award list --agreement BT-2018 --kind individual"}}},
    {"award show", {{"A recipient with its decision", "phoihop award show 1"}}},
    {"award edit",
     {{"The unit and position of an individual",
       "phoihop award edit 10 --unit \"Tỉnh đoàn Bến Tre\" --position \"Chuyên viên\""}}},
    {"award delete", {{"One recipient", "phoihop award delete 15"}}},
    {"report summary",
     {{"The 2018-2022 summary, in Vietnamese", "phoihop report summary --period 2018-2022 --lang vi"},
      {"Year by year, as CSV in a file",
       "phoihop report summary --period 2022-2026 --each year --format csv --output tong-ket.csv"},
      {"The figures quarter by quarter in one table, a column per quarter",
       "phoihop report summary --period 2022 --each quarter --layout columns"},
      {"The nine-month report, in Vietnamese",
       "phoihop report summary --period \"9 tháng đầu năm 2025\" --lang vi"},
      {"2025 quarter by quarter, each beside the same quarter of 2024",
       "phoihop report summary --period 2025 --each quarter --compare year --agreement BT-2022"},
      {"The report to file, as a Word document (Decree 30/2020), number 15",
       "phoihop report summary --period 2025 --lang vi --number 15 --date-issued 15/01/2026 --output baocao.docx"},
      {"Kept in the register of sent reports as 16/BC-UBND, signed (a number taken this year is refused)",
       "phoihop report summary --period 2025 --lang vi --record --number 16 --symbol BC-UBND --body \"UBND TỈNH BẾN TRE\" "
       "--place \"Bến Tre\" --signer \"Nguyễn Văn A\" --position \"CHỦ TỊCH\" --output bc-16.docx"}}},
    {"report tasks",
     {{"Tasks as they stood at the end of 2025", "phoihop report tasks --period 2025 --agreement BT-2022"}}},
    {"report attention",
     {{"What needs attention today, for cron to mail", "phoihop report attention --period this-year --lang vi"},
      {"The same as CSV, one row per item", "phoihop report attention --period 2025 --format csv"}}},
    {"report meetings",
     {{"Meetings of 2022, as JSON", "phoihop report meetings --period 2022 --format json"}}},
    {"report awards",
     {{"Commendations of 2022, as Markdown in a file",
       "phoihop report awards --period 2022 --output khen-thuong.md"}}},
    {"report sent",
     {{"Keep a report as sent, number 16 of the outgoing register",
       "phoihop report summary --period 2025 --record --number 16 --output bc-16.md"},
      {"What was sent this year", "phoihop report sent list --period this-year"},
      {"Number 16 again, byte for byte", "phoihop report sent show 16 --output ban-sao-16.md"}}},
    {"report sent list",
     {{"Keep a report as sent, number 16 of the outgoing register",
       "phoihop report summary --period 2025 --record --number 16 --output bc-16.md"},
      {"What was sent in 2026, as CSV", "phoihop report sent list --period 2026 --format csv"}}},
    {"report sent show",
     {{"Keep a report as sent, number 16 of the outgoing register",
       "phoihop report summary --period 2025 --record --number 16 --output bc-16.md"},
      {"Number 16 again, byte for byte, into a file", "phoihop report sent show 16 --output ban-sao-16.md"},
      {"Its register entry (number, period, size, sha256, recipients) as JSON",
       "phoihop report sent show 16 --info --format json"}}},
    {"batch",
     {{"Several commands from stdin, all applied or none",
       "printf '%s\\n' 'task done 1 --date 20/11/2026' 'task done 2 --date 20/11/2026' | phoihop "
       "batch -"}}},
    {"log",
     {{"The last three invocations' changes", "phoihop log --limit 3"},
      {"Everything that happened to task 7", "phoihop log --entity task --id 7"}}},
    {"undo",
     {{"What undo would revert, without reverting it", "phoihop undo --dry-run"},
      {"Revert the last change", "phoihop undo"}}},
    {"import",
     {{"Export an agreement, then read it back (a second import changes nothing)",
       "phoihop export --agreement BT-2022 --output bt-2022.toml"},
      {"", "phoihop import bt-2022.toml"}}},
    {"export",
     {{"The whole database as TOML", "phoihop export --output phoihop.toml"},
      {"One agreement with everything it names, as JSON",
       "phoihop export --agreement BT-2022 --format json"}}},
    {"merge",
     {{"Copy the database, then see what merging the copy would do (nothing new)",
       "phoihop db backup ban-sao.db"},
      {"", "phoihop merge ban-sao.db --dry-run"}}},
    {"org add",
     {{"A department with its short name and parent",
       "phoihop org add \"Sở Giáo dục và Đào tạo tỉnh Vĩnh Long\" --short \"Sở GD&ĐT\" --kind "
       "department --parent \"UBND tỉnh Vĩnh Long\""}}},
    {"org list", {{"Search ignores case and accents", "phoihop org list --search \"tinh doan\""}}},
    {"org show", {{"Found by name, short name or alias", "phoihop org show \"ubnd tinh ben tre\""}}},
    {"org rename",
     {{"The old name stays as an alias",
       "phoihop org rename \"Các sở, ban, ngành tỉnh\" \"Các sở, ban, ngành tỉnh Bến Tre\""},
      {"Renamed from a day on: earlier reports keep the old name",
       "phoihop org rename \"Tỉnh đoàn Bến Tre\" \"Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre\" --date 01/01/2024"}}},
    {"org alias",
     {{"Another name the body is known by",
       "phoihop org alias \"Tỉnh đoàn Vĩnh Long\" \"Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh "
       "Vĩnh Long\""}}},
    {"org merge",
     {{"A body entered twice under two names: keep one",
       "phoihop org merge \"Thường vụ các huyện, thành đoàn\" \"Ban Thường vụ Tỉnh đoàn\""}}},
    {"org succeed",
     {{"Succeeded in the 2025 merger of provinces",
       "phoihop org succeed \"UBND các huyện, thành phố\" --by \"UBND tỉnh Vĩnh Long\" --date "
       "01/07/2025"}}},
    {"org edit", {{"Set the short name", "phoihop org edit \"Tỉnh đoàn Vĩnh Long\" --short \"TĐVL\""}}},
    {"config show",
     {{"Each setting, its value and where it came from", "phoihop config show"},
      {"As JSON", "phoihop config show --format json"}}},
    {"completion",
     {{"Completion in this bash (the same line in ~/.bashrc keeps it)",
       "source <(phoihop completion bash)"}}},
    {"db init", {{"Create the database at the default place", "phoihop db init"}}},
    {"db migrate", {{"Upgrade after installing a new version", "phoihop db migrate"}}},
    {"db info", {{"Path, schema version, size and counts, as JSON", "phoihop db info --format json"}}},
    {"db check", {{"Integrity, foreign keys and phoihop's rules", "phoihop db check"}}},
    {"db rules", {{"The rules every record must satisfy, as CSV", "phoihop db rules --format csv"}}},
    {"db backup", {{"A consistent copy while others write", "phoihop db backup sao-luu.db"}}},
    {"db restore",
     {{"Take a copy, then put it back in place of the database while others use it",
       "phoihop db backup sao-luu.db"},
      {"", "phoihop db restore sao-luu.db"}}},
  };
  return k_examples;
}

} // namespace

const std::vector<Example>& examples_of(std::string_view path)
{
  static const std::vector<Example> k_none;
  for (const auto& [command, examples] : table()) {
    if (command == path) {
      return examples;
    }
  }
  return k_none;
}

// A noun's own help shows a few of its verbs' examples: add and list first,
// then the others in table order, the first example of each, three at most
// (or both of a lone verb's).
std::vector<Example> noun_examples(std::string_view noun)
{
  std::vector<std::pair<std::string_view, const std::vector<Example>*>> verbs;
  for (const auto& [command, examples] : table()) {
    if (command.size() > noun.size() && command.substr(0, noun.size()) == noun &&
        command[noun.size()] == ' ') {
      verbs.emplace_back(command.substr(noun.size() + 1), &examples);
    }
  }
  std::stable_partition(verbs.begin(), verbs.end(),
                        [](const auto& v) { return v.first == "add" || v.first == "list"; });
  std::vector<Example> out;
  for (const auto& [verb, examples] : verbs) {
    if (out.size() < 3 && !examples->empty()) {
      out.push_back(examples->front());
    }
  }
  if (out.size() == 1 && verbs.size() == 1) {
    out = *verbs.front().second;
  }
  return out;
}

std::string examples_footer(std::string_view path)
{
  std::vector<Example> examples = examples_of(path);
  if (examples.empty() && !path.empty() && path.find(' ') == std::string_view::npos) {
    examples = noun_examples(path);
  }
  if (examples.empty()) {
    return {};
  }
  std::string footer = "Examples:\n";
  for (const auto& example : examples) {
    if (!example.comment.empty()) {
      footer += "  # " + std::string(example.comment) + "\n";
    }
    footer += "  " + std::string(example.command) + "\n";
  }
  footer.pop_back();
  return footer;
}

std::string closing_lines()
{
  return examples_footer("") +
         "\n\nRun 'phoihop COMMAND --help' for its verbs, options and examples, 'phoihop --help' "
         "for the global options, 'man phoihop' for the manual.";
}

std::string_view overview_of(std::string_view command)
{
  static const std::pair<std::string_view, std::string_view> k_overview[] = {
    {"agreement", "coordination agreements (quy chế phối hợp): parties, signers, terms, status"},
    {"task", "work items (đầu việc) under an agreement and their dated progress"},
    {"meeting", "review meetings: participants, contributions, conclusions"},
    {"award", "commendations (bằng khen, giấy khen) grouped by decision"},
    {"report", "period reports in Markdown, CSV, JSON or Word (.docx)"},
    {"batch", "many commands from a file, in one transaction"},
    {"log", "the recorded changes"},
    {"undo", "revert the last change"},
    {"import", "read an export (TOML, JSON) or a spreadsheet list (CSV)"},
    {"export", "write the database or one agreement as TOML or JSON"},
    {"merge", "bring in another phoihop database"},
    {"org", "organisations, found by any of their names"},
    {"config", "the settings in effect and where each came from"},
    {"db", "the database file: init, info, rules, check, backup, migrate"},
    {"completion", "shell completion for bash, zsh and fish"},
  };
  for (const auto& [name, line] : k_overview) {
    if (name == command) {
      return line;
    }
  }
  return {};
}

} // namespace phoihop::cli
