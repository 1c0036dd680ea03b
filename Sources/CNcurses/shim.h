#ifndef WATOP_CNCURSES_SHIM_H
#define WATOP_CNCURSES_SHIM_H
// Wide-character ncurses (cchar_t, setcchar, wadd_wch, get_wch) needs NCURSES_WIDECHAR
// before the header; pkg-config's cflags would only have set the feature macros for it.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <ncursesw/curses.h>

// Swift imports neither function-like macros (A_BOLD is one) nor C globals as
// concurrency-safe values, so the few the terminal backend needs are wrapped here.
static inline attr_t watop_attr_normal(void) { return A_NORMAL; }
static inline attr_t watop_attr_bold(void) { return A_BOLD; }
static inline attr_t watop_attr_dim(void) { return A_DIM; }
static inline attr_t watop_attr_reverse(void) { return A_REVERSE; }
static inline attr_t watop_attr_underline(void) { return A_UNDERLINE; }

static inline WINDOW *watop_stdscr(void) { return stdscr; }
static inline int watop_colors(void) { return COLORS; }
static inline int watop_color_pairs(void) { return COLOR_PAIRS; }
static inline int watop_rows(void) { return getmaxy(stdscr); }
static inline int watop_columns(void) { return getmaxx(stdscr); }
static inline FILE *watop_stdin(void) { return stdin; }
static inline FILE *watop_stdout(void) { return stdout; }

#endif
