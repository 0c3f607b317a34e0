#include <phoihop/core/shell_words.hpp>

#include <phoihop/core/error.hpp>

namespace phoihop::core {

std::vector<std::string> split_shell_words(std::string_view line)
{
  std::vector<std::string> words;
  std::string word;
  bool in_word = false; // a word has started, even if it is empty ('' or "")
  std::size_t i = 0;
  auto end_word = [&] {
    if (in_word) {
      words.push_back(std::move(word));
      word.clear();
      in_word = false;
    }
  };
  while (i < line.size()) {
    char c = line[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      end_word();
      ++i;
    } else if (c == '#' && !in_word) {
      break;
    } else if (c == '\'') {
      auto close = line.find('\'', i + 1);
      if (close == std::string_view::npos) {
        throw UsageError("unclosed single quote");
      }
      word.append(line.substr(i + 1, close - i - 1));
      in_word = true;
      i = close + 1;
    } else if (c == '"') {
      in_word = true;
      ++i;
      bool closed = false;
      while (i < line.size()) {
        char d = line[i];
        if (d == '"') {
          closed = true;
          ++i;
          break;
        }
        if (d == '\\' && i + 1 < line.size() &&
            (line[i + 1] == '"' || line[i + 1] == '\\' || line[i + 1] == '$' || line[i + 1] == '`')) {
          word += line[i + 1];
          i += 2;
          continue;
        }
        word += d;
        ++i;
      }
      if (!closed) {
        throw UsageError("unclosed double quote");
      }
    } else if (c == '\\') {
      if (i + 1 >= line.size()) {
        throw UsageError("a lone backslash ends the line");
      }
      word += line[i + 1];
      in_word = true;
      i += 2;
    } else {
      word += c;
      in_word = true;
      ++i;
    }
  }
  end_word();
  return words;
}

} // namespace phoihop::core
