# The one CMake list of targets (targets/registry.h is the C++ one). Every library, test and
# fuzz target below is made from it: a target's files are found in its own folders.
set(DMACHECK_TARGETS swiotlb iova pagesize)

# Appends to VAR every *.cpp in <this folder>/<target>/ of each target, tests left out.
function(dmacheck_target_sources var)
  set(out ${${var}})
  foreach(t ${DMACHECK_TARGETS})
    file(GLOB found CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${t}/*.cpp)
    list(FILTER found EXCLUDE REGEX "_test\\.cpp$")
    list(APPEND out ${found})
  endforeach()
  set(${var} ${out} PARENT_SCOPE)
endfunction()

# One gtest executable and ctest entry (PREFIX.<target>) per target folder with *_test.cpp,
# linked with the given libraries; DMACHECK_CORPUS_DIR names the target's corpus.
function(dmacheck_target_tests prefix)
  foreach(t ${DMACHECK_TARGETS})
    file(GLOB found CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${t}/*_test.cpp)
    if(found)
      add_executable(${prefix}_${t}_tests ${found})
      target_link_libraries(${prefix}_${t}_tests PRIVATE ${ARGN} GTest::gtest_main)
      target_compile_definitions(${prefix}_${t}_tests PRIVATE DMACHECK_CORPUS_DIR="${PROJECT_SOURCE_DIR}/corpus/${t}")
      add_test(NAME ${prefix}.${t} COMMAND ${prefix}_${t}_tests)
    endif()
  endforeach()
endfunction()
