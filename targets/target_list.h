#pragma once
// A list of Target types (check/target.h) and the run-time choice among them: by the
// name a user gave (--target) or a trace file names ('target' line).
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "base/input_error.h"
#include "check/target.h"

namespace dmacheck {

template <Target... Ts>
struct TargetList {
  static std::vector<std::string> names() { return {std::string(Ts::name)...}; }
  // The names, comma-separated, for messages and --help.
  static std::string namesText() {
    std::string out;
    for (const auto& n : names()) out += (out.empty() ? "" : ", ") + n;
    return out;
  }
  static bool contains(const std::string& name) { return ((name == Ts::name) || ...); }
  // The target named `name` at compile time: Named<indexOf(name)>.
  static constexpr std::size_t indexOf(std::string_view name) {
    std::size_t i = 0, found = sizeof...(Ts);
    ((Ts::name == name ? (found = i, ++i) : ++i), ...);
    return found;
  }
  template <std::size_t I>
  using Named = std::tuple_element_t<I, std::tuple<Ts...>>;
  // Calls `body.template operator()<T>()` for each target in order.
  template <class Body>
  static void forEach(Body&& body) {
    (body.template operator()<Ts>(), ...);
  }
  // Runs `body.template operator()<T>()` for the named target; an unknown name is bad input.
  template <class Body>
  static decltype(auto) with(const std::string& name, Body&& body) {
    using Result = decltype(body.template operator()<std::tuple_element_t<0, std::tuple<Ts...>>>());
    if constexpr (std::is_void_v<Result>) {
      if (!((name == Ts::name && (body.template operator()<Ts>(), true)) || ...)) throw unknownTarget(name);
    } else {
      std::optional<Result> result;
      if (!((name == Ts::name && (result.emplace(body.template operator()<Ts>()), true)) || ...))
        throw unknownTarget(name);
      return Result(std::move(*result));
    }
  }
  static InputError unknownTarget(const std::string& name) {
    return InputError(fmt::format("unknown target '{}' (known targets: {})", name, namesText()));
  }
};

}  // namespace dmacheck
