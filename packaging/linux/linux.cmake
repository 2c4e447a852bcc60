# Linux: desktop integration (freedesktop .desktop, AppStream metainfo, hicolor icons), the
# license, and the DEB/TGZ/RPM generators. Included from packaging/CMakeLists.txt.
#
# Runtime dependencies (DEB): dpkg-shlibdeps derives everything the binaries link (Qt Core,
# Network, Sql, HttpServer, WebSockets, Gui/Widgets, QtKeychain, WebEngine via the plugin...).
# Listed by hand are what Qt loads at run time without linking it:
#   libqt6sql6-sqlite            the SQLite driver of the run history (plugins/sqldrivers)
#   libqt6svg6                   (GUI) SVG icon engine + image format plugins
#   libqt6webenginecore6-bin     (WebEngine plugin) QtWebEngineProcess, which libqt6webenginecore6
#                                does not depend on
# The xcb and offscreen platform plugins are in libqt6gui6 on Debian 12 / Ubuntu 24.04
# (qt6-qpa-plugins only holds vnc and tuio), so the linked libqt6gui6 covers them; qt6-wayland
# is recommended for Wayland sessions.
set(ACTIONBENCH_RELEASE_DATE "" CACHE STRING
    "Release date in the AppStream metadata (default: the configure day, or SOURCE_DATE_EPOCH's)")
if(NOT ACTIONBENCH_RELEASE_DATE)
    string(TIMESTAMP ACTIONBENCH_RELEASE_DATE "%Y-%m-%d" UTC)
endif()
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/linux/${ACTIONBENCH_APP_ID}.metainfo.xml
    ${CMAKE_CURRENT_BINARY_DIR}/${ACTIONBENCH_APP_ID}.metainfo.xml @ONLY)

# The desktop entry, its metadata and icons describe the GUI: a headless build (CLI only) ships
# none of them rather than a menu entry that cannot start.
if(TARGET actionbench)
    install(FILES linux/actionbench.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES ${CMAKE_CURRENT_BINARY_DIR}/${ACTIONBENCH_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
    install(FILES ${ACTIONBENCH_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
    if(TARGET actionbench_icons)
        install(DIRECTORY ${ACTIONBENCH_ICON_DIR}/hicolor DESTINATION ${CMAKE_INSTALL_DATADIR}/icons)
    endif()
endif()
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE linux/copyright
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/actionbench)

set(CPACK_GENERATOR TGZ DEB)

set(deb_depends libqt6sql6-sqlite)
set(deb_recommends "")
set(rpm_requires "qt6-qtbase >= 6.4")
if(TARGET actionbench)
    list(APPEND deb_depends libqt6svg6)
    # qt6-translations-l10n: Qt's own strings (standard buttons) in German and Japanese
    list(APPEND deb_recommends qt6-wayland qt6-translations-l10n)
    list(APPEND rpm_requires qt6-qtbase-gui qt6-qtsvg)
endif()
if(TARGET actionbench_connectview)
    list(APPEND deb_depends libqt6webenginecore6-bin)
    list(APPEND rpm_requires qt6-qtwebengine)
endif()

# DEB
list(JOIN deb_depends ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
list(JOIN deb_recommends ", " CPACK_DEBIAN_PACKAGE_RECOMMENDS)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-keyring | keepassxc")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

# RPM (Fedora package names; rpm's own dependency generator adds the linked sonames)
find_program(ACTIONBENCH_RPMBUILD rpmbuild)
if(ACTIONBENCH_RPMBUILD)
    list(APPEND CPACK_GENERATOR RPM)
endif()
list(JOIN rpm_requires ", " CPACK_RPM_PACKAGE_REQUIRES)
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE GPL-3.0-or-later)
set(CPACK_RPM_PACKAGE_GROUP Development/Tools)
set(CPACK_RPM_PACKAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_RPM_SPEC_MORE_DEFINE "%define _build_id_links none")
# Directories the system owns (filesystem, hicolor-icon-theme): not ours to list in %files.
set(rpm_system_dirs /usr/share/applications /usr/share/metainfo /usr/share/icons
    /usr/share/icons/hicolor /usr/share/icons/hicolor/scalable /usr/share/icons/hicolor/scalable/apps)
foreach(size IN LISTS ACTIONBENCH_ICON_SIZES)
    list(APPEND rpm_system_dirs /usr/share/icons/hicolor/${size}x${size} /usr/share/icons/hicolor/${size}x${size}/apps)
endforeach()
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION ${rpm_system_dirs})
