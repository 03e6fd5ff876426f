#!/usr/bin/env bash
# okx-anchor's dashboard over a real SSH session: what a trader sees through OpenSSH, checked from the outside.
#
# Starts Debian's sshd as the current user (root or not) on a free loopback port with a throwaway host key and user
# key, runs `okx-anchor --demo` through `ssh -tt` inside a private tmux server, so the chain is
#     tmux pane → ssh client (pty) → sshd → remote pty → okx-anchor
# and checks, each against a deadline:
#   a. panels      the totals panels and the DEMO badge show
#   b. correction  `/` `wu666666 cro` Enter, `c`, `y`, Enter brings CRO's margin into 9.50–10.50 and logs it
#   c. resize      resizing the tmux window reaches okx-anchor through ssh's window-change and the layout follows
#   d. drop        `kill -9` of the ssh client leaves no okx-anchor and no sshd session behind, and the database
#                  passes `PRAGMA integrity_check` with the correction committed and no action left running
#
#   OKX_ANCHOR_BIN      the okx-anchor binary (default: .build/debug/okx-anchor in the repository)
#   SSH_SESSION_KEEP=1  keep the temp dir (keys, logs, database, last screen) for a post-mortem; processes still stop
#
# Needs openssh-server, openssh-client, tmux ≥ 3.0, sqlite3, procps and python3; no network beyond 127.0.0.1.
# Runs as root or as a user with a login shell; as a user, /dev/pts must be mounted with gid=5 (Debian's default),
# because sshd hands each session's pty to group tty and fails the session when it cannot.
# Exit status: 0 every check passed, 1 a check failed, 2 the setup failed. Whatever happens, the EXIT trap stops
# the tmux server, any okx-anchor of this run, sshd and its sessions, and removes the temp dir.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${OKX_ANCHOR_BIN:-$root/.build/debug/okx-anchor}"
# The remote shell starts in the home directory: a relative path would not resolve there.
if [[ "$bin" != /* ]]; then bin="$PWD/$bin"; fi
sshd_bin=/usr/sbin/sshd
started_ns=$(date +%s%N)

say() { printf '%s\n' "$*"; }
die() {
    printf 'run.sh: %s\n' "$*" >&2
    exit 2
}

[[ -x "$bin" ]] || die "no okx-anchor binary at $bin (run 'swift build' or set OKX_ANCHOR_BIN)"
# sshd re-executes itself for every connection and refuses to run unless started by its absolute path.
[[ -x "$sshd_bin" ]] || die "no $sshd_bin (install openssh-server)"
for tool in ssh ssh-keygen tmux sqlite3 python3 pgrep timeout; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
tmux_version="$(tmux -V)"
if [[ "$tmux_version" =~ ([0-9]+)\. ]] && ((BASH_REMATCH[1] < 3)); then
    die "$tmux_version is too old: resize-window and direct pane commands need tmux 3.0"
fi

user="$(id -un)"
passwd_entry="$(getent passwd "$user")" || die "no passwd entry for $user"
login_shell="${passwd_entry##*:}"
# sshd runs the remote command through the login shell: one that refuses every command makes the test meaningless.
case "$login_shell" in
    */nologin | */false | "") die "$user's login shell is '$login_shell': sshd could not run a command as $user" ;;
esac

# Nothing of the caller's may steer the client: its agent, or an outer tmux.
unset SSH_AUTH_SOCK TMUX

d="$(mktemp -d "${TMPDIR:-/tmp}/okx-anchor-ssh.XXXXXX")"
database="$d/demo.sqlite"
sock="$d/tmux.sock"
target="trader"
sshd_pid=""
tmux_started=0

# The okx-anchor processes of this run: `--database` and our database as two arguments of their own. The tmux
# server, the ssh client and any remote shell carry the remote command as one argument, so they never match.
anchor_pids() {
    local pid i
    local -a args
    for pid in $(pgrep -f -- "demo.sqlite" || true); do
        mapfile -d '' -t args <"/proc/$pid/cmdline" 2>/dev/null || continue
        for ((i = 1; i < ${#args[@]}; i++)); do
            if [[ "${args[i]}" == "$database" && "${args[i - 1]}" == --database ]]; then
                echo "$pid"
                break
            fi
        done
    done
}

# sshd's per-connection processes (with -D the listener is the process we started; sessions are its children).
session_pids() {
    [[ -n "$sshd_pid" ]] || return 0
    pgrep -P "$sshd_pid" || true
}

# One line of words from a list of lines, "none" when empty.
join() {
    local words
    words="$(paste -sd' ' -)"
    echo "${words:-none}"
}

# The size of okx-anchor's terminal on the far side of ssh ("rows cols"): what sshd set on the remote pty.
remote_size() {
    local pid tty
    pid="$(anchor_pids | head -n 1)"
    [[ -n "$pid" ]] || return 0
    tty="$(readlink "/proc/$pid/fd/0" 2>/dev/null)" || return 0
    [[ "$tty" == /dev/pts/* ]] || return 0
    stty -F "$tty" size 2>/dev/null || true
}

# shellcheck disable=SC2317  # reached through the EXIT trap, which shellcheck 0.9 does not follow
cleanup() {
    local status=$?
    set +e
    if ((tmux_started)); then tmux -S "$sock" kill-server 2>/dev/null; fi
    local pid pids
    # Give a hung-up okx-anchor a moment to restore its terminal and close the database before forcing it.
    for _ in $(seq 1 25); do
        pids="$(anchor_pids)"
        [[ -z "$pids" ]] && break
        sleep 0.2
    done
    for pid in $(anchor_pids); do kill -TERM "$pid" 2>/dev/null; done
    sleep 0.2
    for pid in $(anchor_pids); do kill -KILL "$pid" 2>/dev/null; done
    if [[ -n "$sshd_pid" ]]; then
        for pid in $(session_pids); do kill -TERM "$pid" 2>/dev/null; done
        kill -TERM "$sshd_pid" 2>/dev/null
        wait "$sshd_pid" 2>/dev/null
    fi
    if [[ -n "${SSH_SESSION_KEEP:-}" ]]; then
        say "kept $d"
    else
        rm -rf "$d"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

elapsed() { # seconds since a start in nanoseconds, with one decimal
    local ns=$(($(date +%s%N) - $1))
    printf '%d.%d' $((ns / 1000000000)) $((ns % 1000000000 / 100000000))
}

# ---------------------------------------------------------------------------------------------------------------
# sshd: throwaway keys, a config of our own, a free loopback port.

ssh-keygen -q -t ed25519 -N '' -C okx-anchor-ssh-host -f "$d/host_key"
ssh-keygen -q -t ed25519 -N '' -C okx-anchor-ssh-user -f "$d/user_key"
cp "$d/user_key.pub" "$d/authorized_keys"
chmod 600 "$d/authorized_keys"
mkdir -p "$d/state" "$d/config"

if [[ "$(id -u)" == 0 && ! -d /run/sshd ]]; then
    # Root's sshd chroots its unprivileged half into this directory and will not start without it. It stays: it is
    # the system's own (the package's tmpfiles.d makes it at boot), and another sshd may be using it by then.
    mkdir -m 0755 /run/sshd 2>/dev/null || [[ -d /run/sshd ]]
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

write_sshd_config() {
    cat >"$d/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $1
HostKey $d/host_key
PidFile $d/sshd.pid
AuthorizedKeysFile $d/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PermitUserEnvironment no
AcceptEnv LANG LC_*
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PrintMotd no
PrintLastLog no
EOF
}

port=""
for attempt in 1 2 3 4 5; do
    candidate="$(free_port)"
    write_sshd_config "$candidate"
    # Made here, not by the background job's redirection, which may come after our first look at it.
    : >"$d/sshd.log"
    "$sshd_bin" -D -e -f "$d/sshd_config" >>"$d/sshd.log" 2>&1 &
    sshd_pid=$!
    deadline=$((SECONDS + 20))
    while ((SECONDS < deadline)); do
        if grep -q "Server listening on 127.0.0.1 port $candidate" "$d/sshd.log"; then
            port="$candidate"
            break
        fi
        kill -0 "$sshd_pid" 2>/dev/null || break
        sleep 0.05
    done
    [[ -n "$port" ]] && break
    # Another process may have taken the port between our probe and sshd's bind: try another one.
    kill -TERM "$sshd_pid" 2>/dev/null || true
    wait "$sshd_pid" 2>/dev/null || true
    sshd_pid=""
    if ! grep -qE "Bind to port|Address already in use" "$d/sshd.log"; then break; fi
    say "sshd could not bind port $candidate (attempt $attempt); trying another"
done
if [[ -z "$port" ]]; then
    say "FAIL  sshd did not start; its log:" >&2
    sed 's/^/    sshd| /' "$d/sshd.log" >&2
    exit 2
fi
say "sshd  listening on 127.0.0.1:$port as $user (pid $sshd_pid, $($sshd_bin -V 2>&1 | head -n 1))"

ssh_opts=(
    -F /dev/null -i "$d/user_key" -p "$port"
    -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    -o BatchMode=yes -o LogLevel=ERROR -o ConnectTimeout=20
)

# A plain command first, so a refused login reads as that and not as a blank dashboard.
if ! probe="$(timeout 30 ssh "${ssh_opts[@]}" "$user@127.0.0.1" 'echo ssh-ok' 2>"$d/probe.err")" \
    || [[ "$probe" != "ssh-ok" ]]; then
    say "FAIL  ssh $user@127.0.0.1 -p $port could not run a command" >&2
    sed 's/^/    ssh| /' "$d/probe.err" >&2
    sed 's/^/    sshd| /' "$d/sshd.log" >&2
    exit 2
fi

# ---------------------------------------------------------------------------------------------------------------
# The trader's terminal: a private tmux server whose only pane runs the ssh client itself (so #{pane_pid} is ssh).

remote="env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color"
remote+=" XDG_STATE_HOME=$(printf '%q' "$d/state") XDG_CONFIG_HOME=$(printf '%q' "$d/config")"
remote+=" $(printf '%q' "$bin") --demo --database $(printf '%q' "$database")"

# The pane stays after ssh ends so its last words can still be read; no status line, so the pane is the window.
cat >"$d/tmux.conf" <<'EOF'
set -g status off
set -g remain-on-exit on
EOF
tmux -S "$sock" -f "$d/tmux.conf" new-session -d -s "$target" -x 120 -y 40 \
    ssh "${ssh_opts[@]}" -E "$d/ssh.log" -tt "$user@127.0.0.1" "$remote"
tmux_started=1

capture() { tmux -S "$sock" capture-pane -p -t "$target" >"$d/screen.txt" 2>/dev/null || : >"$d/screen.txt"; }
keys() { tmux -S "$sock" send-keys -t "$target" "$@"; }
pane_dead() { [[ "$(tmux -S "$sock" display -p -t "$target" '#{pane_dead}' 2>/dev/null || echo 1)" == 1 ]]; }

show_screen() {
    say "    ---- screen ----"
    sed 's/^/    |/' "$d/screen.txt"
    say "    ----------------"
    if pane_dead; then
        say "    the ssh client has exited; its log:"
        sed 's/^/    ssh| /' "$d/ssh.log" 2>/dev/null || true
        say "    sshd's log:"
        sed 's/^/    sshd| /' "$d/sshd.log"
        if grep -q 'chown(/dev/pts' "$d/sshd.log"; then
            # sshd gives the pty to group tty; a user outside that group can only keep a pty already in it.
            say "    hint: sshd run as $user could not hand the pty to group tty: mount devpts with gid=5 (Debian's" \
                "default) or run as root; here: $(grep -m 1 ' /dev/pts ' /proc/mounts)"
        fi
    fi
}

# Polls the screen until screen.py's check holds (0) or the deadline passes (1). The deadline only guards against a
# hang; nothing is timed.
wait_screen() { # seconds check [args...]
    local deadline=$((SECONDS + $1))
    shift
    while :; do
        capture
        if python3 "$here/screen.py" "$@" <"$d/screen.txt"; then return 0; fi
        if pane_dead || ((SECONDS >= deadline)); then return 1; fi
        sleep 0.2
    done
}

# Why a wait ended without its screen: the client's end, or the deadline.
why_not() {
    if pane_dead; then echo "(the ssh client exited)"; else echo "within $1 s"; fi
}

passed=0
failed=0
skipped=0
pass() {
    passed=$((passed + 1))
    say "PASS  $*"
}
fail() {
    failed=$((failed + 1))
    say "FAIL  $*"
}
skip() {
    skipped=$((skipped + 1))
    say "SKIP  $*"
}

# a. ------------------------------------------------------------------------------------------------------------
t=$(date +%s%N)
panels_ok=0
if wait_screen 60 panels; then
    panels_ok=1
    pass "a. panels: DEMO badge, '22 positions · 12 long · 10 short', '9 accounts · 10 positions' ($(elapsed "$t")s)"
else
    fail "a. panels did not show $(why_not 60)"
    show_screen
fi

# b. ------------------------------------------------------------------------------------------------------------
correction_step() { # description check
    local t0
    t0=$(date +%s%N)
    if wait_screen 30 "$2"; then
        say "      $1 ($(elapsed "$t0")s)"
        return 0
    fi
    fail "b. correction: $1 — not seen $(why_not 30)"
    show_screen
    return 1
}
if ((panels_ok)); then
    t=$(date +%s%N)
    keys /
    keys -l "wu666666 cro"
    keys Enter
    if correction_step "filter shows 'Positions 1/32' and CRO-USDT-SWAP" found; then
        keys c
        if correction_step "plan shows 'Confirm (y)' and 'reduce margin'" plan; then
            keys y
            if correction_step "run shows 'completed' and '[ Close ]'" finished; then
                keys Enter
                if correction_step "CRO's margin in 9.50–10.50 and the log lists the correction" settled; then
                    margin="$(python3 "$here/screen.py" margin CRO-USDT-SWAP <"$d/screen.txt" || true)"
                    pass "b. correction through the keys: CRO-USDT-SWAP margin $margin ($(elapsed "$t")s)"
                fi
            fi
        fi
    fi
else
    skip "b. correction (no panels)"
fi

# c. ------------------------------------------------------------------------------------------------------------
if ((panels_ok)) && ! pane_dead; then
    t=$(date +%s%N)
    # The wide layout first, so the narrow one afterwards is a change okx-anchor made and not what it always shows.
    capture
    if ! grep -q "Instrument" "$d/screen.txt"; then
        say "      note: the 120-column screen lacks the 'Instrument' header; the resize check proves less"
    fi
    before="$(remote_size)"
    tmux -S "$sock" resize-window -t "$target" -x 100 -y 30
    size="$(tmux -S "$sock" display -p -t "$target" '#{pane_width}x#{pane_height}')"
    if wait_screen 30 reflowed 100 30; then
        pass "c. resize to $size reached okx-anchor through ssh: 'Instr.' header, no line over 100," \
            "remote pty rows×cols ${before:-?} → $(remote_size) ($(elapsed "$t")s)"
    else
        fail "c. resize to $size: the layout did not follow $(why_not 30)"
        show_screen
    fi
else
    skip "c. resize (no panels, or the ssh client is gone)"
fi

# d. ------------------------------------------------------------------------------------------------------------
# Evidence for a process that outlives its connection: state, kernel wait channel, stack (root only) and threads.
describe_process() {
    local pid=$1
    say "    process $pid: $(ps -o pid=,ppid=,stat=,etime=,wchan:32=,args= -p "$pid" 2>/dev/null || echo gone)"
    grep -E '^(State|PPid|Threads|SigPnd|ShdPnd|SigBlk|SigIgn|SigCgt):' "/proc/$pid/status" 2>/dev/null \
        | sed 's/^/      /'
    if [[ -r "/proc/$pid/stack" ]]; then sed 's/^/      stack| /' "/proc/$pid/stack" 2>/dev/null || true; fi
    local task
    for task in /proc/"$pid"/task/*; do
        [[ -d "$task" ]] || continue
        printf '      thread %s %s %s\n' "${task##*/}" "$(cat "$task/comm" 2>/dev/null)" \
            "$(cat "$task/wchan" 2>/dev/null)"
    done
}

t=$(date +%s%N)
ssh_pid="$(tmux -S "$sock" display -p -t "$target" '#{pane_pid}' 2>/dev/null || true)"
anchors_before="$(anchor_pids | join)"
sessions_before="$(session_pids | join)"
if [[ -z "$ssh_pid" ]] || pane_dead || [[ "$(cat "/proc/$ssh_pid/comm" 2>/dev/null)" != ssh ]]; then
    fail "d. dropped connection: the ssh client was already gone before the drop"
    show_screen
else
    say "      before the drop: ssh $ssh_pid, sshd sessions $sessions_before, okx-anchor $anchors_before"
    kill -KILL "$ssh_pid"
    deadline=$((SECONDS + 15))
    while :; do
        left_anchor="$(anchor_pids)"
        left_sessions="$(session_pids)"
        [[ -z "$left_anchor" && -z "$left_sessions" ]] && break
        ((SECONDS >= deadline)) && break
        sleep 0.2
    done
    if [[ -z "$left_anchor" && -z "$left_sessions" ]]; then
        pass "d. dropped connection: okx-anchor and the sshd session ended after kill -9 of ssh ($(elapsed "$t")s)"
    else
        fail "d. dropped connection: 15 s after kill -9 of ssh, still running:" \
            "okx-anchor $(join <<<"$left_anchor"); sshd sessions $(join <<<"$left_sessions")"
        for pid in $left_anchor $left_sessions; do describe_process "$pid"; done
        say "    sshd's log:"
        sed 's/^/    sshd| /' "$d/sshd.log"
    fi
fi

# Files only, before sqlite3 opens the database: a -wal left behind means okx-anchor did not close its pool.
left_files=()
for file in "$database"*; do [[ -e "$file" ]] && left_files+=("${file##*/}"); done
say "      database files after the drop: ${left_files[*]:-none}"
if [[ -f "$database-wal" ]]; then
    # Committed rows live in the WAL and would survive, but an orderly shutdown closes the pool and removes it: a
    # WAL left here means okx-anchor took its emergency exit and cut any action in flight instead of journalling it.
    fail "d. orderly shutdown: demo.sqlite-wal remains: okx-anchor exited without closing its database"
else
    pass "d. orderly shutdown: the hang-up closed the database (no -wal left)"
fi

sql() { sqlite3 -batch -noheader "$database" "$1" 2>&1; }
if [[ ! -f "$database" ]]; then
    fail "d. database: $database was never written"
else
    integrity="$(sql 'PRAGMA integrity_check;')"
    if [[ "$integrity" == ok ]]; then
        pass "d. database: PRAGMA integrity_check says ok"
    else
        fail "d. database: PRAGMA integrity_check says: $integrity"
    fi
    corrections="$(sql "SELECT count(*) FROM event WHERE account = 'Wu666666' AND instId = 'CRO-USDT-SWAP'
        AND kind = 'correction' AND outcome = 'ok';")"
    completed="$(sql "SELECT count(*) FROM action WHERE account = 'Wu666666' AND instId = 'CRO-USDT-SWAP'
        AND kind = 'correction' AND state = 'completed';")"
    running="$(sql "SELECT count(*) FROM action WHERE state = 'running';")"
    if [[ "$corrections" =~ ^[1-9][0-9]*$ && "$completed" =~ ^[1-9][0-9]*$ && "$running" == 0 ]]; then
        pass "d. journal: CRO correction committed ($corrections ok event, $completed completed action), none running"
    else
        fail "d. journal: correction events '$corrections', completed actions '$completed', running '$running'"
        say "    actions:"
        sql "SELECT id, kind, account, instId, state, phase, summary FROM action ORDER BY createdAt;" \
            | sed 's/^/      /'
        say "    events:"
        sql "SELECT id, account, instId, kind, outcome, message FROM event ORDER BY id;" | sed 's/^/      /'
    fi
fi

# ---------------------------------------------------------------------------------------------------------------
say "summary: $passed passed, $failed failed, $skipped skipped in $(elapsed "$started_ns")s ($tmux_version)"
if ((failed == 0 && skipped == 0)); then exit 0; fi
exit 1
