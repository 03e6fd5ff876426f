#ifndef OKX_ANCHOR_CNCURSES_SHIM_H
#define OKX_ANCHOR_CNCURSES_SHIM_H

// Wide-character curses must be asked for before <curses.h> is read.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 refuses mutable C globals and cannot expand function-like macros, so each gets a function.

static inline WINDOW *anchor_stdscr(void) { return stdscr; }
static inline int anchor_lines(void) { return LINES; }
static inline int anchor_cols(void) { return COLS; }
static inline int anchor_colors(void) { return COLORS; }
static inline int anchor_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t anchor_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }
static inline void anchor_getmaxyx(WINDOW *window, int *rows, int *cols) {
    int y, x;
    getmaxyx(window, y, x);
    *rows = y;
    *cols = x;
}

static inline attr_t anchor_a_normal(void) { return A_NORMAL; }
static inline attr_t anchor_a_bold(void) { return A_BOLD; }
static inline attr_t anchor_a_dim(void) { return A_DIM; }
static inline attr_t anchor_a_reverse(void) { return A_REVERSE; }
static inline attr_t anchor_a_underline(void) { return A_UNDERLINE; }
static inline attr_t anchor_a_blink(void) { return A_BLINK; }

// ACS_* are only valid after initscr/newterm.
static inline chtype anchor_acs_hline(void) { return ACS_HLINE; }
static inline chtype anchor_acs_vline(void) { return ACS_VLINE; }
static inline chtype anchor_acs_ulcorner(void) { return ACS_ULCORNER; }
static inline chtype anchor_acs_urcorner(void) { return ACS_URCORNER; }
static inline chtype anchor_acs_llcorner(void) { return ACS_LLCORNER; }
static inline chtype anchor_acs_lrcorner(void) { return ACS_LRCORNER; }

/// Writes one wide character with attributes and a colour pair at the cursor.
static inline int anchor_add_wide(WINDOW *window, wchar_t character, attr_t attributes, short pair) {
    cchar_t cell;
    wchar_t text[2] = {character, L'\0'};
    if (setcchar(&cell, text, attributes, pair, NULL) != OK) {
        return ERR;
    }
    return wadd_wch(window, &cell);
}

/// Reads back the character and attributes of a cell (for headless tests).
static inline int anchor_read_cell(WINDOW *window, int row, int col, wchar_t *character, attr_t *attributes,
                                   short *pair) {
    cchar_t cell;
    if (mvwin_wch(window, row, col, &cell) == ERR) {
        return ERR;
    }
    wchar_t text[CCHARW_MAX + 1];
    if (getcchar(&cell, text, attributes, pair, NULL) == ERR) {
        return ERR;
    }
    *character = text[0];
    return OK;
}

static inline int anchor_key_resize(void) { return KEY_RESIZE; }
static inline int anchor_key_mouse(void) { return KEY_MOUSE; }
static inline int anchor_ok(void) { return OK; }
static inline int anchor_err(void) { return ERR; }

#endif
