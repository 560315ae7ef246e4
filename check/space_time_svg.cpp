#include "check/space_time_svg.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace dmacheck {

namespace {

constexpr int kWidth = 1040, kMapLeft = 56, kMapWidth = 560, kTextLeft = kMapLeft + kMapWidth + 12;
constexpr int kTop = 56, kRow = 16;

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else if (static_cast<unsigned char>(c) >= 0x20) out += c;  // control characters are not XML
  }
  return out;
}

// One past the span's last unit, saturated at the top of a 64-bit space.
std::uint64_t endOf(const SpaceSpan& s) {
  return s.size > std::numeric_limits<std::uint64_t>::max() - s.lo ? std::numeric_limits<std::uint64_t>::max()
                                                                    : s.lo + s.size;
}

// The axis as drawn: linear over the target's space, or, fitted to the spans of a sparse
// space (VFIO's 64 bits), one equal width between consecutive span boundaries (`breaks`).
struct DrawnAxis : SpaceAxis {
  std::vector<std::uint64_t> breaks;  // sorted; empty: linear
};

DrawnAxis fitted(const SpaceTimePicture& p) {
  DrawnAxis a{p.axis, {}};
  if (a.end > a.start) return a;
  std::uint64_t lo = std::numeric_limits<std::uint64_t>::max(), hi = 0;
  for (const SpaceTimeRow& row : p.rows)
    for (const SpaceSpan& s : row.spans) {
      lo = std::min(lo, s.lo);
      hi = std::max(hi, endOf(s));
    }
  if (hi <= lo) lo = 0, hi = 1;
  a.start = lo, a.end = hi;
  for (const SpaceTimeRow& row : p.rows)
    for (const SpaceSpan& s : row.spans) a.breaks.insert(a.breaks.end(), {s.lo, endOf(s)});
  a.breaks.insert(a.breaks.end(), {lo, hi});
  std::sort(a.breaks.begin(), a.breaks.end());
  a.breaks.erase(std::unique(a.breaks.begin(), a.breaks.end()), a.breaks.end());
  if (a.breaks.size() < 2) a.breaks.clear();
  return a;
}

// A position in the space as an x coordinate (long double: spans of a 64-bit space).
double xOf(const DrawnAxis& a, std::uint64_t v) {
  const std::uint64_t clamped = std::clamp(v, a.start, a.end);
  if (a.breaks.empty())
    return kMapLeft + static_cast<double>((clamped - a.start) / static_cast<long double>(a.end - a.start) * kMapWidth);
  const auto next = std::upper_bound(a.breaks.begin(), a.breaks.end(), clamped);
  if (next == a.breaks.end()) return kMapLeft + kMapWidth;
  const std::size_t i = static_cast<std::size_t>(next - a.breaks.begin()) - 1;
  const long double within = static_cast<long double>(clamped - a.breaks[i]) / (*next - a.breaks[i]);
  return kMapLeft + static_cast<double>((i + within) / (a.breaks.size() - 1) * kMapWidth);
}

const char* fillOf(SpanKind k) {
  switch (k) {
    case SpanKind::Live: return "#4e79a7";
    case SpanKind::Cached: return "#f28e2b";
    case SpanKind::Queued: return "#9c755f";
  }
  return "#000000";
}

std::string spanBox(const DrawnAxis& a, const SpaceSpan& s, int y) {
  const double x0 = xOf(a, s.lo), x1 = xOf(a, endOf(s));
  const double w = std::max(1.0, x1 - x0);
  std::string out = fmt::format(
      "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\" fill-opacity=\"0.7\" stroke=\"#ffffff\" "
      "stroke-width=\"0.5\"><title>{} {:#x}+{:#x}</title></rect>\n",
      x0, y + 2, w, kRow - 4, fillOf(s.kind), escaped(s.label), s.lo, s.size);
  if (w >= 7.0 * static_cast<double>(s.label.size()) && !s.label.empty())
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"9\" fill=\"#ffffff\">{}</text>\n", x0 + 2, y + kRow - 5,
                       escaped(s.label));
  return out;
}

