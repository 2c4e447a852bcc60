# Fails when a translations/*.ts file is stale against the sources (lupdate would change it)
# or has a message nobody translated. Run by CTest (tests/ui/i18n); fix with
#   cmake --build build --target update_translations   (then translate what is new)
# Inputs: LUPDATE, GENERATOR (Qt's GenerateLUpdateProject.cmake), PROJECT_CMAKE (the lupdate
# project qt_add_translations wrote for ab_ui), TS_FILES, OPTIONS (as the build uses), WORK_DIR.
cmake_minimum_required(VERSION 3.25)

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(project_json "${WORK_DIR}/project.json")
execute_process(
    COMMAND "${CMAKE_COMMAND}" "-DIN_FILE=${PROJECT_CMAKE}" "-DOUT_FILE=${project_json}"
            -P "${GENERATOR}"
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "could not write the lupdate project from ${PROJECT_CMAKE}")
endif()

set(problems "")
foreach(ts ${TS_FILES})
    get_filename_component(name "${ts}" NAME)
    set(copy "${WORK_DIR}/${name}")
    file(COPY_FILE "${ts}" "${copy}")
    # The same lupdate run as the update_translations target, writing to the copy (-ts wins
    # over the project's own list).
    execute_process(
        COMMAND "${LUPDATE}" -project "${project_json}" ${OPTIONS} -silent -ts "${copy}"
        RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "lupdate failed on ${name}:\n${output}")
    endif()
    file(READ "${ts}" committed)
    file(READ "${copy}" fresh)
    if(NOT committed STREQUAL fresh)
        string(APPEND problems "translations/${name} is stale: sources changed since it was "
               "updated. Run: cmake --build build --target update_translations\n")
        execute_process(COMMAND diff -u "${ts}" "${copy}" OUTPUT_VARIABLE difference)
        string(SUBSTRING "${difference}" 0 4000 difference)
        string(APPEND problems "${difference}\n")
    endif()
    # Every message must be translated: an unfinished one would show English in that language.
    string(REGEX MATCHALL "<source>[^<]*</source>[^<]*(<comment>[^<]*</comment>[^<]*)?(<extracomment>[^<]*</extracomment>[^<]*)?<translation type=\"unfinished\"" unfinished "${committed}")
    string(REGEX MATCHALL "<translation type=\"unfinished\"" unfinished_numerus "${committed}")
    list(LENGTH unfinished_numerus count)
    if(count GREATER 0)
        string(APPEND problems "translations/${name}: ${count} message(s) not translated:\n")
        foreach(entry ${unfinished})
            string(REGEX REPLACE "^<source>([^<]*)</source>.*" "  \\1" entry "${entry}")
            string(APPEND problems "${entry}\n")
        endforeach()
    endif()
endforeach()

if(problems)
    message(FATAL_ERROR "${problems}")
endif()
list(LENGTH TS_FILES count)
message(STATUS "${count} translation files are current and complete")
