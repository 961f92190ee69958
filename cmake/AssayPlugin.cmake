# assay_add_plugin(NAME SOURCES a.c b.c [LIBS target...])
#
# Builds build/plugins/NAME.so from the given sources. A plugin sees only the
# public headers (include/assay) and whatever libraries it names itself: it
# never links against the core, which reaches it through the host table.
function(assay_add_plugin name)
  cmake_parse_arguments(P "" "" "SOURCES;LIBS" ${ARGN})
  add_library(plugin_${name} MODULE ${P_SOURCES})
  set_target_properties(plugin_${name} PROPERTIES
    OUTPUT_NAME ${name}
    PREFIX ""
    LIBRARY_OUTPUT_DIRECTORY ${ASSAY_BUILD_PLUGIN_DIR}
    C_VISIBILITY_PRESET hidden)
  target_include_directories(plugin_${name} PRIVATE ${PROJECT_SOURCE_DIR}/include)
  if(P_LIBS)
    target_link_libraries(plugin_${name} PRIVATE ${P_LIBS})
  endif()
  # Unresolved symbols are a build error, not a dlopen-time surprise.
  target_link_options(plugin_${name} PRIVATE -Wl,--no-undefined)
  install(TARGETS plugin_${name} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/assay/plugins)
endfunction()
