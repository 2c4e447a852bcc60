# Where things are installed, per platform. Included from the top-level CMakeLists.txt before
# app/ and ui/, so their install() rules and the GUI's plugin lookup use the same layout that
# packaging/CMakeLists.txt packs:
#
#   Linux    <prefix>/bin/actionbench, actionbench-cli
#            <prefix>/${CMAKE_INSTALL_LIBDIR}/actionbench/plugins/   (the WebEngine plugin)
#   Windows  <install dir>/actionbench.exe, actionbench-cli.exe, the Qt DLLs, plugins/ (Qt's)
#            and plugins/actionbench/ (ours): windeployqt's flat layout, which is where
#            QtWebEngineProcess.exe and its resources/ end up and are looked for
#   macOS    Actionbench.app/Contents/MacOS/actionbench (+ actionbench-cli, so macdeployqt
#            fixes both), Contents/PlugIns/actionbench/ (ours)
#
# ACTIONBENCH_PLUGIN_RELATIVE_DIR is the plugin directory relative to the GUI executable's
# directory, for QPluginLoader: applicationDirPath() + "/" + that. The CLI's services plugin is
# installed there too; ACTIONBENCH_CLI_PLUGIN_RELATIVE_DIR is the same directory seen from the
# CLI's directory (which is the GUI's except in a headless macOS build).
include(GNUInstallDirs)

# Shared with tests/package: the AppStream id (metainfo file name) and the hicolor PNG sizes.
set(ACTIONBENCH_APP_ID io.github.actionbench.Actionbench)
set(ACTIONBENCH_ICON_SIZES 16 22 24 32 48 64 128 256 512)

set(ACTIONBENCH_BUNDLE_NAME Actionbench)
if(WIN32)
    set(CMAKE_INSTALL_BINDIR .)
    set(ACTIONBENCH_CLI_INSTALL_DIR .)
    set(ACTIONBENCH_PLUGIN_INSTALL_DIR plugins/actionbench)
    set(ACTIONBENCH_PLUGIN_RELATIVE_DIR plugins/actionbench)
elseif(APPLE)
    set(ACTIONBENCH_PLUGIN_INSTALL_DIR ${ACTIONBENCH_BUNDLE_NAME}.app/Contents/PlugIns/actionbench)
    set(ACTIONBENCH_PLUGIN_RELATIVE_DIR ../PlugIns/actionbench)
    if(ACTIONBENCH_BUILD_GUI AND EXISTS ${PROJECT_SOURCE_DIR}/ui/main.cpp)
        set(ACTIONBENCH_CLI_INSTALL_DIR ${ACTIONBENCH_BUNDLE_NAME}.app/Contents/MacOS)
    else()
        set(ACTIONBENCH_CLI_INSTALL_DIR ${CMAKE_INSTALL_BINDIR})
    endif()
else()
    set(ACTIONBENCH_CLI_INSTALL_DIR ${CMAKE_INSTALL_BINDIR})
    set(ACTIONBENCH_PLUGIN_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/actionbench/plugins)
    file(RELATIVE_PATH ACTIONBENCH_PLUGIN_RELATIVE_DIR
        /prefix/${CMAKE_INSTALL_BINDIR} /prefix/${ACTIONBENCH_PLUGIN_INSTALL_DIR})
endif()
file(RELATIVE_PATH ACTIONBENCH_CLI_PLUGIN_RELATIVE_DIR
    /prefix/${ACTIONBENCH_CLI_INSTALL_DIR} /prefix/${ACTIONBENCH_PLUGIN_INSTALL_DIR})
