// `dmacheck report TRACE`: a finding written up for a maintainer, in Markdown: the invariant
// in words, the bug it is known as, the trace and its replay in the kernel's log style, which
// variants the trace breaks, and the space-time picture (replay --svg) beside it.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "base/input_error.h"
#include "cli/command.h"
#include "cli/trace_files.h"

namespace dmacheck::cli {

namespace {

namespace fs = std::filesystem;

struct Options {
  std::string file;
  std::string impl;
  std::string md;  // --md FILE; the picture goes beside it as FILE's stem + .svg
};

template <class T>
std::string invariantInWords(const std::string& id) {
  for (const InvariantInfo& i : T::invariants)
    if (i.id == id) return std::string(i.summary);
  return "";
}

// The trace's verdict on every variant: what a maintainer asks first (which kernels have it).
template <class T>
std::string affectedTable(const typename T::Scenario& s, const std::string& invariant) {
  std::string out = "| variant | kernels | verdict |\n|---|---|---|\n";
  for (const auto& impl : T::all()) {
    const auto run = T::check(s, impl, true);
    const std::string verdict = run.firstViolation ? run.firstViolation->invariant : "pass";
    out += fmt::format("| {} | {} | {}{} |\n", impl.name, impl.variant->kernels, verdict,
                       verdict == invariant ? " (this finding)" : "");
  }
  return out;
}

template <class T>
std::string knownAs(const typename T::Implementation& impl, const std::string& invariant) {
  std::string out;
  if (!impl.variant) return out;
  for (const std::string& id : impl.variant->knownBugs)
    if (const auto* bug = T::findBug(id))
      for (const std::string& inv : bug->invariants)
        if (inv == invariant) {
          out += fmt::format("- **{}**: {} (introduced: {}; fixed: {})\n", bug->id, bug->summary, bug->introduced,
                             bug->fixed);
          break;
        }
  return out.empty() ? "- none in the bug table: a new finding\n" : out;
}

template <class T>
int report(const Options& o) {
  const auto trace = loadTrace<T>(o.file);
  const std::string name = o.impl.empty() ? trace.document.impl.value_or("") : o.impl;
  if (name.empty())
    throw InputError(fmt::format("{}: no implementation to report on: give --impl NAME or add an 'impl' line", o.file));
  const auto impl = implementationNamed<T>(name);
  const auto run = T::check(trace.scenario, impl, false, true);
  if (!run.firstViolation)
    throw InputError(fmt::format("{} holds on {}: there is nothing to report (replay shows each step)", o.file,
                                 impl.name));
  const Violation& v = *run.firstViolation;
  std::string picture;
  if (!o.md.empty()) {
    picture = (fs::path(o.md).parent_path() / (fs::path(o.md).stem().string() + ".svg")).string();
    std::vector<SpaceTimeRow> rows;
    for (const auto& r : run.reports) rows.push_back(T::pictureRow(r));
    writeFileAtomically(picture, T::svg(trace.scenario, fmt::format("{} on {}", v.invariant, impl.name), rows,
                                        run.finalViolations));
  }
  std::string md = fmt::format("# {} on {} ({})\n\n", v.invariant, impl.name, T::name);
  md += fmt::format("**The rule.** {}: {}\n\n", v.invariant, invariantInWords<T>(v.invariant));
  md += fmt::format("**What breaks it.** At step {} of {}: {}\n\n", v.step, run.reports.size(), v.detail);
  md += "**Known as.**\n" + knownAs<T>(impl, v.invariant) + "\n";
  md += fmt::format("**The trace** ({} operations; `dmacheck replay {} --impl {}` reruns it):\n\n```\n{}```\n\n",
                    trace.scenario.ops.size(), o.file, impl.name, T::trace(trace.scenario, {impl.name, {}, {}}, &run));
  md += fmt::format("**The replay**, step by step:\n\n```\n{}```\n\n", T::replay(trace.scenario, run));
  if (!picture.empty())
    md += fmt::format("**The picture** (slots or addresses across, steps down; red: the breaking steps):\n\n"
                      "![space-time map of the run]({})\n\n",
                      fs::path(picture).filename().string());
  md += "**Which variants the trace breaks:**\n\n" + affectedTable<T>(trace.scenario, v.invariant) + "\n";
  md += "A KUnit test and a verified patch for the tree are not written yet (`dmacheck export --kunit`, "
        "`dmacheck fix`).\n";
  if (o.md.empty()) {
    std::cout << md;
  } else {
    writeFileAtomically(o.md, md);
    std::cout << fmt::format("report: {} (picture: {})\n", o.md, picture);
  }
  return kExitViolation;
}

}  // namespace

Command addReportCommand(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand("report", "Write a finding up for a maintainer (Markdown, with its picture)");
  app->add_option("file", o->file, "A trace that breaks an invariant (a finding, a corpus trace)")->required();
  app->add_option("--impl", o->impl, "Implementation it breaks (default: the trace's 'impl' line)");
  app->add_option("--md", o->md, "Write the report to this file, the picture beside it as <stem>.svg (default: stdout, no picture)");
  return {app, [o] {
            return withTarget(targetOfFile(o->file, AllTargets::names().front()),
                              [&]<class T>() { return report<T>(*o); });
          }};
}

}  // namespace dmacheck::cli