// Where two live spans overlap (a double allocation), a red box over both.
std::string overlaps(const DrawnAxis& a, const std::vector<SpaceSpan>& spans, int y) {
  std::string out;
  for (std::size_t i = 0; i < spans.size(); ++i)
    for (std::size_t j = i + 1; j < spans.size(); ++j) {
      const SpaceSpan &p = spans[i], &q = spans[j];
      if (p.kind != SpanKind::Live || q.kind != SpanKind::Live) continue;
      const std::uint64_t lo = std::max(p.lo, q.lo), hi = std::min(endOf(p), endOf(q));
      if (lo >= hi) continue;
      out += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"#d62728\"><title>{} and {} overlap: "
          "{:#x}-{:#x}</title></rect>\n",
          xOf(a, lo) - 1, y, std::max(4.0, xOf(a, hi) - xOf(a, lo) + 2), kRow, escaped(p.label), escaped(q.label), lo, hi);
    }
  return out;
}

std::string row(const DrawnAxis& a, const SpaceTimeRow& r, std::size_t step, int y) {
  const bool broken = !r.violations.empty();
  std::string out = fmt::format("<text x=\"4\" y=\"{}\" font-size=\"10\" fill=\"#555555\">{}</text>\n", y + kRow - 4,
                                step);
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\"/>\n", kMapLeft, y,
                     kMapWidth, kRow, step % 2 ? "#f7f7f7" : "#ffffff", broken ? "#d62728" : "none");
  for (const SpaceSpan& s : r.spans) out += spanBox(a, s, y);
  out += overlaps(a, r.spans, y);
  std::string text = r.op;
  if (broken) {
    std::string ids;
    for (const std::string& v : r.violations) ids += (ids.empty() ? "" : ", ") + v;
    text = "! " + ids + "  " + text;
  }
  out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{}\">{}</text>\n", kTextLeft, y + kRow - 4,
                     broken ? "#d62728" : "#222222", escaped(text));
  return out;
}

std::string header(const SpaceTimePicture& p, const DrawnAxis& a) {
  std::string out = fmt::format("<text x=\"4\" y=\"18\" font-size=\"13\" font-weight=\"bold\">{}</text>\n",
                                escaped(p.title));
  // Linear: start, middle and end; broken: every boundary while they fit, else the two ends.
  std::vector<std::uint64_t> ticks = {a.start, a.start + (a.end - a.start) / 2, a.end};
  if (!a.breaks.empty()) ticks = a.breaks.size() <= 6 ? a.breaks : std::vector<std::uint64_t>{a.start, a.end};
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    const char* anchor = i == 0 ? "start" : i + 1 == ticks.size() ? "end" : "middle";
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"10\" text-anchor=\"{}\">{:#x}</text>\n",
                       xOf(a, ticks[i]), kTop - 8, anchor, ticks[i]);
  }
  out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555555\">{}s across{}, "
                     "steps down</text>\n",
                     kMapLeft + kMapWidth / 2, kTop - 22, escaped(a.unit),
                     a.breaks.empty() ? "" : " (each gap between boundaries drawn the same width)");
  out += fmt::format("<text x=\"4\" y=\"{}\" font-size=\"10\" fill=\"#555555\">step</text>\n", kTop - 8);
  return out;
}

std::string legend(int y) {
  std::string out;
  int x = kMapLeft;
  for (const auto& [kind, name] : {std::pair{SpanKind::Live, "live buffer"}, std::pair{SpanKind::Cached, "cached"},
                                   std::pair{SpanKind::Queued, "queued for a flush"}}) {
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"10\" fill=\"{}\" fill-opacity=\"0.7\"/>\n", x, y,
                       fillOf(kind));
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\">{}</text>\n", x + 16, y + 9, name);
    x += 130;
  }
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"10\" fill=\"#d62728\"/>\n", x, y);
  out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\">two live buffers overlap</text>\n", x + 16, y + 9);
  x += 190;
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"10\" fill=\"none\" stroke=\"#d62728\"/>\n", x, y);
  out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\">a step that broke an invariant</text>\n", x + 16, y + 9);
  return out;
}

}  // namespace

std::string renderSpaceTimeSvg(const SpaceTimePicture& p) {
  const DrawnAxis a = fitted(p);
  const int rows = static_cast<int>(p.rows.size()) + (p.finalViolations.empty() ? 0 : 1);
  const int height = kTop + rows * kRow + 40;
  std::string out = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"monospace\">\n<rect width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n",
      kWidth, height);
  out += header(p, a);
  int y = kTop;
  for (std::size_t i = 0; i < p.rows.size(); ++i, y += kRow) out += row(a, p.rows[i], i + 1, y);
  if (!p.finalViolations.empty()) {
    SpaceTimeRow end{"(after the last step: the whole-state check)", {}, p.finalViolations};
    out += row(a, end, p.rows.size() + 1, y);
    y += kRow;
  }
  out += legend(y + 14);
  return out + "</svg>\n";
}

}  // namespace dmacheck
