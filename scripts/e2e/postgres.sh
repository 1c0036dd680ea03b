# A throwaway PostgreSQL cluster for the end-to-end scripts: Debian's server, started on a free
# port in a temporary folder (as the postgres user when run as root: the server refuses root),
# stopped and removed by pg_cleanup. Sourced, not run.

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || fail "no PostgreSQL server: install Debian's postgresql"
PG_PASSWORD=watop-e2e-$$
PG_DIR=""

# as_postgres COMMAND...: runs a server command as the postgres user when this is root.
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start: a new cluster with the user and database watop (password $PG_PASSWORD), listening on
# 127.0.0.1:$PG_PORT; sets PG_DIR, PG_PORT and PG_URL.
pg_start() {
    PG_DIR=$(mktemp -d)
    chmod 755 "$PG_DIR"
    printf '%s\n' "$PG_PASSWORD" >"$PG_DIR/password"
    [ "$(id -u)" = 0 ] && chown -R postgres "$PG_DIR"
    as_postgres "$pg_bin/initdb" -D "$PG_DIR/data" -U watop --auth=scram-sha-256 --pwfile="$PG_DIR/password" >"$PG_DIR/initdb.log" 2>&1 \
        || fail "initdb failed: $(tail -n 5 "$PG_DIR/initdb.log")"
    PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    pg_resume
    PGPASSWORD=$PG_PASSWORD "$pg_bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U watop watop || fail "createdb failed"
    PG_URL="postgres://watop@127.0.0.1:$PG_PORT/watop?sslmode=disable"
}

# pg_stop: stops the server (fast: open connections are cut, as a crash or a restart would).
pg_stop() { as_postgres "$pg_bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null; }

# pg_resume: starts the stopped server again on the same port.
pg_resume() {
    as_postgres "$pg_bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null \
        || fail "the PostgreSQL server did not start: $(tail -n 5 "$PG_DIR/server.log")"
}

# psql_value QUERY: one value from the database.
psql_value() { PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U watop -d watop -tAc "$1"; }

pg_cleanup() {
    [ -n "$PG_DIR" ] || return 0
    pg_stop 2>/dev/null || true
    rm -rf "$PG_DIR"
}
