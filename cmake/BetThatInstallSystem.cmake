# Runs at install time (cmake --install, cpack), not at configure time: the system files name absolute paths
# (the unit's ExecStart, /etc), and those depend on the prefix the install runs with, which `--prefix` or CPack
# may change after configuring. Follows GNUInstallDirs' rule: prefix /usr → /etc, any other prefix → <prefix>/etc.
#
# Expects BETTHAT_SOURCE_DIR and BETTHAT_STAGING_DIR (set by the install(CODE) in BetThatPackaging.cmake).

# Units: /lib/systemd/system for the system prefix, as Debian 12 places them; <prefix>/lib/systemd/system
# otherwise, which systemd also searches for /usr/local.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    set(BETTHAT_SYSCONFDIR "/etc")
    set(BETTHAT_UNITDIR "/lib/systemd/system")
else()
    set(BETTHAT_SYSCONFDIR "${CMAKE_INSTALL_PREFIX}/etc")
    set(BETTHAT_UNITDIR "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
endif()
set(BETTHAT_BINDIR "${CMAKE_INSTALL_PREFIX}/bin")

configure_file("${BETTHAT_SOURCE_DIR}/dist/unix/systemd/betthat-server.service.in"
    "${BETTHAT_STAGING_DIR}/betthat-server.service" @ONLY)

# file(INSTALL) honours DESTDIR, as the generated install rules do.
file(INSTALL DESTINATION "${BETTHAT_UNITDIR}" TYPE FILE
    PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
    FILES "${BETTHAT_STAGING_DIR}/betthat-server.service")
file(INSTALL DESTINATION "${BETTHAT_SYSCONFDIR}/betthat" TYPE FILE
    PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
    FILES "${BETTHAT_SOURCE_DIR}/dist/unix/server.conf")
