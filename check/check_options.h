#pragma once
// How a checker runs a scenario; the same for every target.
namespace dmacheck {

struct CheckOptions {
  bool stopAtFirstViolation = true;
  bool keepReports = false;  // replay wants them; properties and fuzzing do not
};

}  // namespace dmacheck
