#ifndef OKX_ANCHOR_CNCURSES_SHIM_H
#define OKX_ANCHOR_CNCURSES_SHIM_H

// Wide-character curses must be asked for before <curses.h> is read.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// glibc declares wcwidth only for X/Open builds, which the system module map is not.
extern int wcwidth(wchar_t character);

/// The columns a wide character takes in the current locale; −1 when the locale does not know it.
static inline int anchor_wcwidth(wchar_t character) { return wcwidth(character); }

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

/// Writes one single-scalar character with attributes and an extended colour pair at the cursor.
static inline int anchor_put_char(WINDOW *window, wchar_t character, attr_t attributes, int pair) {
    cchar_t cell;
    wchar_t text[2] = {character, L'\0'};
    if (setcchar(&cell, text, attributes, (short)(pair > 32767 ? 0 : pair), &pair) != OK) {
        return ERR;
    }
    return wadd_wch(window, &cell);
}

/// Writes a grapheme of a spacing scalar followed by up to four combining scalars; falls back to its first scalar
/// when curses refuses the cluster (for instance an emoji sequence joined by U+200D).
static inline int anchor_put_cluster(WINDOW *window, const wchar_t *scalars, int count, attr_t attributes, int pair) {
    cchar_t cell;
    wchar_t text[CCHARW_MAX + 1];
    int used = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int index = 0; index < used; index++) {
        text[index] = scalars[index];
    }
    text[used] = L'\0';
    if (setcchar(&cell, text, attributes, (short)(pair > 32767 ? 0 : pair), &pair) != OK) {
        return anchor_put_char(window, scalars[0], attributes, pair);
    }
    return wadd_wch(window, &cell);
}

/// Sets what `werase` fills a window with: a space in the given attributes and extended colour pair.
static inline int anchor_set_background(WINDOW *window, attr_t attributes, int pair) {
    cchar_t cell;
    wchar_t text[2] = {L' ', L'\0'};
    if (setcchar(&cell, text, attributes, (short)(pair > 32767 ? 0 : pair), &pair) != OK) {
        return ERR;
    }
    wbkgrndset(window, &cell);
    return OK;
}

static inline int anchor_init_pair(int pair, int foreground, int background) {
    return init_extended_pair(pair, foreground, background);
}
static inline int anchor_pair_content(int pair, int *foreground, int *background) {
    return extended_pair_content(pair, foreground, background);
}

/// A string capability of the current terminal, or NULL when it is absent or not a string.
static inline const char *anchor_string_capability(const char *name) {
    char *value = tigetstr(name);
    if (value == NULL || value == (char *)-1) {
        return NULL;
    }
    return value;
}
/// 1 when the terminal describes direct colour (the ncurses `RGB` extension), else 0.
static inline int anchor_has_direct_color(void) { return tigetflag("RGB") > 0 ? 1 : 0; }

static inline int anchor_numeric_capability(const char *name) { return tigetnum(name); }

/// Bytes waiting to be read on a descriptor; −1 when it cannot say.
static inline int anchor_bytes_available(int fd) {
    int count = 0;
    return ioctl(fd, FIONREAD, &count) == 0 ? count : -1;
}

// The pseudo-terminal calls are X/Open too; declared here for the same reason as wcwidth.
extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern int ptsname_r(int fd, char *buffer, size_t length);

/// Opens a pseudo-terminal pair (for tests and the benchmark); ERR on failure.
static inline int anchor_open_pty(int *primary, int *secondary) {
    int main_fd = posix_openpt(O_RDWR | O_NOCTTY);
    if (main_fd < 0) {
        return ERR;
    }
    char name[128];
    if (grantpt(main_fd) != 0 || unlockpt(main_fd) != 0 || ptsname_r(main_fd, name, sizeof name) != 0) {
        close(main_fd);
        return ERR;
    }
    int other_fd = open(name, O_RDWR | O_NOCTTY);
    if (other_fd < 0) {
        close(main_fd);
        return ERR;
    }
    *primary = main_fd;
    *secondary = other_fd;
    return OK;
}

/// The local-mode flags of a terminal (ICANON, ECHO, ...); −1 when it is not one.
static inline long anchor_local_modes(int fd) {
    struct termios modes;
    return tcgetattr(fd, &modes) == 0 ? (long)modes.c_lflag : -1;
}
static inline long anchor_flag_icanon(void) { return ICANON; }
static inline long anchor_flag_echo(void) { return ECHO; }

static inline FILE *anchor_stdin(void) { return stdin; }
static inline FILE *anchor_stdout(void) { return stdout; }
static inline const char *anchor_codeset(void) { return nl_langinfo(CODESET); }

/// The size the kernel holds for a terminal; ERR when the descriptor is not a terminal.
static inline int anchor_window_size(int fd, int *rows, int *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) {
        return ERR;
    }
    *rows = size.ws_row;
    *cols = size.ws_col;
    return OK;
}
static inline int anchor_set_window_size(int fd, int rows, int cols) {
    struct winsize size = {0};
    size.ws_row = (unsigned short)rows;
    size.ws_col = (unsigned short)cols;
    return ioctl(fd, TIOCSWINSZ, &size) == 0 ? OK : ERR;
}

