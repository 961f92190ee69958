# embed.cmake - turns a data file into a C array (run with cmake -P).
# -DIN=file -DOUT=file.c -DNAME=symbol
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
file(WRITE "${OUT}" "/* generated from ${IN}: do not edit */\n#include <stddef.h>\nconst char ${NAME}[] = {${hex} 0};\nconst size_t ${NAME}_len = sizeof ${NAME} - 1;\n")
