// CLibEdit: the parts of libedit (BSD editline) that SpineSimTerminal uses.
//
// Swift cannot call C variadic functions, so libedit's el_set/el_get/history
// calls are wrapped here in fixed-arity `static inline` functions, one per use.
// The same goes for a few libc calls whose Swift import is awkward (sigaction's
// union, ioctl, the stdout global that Swift 6 treats as shared mutable state).
#ifndef SPINESIM_CLIBEDIT_SHIM_H
#define SPINESIM_CLIBEDIT_SHIM_H

#include <histedit.h>
#include <errno.h>
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

// MARK: - Editor settings (el_set / el_get)

/// el_set(el, EL_EDITOR, mode): "emacs" or "vi".
static inline int spinesim_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/// el_set(el, EL_SIGNAL, flag): 0 lets the caller own every signal handler.
static inline int spinesim_el_set_signal(EditLine *el, int flag) {
    return el_set(el, EL_SIGNAL, flag);
}

/// el_set(el, EL_PROMPT_ESC, fn, marker): characters between two `marker`s are
/// printed as-is and take no room on screen (for colour escape sequences).
static inline int spinesim_el_set_prompt_esc(EditLine *el, char *(*fn)(EditLine *), char marker) {
    return el_set(el, EL_PROMPT_ESC, fn, marker);
}

/// el_set(el, EL_CLIENTDATA, data).
static inline int spinesim_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

/// el_get(el, EL_CLIENTDATA, &data); NULL when unset or on failure.
static inline void *spinesim_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/// el_set(el, EL_ADDFN, name, help, fn): a new editor function that keys can be bound to.
static inline int spinesim_el_add_function(EditLine *el, const char *name, const char *help,
                                           unsigned char (*fn)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

/// el_set(el, EL_BIND, key, function, NULL), e.g. ("^I", "spinesim-complete").
static inline int spinesim_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

/// el_set(el, EL_HIST, history, h): Up/Down and searches use this history.
static inline int spinesim_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

/// el_get(el, EL_GETTC, "co", &cols, NULL): the terminal width libedit knows; 0 if unknown.
static inline int spinesim_el_columns(EditLine *el) {
    int cols = 0;
    if (el_get(el, EL_GETTC, "co", &cols, (const char *)NULL) != 0) return 0;
    return cols;
}

/// A valid, empty, writable C string for a prompt callback with nothing to show.
static inline char *spinesim_empty_prompt(void) {
    static char empty[1] = {0};
    return empty;
}

// MARK: - History (history(3) is variadic)

static inline int spinesim_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

static inline int spinesim_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

static inline int spinesim_history_clear(History *h) {
    HistEvent ev;
    return history(h, &ev, H_CLEAR);
}

// MARK: - libc helpers

/// The process's standard streams (libedit's input, output and error streams).
static inline FILE *spinesim_stdin(void) { return stdin; }
static inline FILE *spinesim_stdout(void) { return stdout; }
static inline FILE *spinesim_stderr(void) { return stderr; }

/// The current errno.
static inline int spinesim_errno(void) { return errno; }

/// Sets errno (to clear it before a call that reports through it).
static inline void spinesim_set_errno(int value) { errno = value; }

/// Installs `handler` for `sig` with an empty mask. Without `restart` (no
/// SA_RESTART) a blocking read() returns EINTR when the signal arrives, which is
/// how Ctrl-C gets el_gets to return. The previous disposition goes to `old`.
static inline int spinesim_install_signal(int sig, void (*handler)(int), int restart,
                                          struct sigaction *old) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = restart ? SA_RESTART : 0;
    return sigaction(sig, &sa, old);
}

/// Restores a disposition saved by spinesim_install_signal.
static inline int spinesim_restore_signal(int sig, const struct sigaction *old) {
    return sigaction(sig, old, NULL);
}

/// Sets the default disposition for `sig` and raises it (used to really stop on Ctrl-Z).
static inline int spinesim_raise_default(int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
    return raise(sig);
}

/// The width of the terminal on `fd` from TIOCGWINSZ; 0 when unknown.
static inline int spinesim_terminal_columns(int fd) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return (int)ws.ws_col;
}

/// Calls setlocale(LC_CTYPE, "") so that libedit decodes and encodes UTF-8. When the
/// environment names only plain ASCII ("C"/"POSIX" or nothing, common in containers and
/// CI), falls back to C.UTF-8, then en_US.UTF-8; a deliberate other charset is kept.
/// Returns 1 when the resulting codeset is UTF-8.
static inline int spinesim_setup_ctype_locale(void) {
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0)) return 1;
    if (codeset == NULL || codeset[0] == 0 || strcmp(codeset, "ANSI_X3.4-1968") == 0
        || strcmp(codeset, "US-ASCII") == 0 || strcmp(codeset, "ASCII") == 0) {
        if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) return 1;
        if (setlocale(LC_CTYPE, "en_US.UTF-8") != NULL) return 1;
    }
    return 0;
}

#endif
