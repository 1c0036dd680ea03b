#ifndef WATOP_CNCURSES_SHIM_H
#define WATOP_CNCURSES_SHIM_H
// Wide-character ncurses (cchar_t, setcchar, wadd_wch, get_wch) needs NCURSES_WIDECHAR
// before the header; pkg-config's cflags would only have set the feature macros for it.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>
#endif
