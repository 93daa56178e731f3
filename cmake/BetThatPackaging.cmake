# What `cmake --install` puts on a system besides the two executables (their install(TARGETS) rules live next to
# them), and how CPack turns that into a .deb. The files themselves are under dist/unix/.

include(GNUInstallDirs)
# The package's name, not the project's ("BetThat"): /usr/share/doc/betthat is where Debian looks.
set(CMAKE_INSTALL_DOCDIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/betthat)

set(BETTHAT_DIST_DIR ${PROJECT_SOURCE_DIR}/dist/unix)
set(BETTHAT_DIST_BUILD_DIR ${PROJECT_BINARY_DIR}/dist)

# --- Desktop integration: launcher, icons, AppStream metadata --------------------------------------------
if(BETTHAT_BUILD_APP)
    install(FILES ${BETTHAT_DIST_DIR}/betthat.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/betthat.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

    # PNG sizes for desktops and software centres that do not render SVG, drawn from the one SVG at build time.
    find_program(BETTHAT_RSVG_CONVERT rsvg-convert)
    if(BETTHAT_RSVG_CONVERT)
        set(_betthat_pngs)
        foreach(size 16 22 24 32 48 64 128 256)
            set(_png ${BETTHAT_DIST_BUILD_DIR}/icons/${size}x${size}/betthat.png)
            add_custom_command(OUTPUT ${_png}
                COMMAND ${CMAKE_COMMAND} -E make_directory ${BETTHAT_DIST_BUILD_DIR}/icons/${size}x${size}
                COMMAND ${BETTHAT_RSVG_CONVERT} --width ${size} --height ${size} --keep-aspect-ratio
                    --output ${_png} ${PROJECT_SOURCE_DIR}/resources/icons/betthat.svg
                DEPENDS ${PROJECT_SOURCE_DIR}/resources/icons/betthat.svg
                COMMENT "Rendering the ${size}x${size} icon"
                VERBATIM)
            list(APPEND _betthat_pngs ${_png})
            install(FILES ${_png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
        endforeach()
        add_custom_target(betthat_icons ALL DEPENDS ${_betthat_pngs})
    else()
        message(STATUS "rsvg-convert not found (Debian: librsvg2-bin): installing the SVG icon only")
    endif()

    configure_file(${BETTHAT_DIST_DIR}/org.betthat.BetThat.metainfo.xml
        ${BETTHAT_DIST_BUILD_DIR}/org.betthat.BetThat.metainfo.xml @ONLY)
    install(FILES ${BETTHAT_DIST_BUILD_DIR}/org.betthat.BetThat.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

    # The app embeds its translations; the .qm files are installed too, for tools and translators.
    install(FILES ${PROJECT_BINARY_DIR}/app/betthat_de.qm ${PROJECT_BINARY_DIR}/app/betthat_es.qm
        DESTINATION ${CMAKE_INSTALL_DATADIR}/betthat/translations)
endif()

# --- Manual pages, gzipped as Debian policy wants them -------------------------------------------------------
set(_betthat_manpages)
foreach(page betthat-server betthat)
    if(page STREQUAL "betthat" AND NOT BETTHAT_BUILD_APP)
        continue()
    endif()
    set(_gz ${BETTHAT_DIST_BUILD_DIR}/man/${page}.1.gz)
    # -n: no name or time stamp in the header, so the package is reproducible.
    add_custom_command(OUTPUT ${_gz}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${BETTHAT_DIST_BUILD_DIR}/man
        COMMAND gzip -9nc ${BETTHAT_DIST_DIR}/man/${page}.1 > ${_gz}
        DEPENDS ${BETTHAT_DIST_DIR}/man/${page}.1
        COMMENT "Compressing the ${page}(1) manual page")
    list(APPEND _betthat_manpages ${_gz})
    install(FILES ${_gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()
set(_betthat_changelog ${BETTHAT_DIST_BUILD_DIR}/changelog.gz)
add_custom_command(OUTPUT ${_betthat_changelog}
    COMMAND gzip -9nc ${BETTHAT_DIST_DIR}/debian/changelog > ${_betthat_changelog}
    DEPENDS ${BETTHAT_DIST_DIR}/debian/changelog
    COMMENT "Compressing the package changelog")
add_custom_target(betthat_docs ALL DEPENDS ${_betthat_manpages} ${_betthat_changelog})

# --- Documentation: the copyright notice, the changelog, the API description and the email templates -----------
install(FILES ${BETTHAT_DIST_DIR}/debian/copyright ${_betthat_changelog} ${PROJECT_SOURCE_DIR}/docs/openapi.yaml
    DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/email/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/email-templates)

# --- The service: systemd unit and default configuration (paths resolved at install time) ----------------
install(CODE "
    set(BETTHAT_SOURCE_DIR \"${PROJECT_SOURCE_DIR}\")
    set(BETTHAT_STAGING_DIR \"${BETTHAT_DIST_BUILD_DIR}/install\")
    include(\"${PROJECT_SOURCE_DIR}/cmake/BetThatInstallSystem.cmake\")
")

# --- CPack: `cpack -G DEB` in the build directory ----------------------------------------------------------------
set(CPACK_PACKAGE_NAME betthat)
set(CPACK_PACKAGE_VENDOR "The Bet That developers")
set(CPACK_PACKAGE_CONTACT "Bet That maintainers <maintainers@betthat.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "real-time bet resolution notifications: desktop app and server")
set(CPACK_PACKAGE_DESCRIPTION
    "Bet That tells bettors the moment their bets are resolved, disputed or updated,\n\
and lets an operator resolve bets from an admin window.\n\
.\n\
This package contains the Qt desktop client (betthat), which can run a\n\
bundled server, and the standalone server (betthat-server) with a systemd\n\
service: a REST API described in OpenAPI, polling and WebSocket feeds\n\
from a durable event log, email notifications and webhooks.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Packages install under /usr whatever prefix the build tree was configured with; the DESTDIR install lets the
# install-time script see that prefix (see BetThatInstallSystem.cmake).
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The server needs the SQLite driver, a plugin that no ELF dependency names.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${BETTHAT_DIST_DIR}/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_GENERATOR DEB)
include(CPack)
