#!/usr/bin/env bash
# Starts a private Kamailio SIP registrar and proxy on 127.0.0.1:5070 (UDP and TCP) for the tests (no systemd
# needed) and stops it again. Source this file, then: start_kamailio; ... stop_kamailio. State lives in
# $FAXGATE_SVC_DIR/kamailio. Port 5060 stays free for Faxgate itself. Keep the port at 4 digits: sipsak 0.9.8
# cuts a 5-digit port in the Request-URI to 4 digits.
#
# Accounts (digest realm = the From domain): faxgate/faxgate-secret and peer1/peer1-secret. REGISTER from an
# account is challenged with 401; INVITE and MESSAGE from an account with 407. A Request-URI user of digits
# (a fax number, optionally with a leading +) goes to whatever `faxgate` registered, the number staying in To;
# "480 Gateway Not Registered" while nothing is registered as faxgate. Other unknown users get 404.
# OPTIONS to the proxy itself gets 200. SDP, RTP and UDPTL flow directly between the user agents.

FAXGATE_KAMAILIO_PORT=${FAXGATE_KAMAILIO_PORT:-5070}

kamailio_answering() {
  timeout 3 sipsak -s "sip:127.0.0.1:$FAXGATE_KAMAILIO_PORT" >/dev/null 2>&1
}

start_kamailio() {
  local dir=$FAXGATE_SVC_DIR/kamailio
  if kamailio_answering; then
    echo "services: Kamailio already answers on 127.0.0.1:$FAXGATE_KAMAILIO_PORT, using it"
    return 0
  fi
  local modules
  modules=$(ls -d /usr/lib/*-linux-gnu/kamailio/modules 2>/dev/null | head -n 1)
  [ -n "$modules" ] || { echo "services: Kamailio modules not found (apt-get install kamailio)"; return 1; }
  mkdir -p "$dir" && chmod 755 "$dir"
  cat >"$dir/kamailio.cfg" <<'EOF'
#!KAMAILIO
# Test registrar/proxy on 127.0.0.1 (UDP+TCP); digest realm = From domain; in-memory location table.
debug=2
log_stderror=yes
fork=yes
children=2
tcp_children=2
auto_aliases=no
listen=udp:127.0.0.1:@PORT@
listen=tcp:127.0.0.1:@PORT@
alias="sip.test"
alias="127.0.0.1:@PORT@"

mpath="@MODULES@/"
loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "auth.so"
loadmodule "htable.so"
loadmodule "ctl.so"

modparam("ctl", "binrpc", "unix:@DIR@/kamailio_ctl")
modparam("usrloc", "db_mode", 0)
modparam("registrar", "max_expires", 3600)
modparam("registrar", "min_expires", 10)
modparam("rr", "append_fromtag", 1)
# test accounts: user => plain-text password (realm is the From domain)
modparam("htable", "htable", "users=>size=4;")

event_route[htable:mod-init] {
    $sht(users=>faxgate) = "faxgate-secret";
    $sht(users=>peer1) = "peer1-secret";
}

request_route {
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (!sanity_check("17895", "7")) { exit; }
    xlog("L_INFO", "$rm from $fu ($si:$sp) to $ru\n");

    if (is_method("OPTIONS") && uri==myself && $rU==$null) {
        sl_send_reply("200", "OK");
        exit;
    }
    if (has_totag()) {
        if (loose_route() || is_method("ACK")) { t_relay(); exit; }
        if (t_check_trans()) { t_relay(); exit; }
        sl_send_reply("404", "Not here");
        exit;
    }
    if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
    t_check_trans();

    if (is_method("REGISTER")) {
        $var(pw) = $sht(users=>$fU);
        if ($var(pw) == $null || !pv_www_authenticate("$fd", "$var(pw)", "0")) {
            www_challenge("$fd", "0");
            exit;
        }
        consume_credentials();
        if (!save("location")) { sl_reply_error(); }
        exit;
    }

    # new calls from a test account must carry proxy credentials (407 challenge)
    if (is_method("INVITE|MESSAGE") && $sht(users=>$fU) != $null) {
        if (!pv_proxy_authenticate("$fd", "$sht(users=>$fU)", "0")) {
            proxy_challenge("$fd", "0");
            exit;
        }
        consume_credentials();
    }
    # everything else: route to a registered contact of the Request-URI user
    if (uri==myself) {
        # dialled digits (a fax number) go to the gateway's registration; the number stays in To
        if ($rU =~ "^\+?[0-9]+$") {
            if (!lookup("location", "sip:faxgate@sip.test")) { sl_send_reply("480", "Gateway Not Registered"); exit; }
        } else if (!lookup("location")) {
            sl_send_reply("404", "Not Found");
            exit;
        }
    }
    record_route();
    if (!t_relay()) { sl_reply_error(); }
    exit;
}
EOF
  sed -i -e "s#@DIR@#$dir#g" -e "s#@PORT@#$FAXGATE_KAMAILIO_PORT#g" -e "s#@MODULES@#$modules#g" "$dir/kamailio.cfg"
  kamailio -c -f "$dir/kamailio.cfg" >"$dir/check.log" 2>&1 || { cat "$dir/check.log"; return 1; }
  # -DD -E: stays in the foreground (its workers still fork) and logs to stderr, which goes to a file.
  kamailio -DD -E -f "$dir/kamailio.cfg" -Y "$dir" -P "$dir/kamailio.pid" -m 64 -M 8 \
    </dev/null >"$dir/kamailio.log" 2>&1 &
  echo $! >"$dir/main.pid"
  for _ in $(seq 100); do
    kamailio_answering && { echo "services: Kamailio started on 127.0.0.1:$FAXGATE_KAMAILIO_PORT"; return 0; }
    sleep 0.1
  done
  cat "$dir/kamailio.log"
  return 1
}

stop_kamailio() {
  local dir=$FAXGATE_SVC_DIR/kamailio
  [ -f "$dir/main.pid" ] || return 0
  local pid; pid=$(cat "$dir/main.pid")
  kill "$pid" 2>/dev/null
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$dir/main.pid"
}