// Mouse masks are macros built from NCURSES_MOUSE_MASK.
static inline mmask_t anchor_mouse_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t anchor_mouse_wheel_down(void) { return BUTTON5_PRESSED; }
static inline mmask_t anchor_mouse_button1(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline int anchor_get_mouse(int *row, int *col, mmask_t *state) {
    MEVENT event;
    if (getmouse(&event) != OK) {
        return ERR;
    }
    *row = event.y;
    *col = event.x;
    *state = event.bstate;
    return OK;
}

// The crash guard. A fatal signal or exit() may come while curses holds the terminal raw; endwin is not safe in a
// signal handler, so the guard keeps the terminal modes from before curses and a precomputed reset string, and
// restores them with tcsetattr and write, both async-signal-safe. Its state is static, so one Swift file alone calls
// these functions (each Swift file that calls a static inline function gets its own copy of the statics).
struct anchor_guard_state {
    struct termios modes;
    int input;
    int output;
    volatile sig_atomic_t armed;
    int installed;
    size_t reset_length;
    char reset[512];
    size_t note_length;
    char note[1024];
    struct sigaction previous[NSIG];
};
// An initialiser makes this a definition, which the Swift compiler emits; a bare tentative definition it does not.
static struct anchor_guard_state anchor_guard = {.input = -1, .output = -1};
static const int anchor_guard_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS};

/// Puts the terminal back as it was, once; safe inside a signal handler.
static inline void anchor_guard_restore(void) {
    if (!anchor_guard.armed) {
        return;
    }
    anchor_guard.armed = 0;
    size_t offset = 0;
    while (offset < anchor_guard.reset_length) {
        ssize_t written = write(anchor_guard.output, anchor_guard.reset + offset, anchor_guard.reset_length - offset);
        if (written <= 0) {
            break;
        }
        offset += (size_t)written;
    }
    tcsetattr(anchor_guard.input, TCSANOW, &anchor_guard.modes);
}

static inline void anchor_guard_on_fatal_signal(int signo, siginfo_t *info, void *context) {
    int was_armed = anchor_guard.armed;
    anchor_guard_restore();
    // Then, on the restored terminal, the one line that says where the crash report goes.
    if (was_armed && anchor_guard.note_length > 0) {
        ssize_t ignored = write(anchor_guard.output, anchor_guard.note, anchor_guard.note_length);
        (void)ignored;
    }
    // Hand the signal to whoever had it before, with the original context: the Swift runtime's backtracer (which
    // then unwinds from the faulting instruction, not from here), or the default action.
    struct sigaction previous = anchor_guard.previous[signo];
    sigaction(signo, &previous, NULL);
    if ((previous.sa_flags & SA_SIGINFO) && previous.sa_sigaction != NULL) {
        previous.sa_sigaction(signo, info, context);
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(signo);
    } else {
        raise(signo);
    }
}

static inline void anchor_guard_at_exit(void) { anchor_guard_restore(); }

/// Saves the modes of `input_fd` and arms the guard; installs the handlers and the exit hook the first time.
static inline int anchor_guard_arm(int input_fd, int output_fd) {
    if (tcgetattr(input_fd, &anchor_guard.modes) != 0) {
        return ERR;
    }
    anchor_guard.input = input_fd;
    anchor_guard.output = output_fd;
    anchor_guard.reset_length = 0;
    if (!anchor_guard.installed) {
        anchor_guard.installed = 1;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = anchor_guard_on_fatal_signal;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        for (size_t index = 0; index < sizeof anchor_guard_signals / sizeof anchor_guard_signals[0]; index++) {
            int signo = anchor_guard_signals[index];
            sigaction(signo, &action, &anchor_guard.previous[signo]);
        }
        atexit(anchor_guard_at_exit);
    }
    anchor_guard.armed = 1;
    return OK;
}

/// The bytes the guard writes before restoring the modes (leave the alternate screen, show the cursor, ...).
static inline void anchor_guard_set_reset(const char *bytes, size_t length) {
    if (length > sizeof anchor_guard.reset) {
        length = sizeof anchor_guard.reset;
    }
    memcpy(anchor_guard.reset, bytes, length);
    anchor_guard.reset_length = length;
}

/// The line written after the reset bytes when a fatal signal comes (where the crash report goes).
static inline void anchor_guard_set_note(const char *bytes, size_t length) {
    if (length > sizeof anchor_guard.note) {
        length = sizeof anchor_guard.note;
    }
    memcpy(anchor_guard.note, bytes, length);
    anchor_guard.note_length = length;
}

/// Called once curses itself has restored the terminal.
static inline void anchor_guard_disarm(void) { anchor_guard.armed = 0; }
static inline int anchor_guard_is_armed(void) { return anchor_guard.armed ? 1 : 0; }

static inline int anchor_key_resize(void) { return KEY_RESIZE; }
static inline int anchor_key_mouse(void) { return KEY_MOUSE; }
static inline int anchor_ok(void) { return OK; }
static inline int anchor_err(void) { return ERR; }

#endif
