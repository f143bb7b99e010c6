#!/usr/bin/env bash
# `make run`'s server and one job worker beside it (manage.py procrastinate worker).
# One Ctrl-C stops both, and so does either of them ending. Both read the same .env
# (settings.py loads it), so they reach the same database.
#
# Job control (set -m) puts each in a process group of its own: Ctrl-C reaches only this
# script, which then stops each group whole (runserver's autoreloader runs the server in a
# child process, which would otherwise keep the port). The worker starts first and is no
# child of the server, so it never holds the server's socket.
set -uo pipefail
set -m
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

"$PY" manage.py procrastinate worker &
worker=$!
"$PY" manage.py runserver "$HOST:$PORT" &
server=$!

running() {
	kill -0 -- "-$server" 2>/dev/null || kill -0 -- "-$worker" 2>/dev/null
}

stop() {
	trap - INT TERM EXIT
	kill -TERM -- "-$server" "-$worker" 2>/dev/null
	# The worker finishes the job in hand first; after 10 s it is killed.
	for _ in $(seq 50); do
		running || return 0
		sleep 0.2
	done
	kill -KILL -- "-$server" "-$worker" 2>/dev/null
	return 0
}
trap stop INT TERM EXIT

# Whichever ends first (or a Ctrl-C, which interrupts the wait) stops the other.
wait -n
