# The layers, enforced by the build: each library sees only the headers it may use.
#
# Sources include headers by their path from the repository root ("common/bet.h", "server/http/apiserver.h").
# Instead of putting the root itself on the include path (which would let any layer include any other), each
# library gets an include root of its own under build/include/, holding symbolic links to just the
# directories or header files it exposes. Including a header of a layer you do not link — or a server header
# that is not public — then fails to compile.

set(BETTHAT_INCLUDE_ROOTS ${CMAKE_BINARY_DIR}/include)

# betthat_include_root(<target> <PUBLIC|PRIVATE|INTERFACE> <root-name> <path>...)
# Adds build/include/<root-name> to <target>'s include directories, with a link to each <path> (a directory or
# a file, relative to the repository root) at the same relative place.
function(betthat_include_root target scope root)
    set(dir ${BETTHAT_INCLUDE_ROOTS}/${root})
    foreach(path ${ARGN})
        set(source ${PROJECT_SOURCE_DIR}/${path})
        if(NOT EXISTS ${source})
            message(FATAL_ERROR "betthat_include_root(${root}): ${path} does not exist")
        endif()
        set(link ${dir}/${path})
        get_filename_component(parent ${link} DIRECTORY)
        file(MAKE_DIRECTORY ${parent})
        if(IS_SYMLINK ${link})
            file(READ_SYMLINK ${link} current)
            if(NOT current STREQUAL source)
                file(REMOVE ${link})
            endif()
        endif()
        if(NOT EXISTS ${link})
            file(CREATE_LINK ${source} ${link} SYMBOLIC)
        endif()
    endforeach()
    target_include_directories(${target} ${scope} $<BUILD_INTERFACE:${dir}>)
endfunction()
