# Windows: an NSIS installer (CPack NSIS; NSIS 3 is on GitHub's Windows runners) holding the
# flat layout windeployqt expects (see packaging/installdirs.cmake): actionbench.exe,
# actionbench-cli.exe, the Qt DLLs, qt.conf, plugins/, and for WebEngine QtWebEngineProcess.exe,
# resources/ and translations/qtwebengine_locales/. Included from packaging/CMakeLists.txt.
set(CPACK_GENERATOR NSIS)

if(TARGET actionbench)
    # The executable's icon and version resource.
    if(TARGET actionbench_icons)
        configure_file(${CMAKE_CURRENT_SOURCE_DIR}/windows/actionbench.rc.in
            ${CMAKE_CURRENT_BINARY_DIR}/actionbench.rc @ONLY)
        target_sources(actionbench PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/actionbench.rc)
        add_dependencies(actionbench actionbench_icons)
    endif()

    # Qt's deployment (windeployqt) over every binary we ship. The WebEngine plugin is passed
    # too: the executable does not link WebEngine, so only the plugin makes windeployqt deploy
    # Qt WebEngine with QtWebEngineProcess.exe and its resources. Likewise the CLI's services
    # plugin brings Qt HTTP Server, WebSockets and NetworkAuth, which the CLI no longer links.
    set(deploy_extra "")
    if(TARGET actionbench-cli)
        string(APPEND deploy_extra
            "    ADDITIONAL_EXECUTABLES \"\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:actionbench-cli>\"\n")
    endif()
    foreach(plugin actionbench_connectview actionbench_cliservices)
        if(TARGET ${plugin})
            string(APPEND deploy_extra
                "    ADDITIONAL_MODULES \"${ACTIONBENCH_PLUGIN_INSTALL_DIR}/$<TARGET_FILE_NAME:${plugin}>\"\n")
        endif()
    endforeach()
    if(COMMAND qt_generate_deploy_script) # Qt >= 6.5
        qt_generate_deploy_script(TARGET actionbench OUTPUT_SCRIPT deploy_script CONTENT "
qt_deploy_runtime_dependencies(
    EXECUTABLE \"\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:actionbench>\"
${deploy_extra}    GENERATE_QT_CONF
)")
    else() # Qt 6.4: the app only; the CLI's and the plugin's extra Qt modules are not deployed
        message(WARNING "Qt ${Qt6_VERSION}: the Windows installer deploys what actionbench.exe "
            "links only; use Qt >= 6.5 to deploy the CLI's and the WebEngine plugin's modules.")
        qt_generate_deploy_app_script(TARGET actionbench FILENAME_VARIABLE deploy_script
            NO_UNSUPPORTED_PLATFORM_ERROR)
    endif()
    install(SCRIPT ${deploy_script})

    set(CPACK_PACKAGE_EXECUTABLES actionbench Actionbench)
    set(CPACK_NSIS_INSTALLED_ICON_NAME actionbench.exe)
endif()

# QtKeychain, when it is a DLL (CI builds it static, see .github/workflows/ci.yml): windeployqt
# only copies Qt's own libraries.
if(TARGET Qt6Keychain::Qt6Keychain)
    get_target_property(keychain_type Qt6Keychain::Qt6Keychain TYPE)
    if(keychain_type STREQUAL "SHARED_LIBRARY")
        install(IMPORTED_RUNTIME_ARTIFACTS Qt6Keychain::Qt6Keychain RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
    endif()
endif()

# The MSVC runtime next to the executables (vcruntime140.dll, msvcp140.dll, ...).
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
include(InstallRequiredSystemLibraries)

set(CPACK_NSIS_PACKAGE_NAME Actionbench)
set(CPACK_NSIS_DISPLAY_NAME "Actionbench ${PROJECT_VERSION}")
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY Actionbench)
set(CPACK_NSIS_EXECUTABLES_DIRECTORY .)
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_HELP_LINK "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_CONTACT "${ACTIONBENCH_PACKAGE_CONTACT}")
if(TARGET actionbench_icons)
    set(CPACK_NSIS_MUI_ICON ${ACTIONBENCH_ICON_DIR}/actionbench.ico)
    set(CPACK_NSIS_MUI_UNIICON ${ACTIONBENCH_ICON_DIR}/actionbench.ico)
endif()
