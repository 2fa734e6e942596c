#!/usr/bin/env bash
# Starts a private MariaDB server on 127.0.0.1:13306 for the tests (no systemd needed) and stops it again.
# Source this file, then: start_mariadb; ... stop_mariadb. State lives in $FAXGATE_SVC_DIR/mariadb.
# The account faxgate/faxgate-pw may create and drop the databases faxgate_* that the tests make for themselves.

FAXGATE_MARIADB_PORT=${FAXGATE_MARIADB_PORT:-13306}

mariadb_listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$FAXGATE_MARIADB_PORT") 2>/dev/null
}

start_mariadb() {
  local dir=$FAXGATE_SVC_DIR/mariadb
  if mariadb_listening; then
    echo "services: MariaDB already listens on 127.0.0.1:$FAXGATE_MARIADB_PORT, using it"
    return 0
  fi
  mkdir -p "$dir/data" "$dir/run" && chown -R mysql:mysql "$dir"
  mariadb-install-db --no-defaults --user=mysql --datadir="$dir/data" \
    --auth-root-authentication-method=socket --skip-test-db >"$dir/install-db.log" 2>&1 || { cat "$dir/install-db.log"; return 1; }
  mariadbd --no-defaults --user=mysql --datadir="$dir/data" --socket="$dir/run/mysqld.sock" \
    --pid-file="$dir/run/mysqld.pid" --port="$FAXGATE_MARIADB_PORT" --bind-address=127.0.0.1 --skip-name-resolve \
    --log-error="$dir/error.log" --innodb-buffer-pool-size=128M --max-connections=500 \
    --innodb-flush-log-at-trx-commit=2 --innodb-doublewrite=0 </dev/null >/dev/null 2>&1 &
  local up=
  for _ in $(seq 300); do
    mariadb-admin --no-defaults --socket="$dir/run/mysqld.sock" -uroot ping >/dev/null 2>&1 && { up=1; break; }
    sleep 0.1
  done
  [ -n "$up" ] || { cat "$dir/error.log"; return 1; }
  mariadb --no-defaults --socket="$dir/run/mysqld.sock" -uroot <<'SQL' || return 1
CREATE USER IF NOT EXISTS 'faxgate'@'127.0.0.1' IDENTIFIED BY 'faxgate-pw';
GRANT ALL PRIVILEGES ON `faxgate\_%`.* TO 'faxgate'@'127.0.0.1';
SQL
  echo "services: MariaDB started on 127.0.0.1:$FAXGATE_MARIADB_PORT"
}

stop_mariadb() {
  local dir=$FAXGATE_SVC_DIR/mariadb
  [ -f "$dir/run/mysqld.pid" ] || return 0
  local pid; pid=$(cat "$dir/run/mysqld.pid")
  mariadb-admin --no-defaults --socket="$dir/run/mysqld.sock" -uroot shutdown 2>/dev/null || kill "$pid" 2>/dev/null
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}
