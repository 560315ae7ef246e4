#include "cli/tree_judge.h"

#include <fstream>
#include <sstream>

namespace dmacheck::cli {

std::optional<TreeJudge> readTreeJudge(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  TreeJudge judge;
  bool complete = false;
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string key, value;
    if (!(words >> key >> value)) return std::nullopt;
    if (key == "name") judge.name = value;
    else if (key == "traces") judge.traces = std::atoi(value.c_str());
    else if (key == "tied") judge.tied.push_back(value);
    else if (key == "differing") judge.differing.push_back(value);
    else if (key == "end") complete = true;
    else return std::nullopt;
  }
  if (!complete || judge.name.empty()) return std::nullopt;
  return judge;
}

void writeTreeJudge(const TreeJudge& judge, const std::filesystem::path& file) {
  if (judge.name.empty()) return;
  const std::filesystem::path partial = file.string() + ".partial";
  {
    std::ofstream out(partial);
    out << "name " << judge.name << "\ntraces " << judge.traces << "\n";
    for (const auto& t : judge.tied) out << "tied " << t << "\n";
    for (const auto& f : judge.differing) out << "differing " << f << "\n";
    out << "end .\n";  // a file cut short by a full disk or a kill has no end line
    if (!out) return;
  }
  std::error_code error;
  std::filesystem::rename(partial, file, error);
}

}  // namespace dmacheck::cli
