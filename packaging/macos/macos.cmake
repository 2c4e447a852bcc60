# macOS: Actionbench.app (GUI + actionbench-cli in Contents/MacOS, the WebEngine plugin in
# Contents/PlugIns/actionbench) made self-contained by macdeployqt, signed, in a DMG (CPack
# DragNDrop, which adds the /Applications link). Included from packaging/CMakeLists.txt.
#
# Signing: set ACTIONBENCH_CODESIGN_IDENTITY (e.g. "Developer ID Application: ...") in the
# environment of `cpack`; without it the bundle is signed ad hoc ("-"), which Apple Silicon needs
# to run binaries that macdeployqt rewrote. Notarization (xcrun notarytool submit --wait, then
# xcrun stapler staple on the DMG) is a release step with Apple credentials, outside CMake.
set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME Actionbench)
set(CPACK_DMG_FORMAT UDZO)
set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF)
if(TARGET actionbench_icons)
    set(CPACK_PACKAGE_ICON ${ACTIONBENCH_ICON_DIR}/actionbench.icns)
endif()

if(NOT TARGET actionbench)
    return()
endif()

set(ACTIONBENCH_MACOS_MINIMUM "${CMAKE_OSX_DEPLOYMENT_TARGET}")
if(NOT ACTIONBENCH_MACOS_MINIMUM)
    set(ACTIONBENCH_MACOS_MINIMUM 12.0) # Qt 6.8's minimum
endif()
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/macos/Info.plist.in ${CMAKE_CURRENT_BINARY_DIR}/Info.plist @ONLY)
set_target_properties(actionbench PROPERTIES
    OUTPUT_NAME ${ACTIONBENCH_BUNDLE_NAME}
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_BINARY_DIR}/Info.plist)

set(bundle ${ACTIONBENCH_BUNDLE_NAME}.app)
if(TARGET actionbench_icons)
    install(FILES ${ACTIONBENCH_ICON_DIR}/actionbench.icns DESTINATION ${bundle}/Contents/Resources)
endif()
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${bundle}/Contents/Resources)

# macdeployqt over the bundle, the CLI inside it and the WebEngine plugin (the executable does
# not link WebEngine; the plugin makes macdeployqt bring QtWebEngineCore.framework with its
# QtWebEngineProcess helper).
set(deploy_extra "")
if(TARGET actionbench-cli)
    string(APPEND deploy_extra
        "    ADDITIONAL_EXECUTABLES \"${ACTIONBENCH_CLI_INSTALL_DIR}/$<TARGET_FILE_NAME:actionbench-cli>\"\n")
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
    EXECUTABLE \"${bundle}\"
${deploy_extra})")
else() # Qt 6.4: the app only
    message(WARNING "Qt ${Qt6_VERSION}: the DMG deploys what the app links only; use Qt >= 6.5 "
        "to deploy the CLI's and the WebEngine plugin's modules.")
    qt_generate_deploy_app_script(TARGET actionbench FILENAME_VARIABLE deploy_script
        NO_UNSUPPORTED_PLATFORM_ERROR)
endif()
install(SCRIPT ${deploy_script})

# Sign last, after macdeployqt rewrote the binaries.
install(CODE "set(ACTIONBENCH_BUNDLE \"${bundle}\")
set(ACTIONBENCH_ENTITLEMENTS \"${CMAKE_CURRENT_SOURCE_DIR}/macos/entitlements.plist\")")
install(CODE [[
    set(app "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/${ACTIONBENCH_BUNDLE}")
    set(identity "$ENV{ACTIONBENCH_CODESIGN_IDENTITY}")
    if(identity STREQUAL "")
        message(STATUS "ACTIONBENCH_CODESIGN_IDENTITY is not set: signing ${app} ad hoc")
        set(sign_args --sign -)
    else()
        message(STATUS "Signing ${app} as ${identity}")
        set(sign_args --sign "${identity}" --options runtime --timestamp
            --entitlements "${ACTIONBENCH_ENTITLEMENTS}")
    endif()
    execute_process(COMMAND codesign --force --deep ${sign_args} "${app}" RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "codesign failed (${result}) for ${app}")
    endif()
    execute_process(COMMAND codesign --verify --deep --strict "${app}" RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "codesign --verify failed for ${app}")
    endif()
]])
