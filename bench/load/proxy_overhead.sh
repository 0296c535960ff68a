#!/usr/bin/env bash
# Proxy overhead of the load balancers' data plane: wrk against a target's port directly and through HAProxy (configured as
# Berth renders a listener forwarding to one target group: same global/defaults options, one server with an HTTP health
# check), alternating, side by side in one run. Two targets:
#   container  busybox httpd in a container, through its published host port (what a bridge task's target is)
#   static     a second, separate haproxy answering a fixed response: an origin that costs almost nothing, so the proxy's
#              own cost shows fully (the worst case for the ratio)
# usage: bench/load/proxy_overhead.sh [seconds-per-round] [rounds] [connections]
# Prints each round's requests/s and the ratio proxy/direct; docs/benchmarks.md records them (goal: >= 80%).
# Sets net.ipv4.tcp_tw_reuse=1 for the run (restored on exit): see docs/benchmarks.md for why.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
rounds=${2:-3}
connections=${3:-32}
scripts/ensure-docker.sh >/dev/null
scripts/ensure-test-image.sh >/dev/null
scripts/ensure-haproxy.sh >/dev/null
command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }; }

# busybox httpd closes every connection, so each request costs docker-proxy a new connection to the container over the
# bridge; with TIME_WAIT reuse limited to loopback (Debian's default, 2) those ports run out within seconds and both paths
# collapse to a few hundred requests/s. Reuse is allowed for the run and restored afterwards.
tw_reuse=$(sysctl -n net.ipv4.tcp_tw_reuse)
sysctl -qw net.ipv4.tcp_tw_reuse=1

work=$(mktemp -d /tmp/berth-proxy-bench.XXXXXX)
container=""
haproxy_pid=""
origin_pid=""
cleanup() {
    set +e # every step runs, whatever the one before returned (a killed haproxy's wait reports 143)
    [[ -n $haproxy_pid ]] && kill "$haproxy_pid" 2>/dev/null && wait "$haproxy_pid" 2>/dev/null
    [[ -n $origin_pid ]] && kill "$origin_pid" 2>/dev/null && wait "$origin_pid" 2>/dev/null
    [[ -n $container ]] && docker rm -f "$container" >/dev/null 2>&1
    rm -rf "$work"
    sysctl -qw net.ipv4.tcp_tw_reuse="$tw_reuse"
}
trap cleanup EXIT

# The target: busybox httpd in the test image, published on an ephemeral loopback port (as a bridge task's host port).
container=$(docker run -d --rm -p 127.0.0.1::80 --label berth.bench=proxy-overhead berth-test/busybox:latest \
    sh -c 'echo "hello from the target" > /www/index.html && echo ok > /www/health && exec httpd -f -p 80 -h /www')
target_port=$(docker port "$container" 80/tcp | head -1 | sed 's/.*://')
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
listener_port=$(free_port)
static_listener_port=$(free_port)
origin_port=$(free_port)

cat >"$work/origin.cfg" <<CFG
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend origin
    bind 127.0.0.1:$origin_port
    http-request return status 200 content-type text/plain string "hello from the target"
CFG
haproxy -f "$work/origin.cfg" >"$work/origin.log" 2>&1 &
origin_pid=$!

# One listener forwarding to one target group, as Berth renders it.
listener_to() { # listener-port group-name target-port
    cat <<CFG
frontend port_$1
    bind 127.0.0.1:$1
    http-request set-var(txn.rule) int(1) if !{ var(txn.rule) -m found }
    use_backend tg_$2 if { var(txn.rule) -m int 1 }
backend tg_$2
    balance roundrobin
    option httpchk GET /health
    http-check expect status 200
    timeout check 5s
    server target 127.0.0.1:$3 check inter 5s rise 2 fall 2
CFG
}
{
    cat <<CFG
global
    stats socket $work/admin.sock mode 600 level admin expose-fd listeners
    hard-stop-after 300s
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout http-request 30s
    timeout http-keep-alive 60s
    retries 3
    option redispatch 1
    option idle-close-on-response
CFG
    listener_to "$listener_port" container "$target_port"
    listener_to "$static_listener_port" static "$origin_port"
} >"$work/haproxy.cfg"
haproxy -W -S "$work/master.sock" -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
haproxy_pid=$!
for _ in $(seq 50); do
    curl -fsS "http://127.0.0.1:$listener_port/" >/dev/null 2>&1 && curl -fsS "http://127.0.0.1:$static_listener_port/" >/dev/null 2>&1 \
        && curl -fsS "http://127.0.0.1:$target_port/" >/dev/null 2>&1 && break
    sleep 0.2
done

rps() { # url -> "requests/s errors" (errors: socket errors and non-2xx responses, summed)
    local out
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" "$1")
    awk '/^Requests\/sec:/ { rps = $2 }
         /Socket errors:/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
         /Non-2xx/ { errors += $NF }
         END { printf "%s %d\n", rps, errors }' <<<"$out"
}

compare() { # name direct-url proxied-url
    local direct_total=0 proxy_total=0 direct proxied direct_errors proxy_errors
    for round in $(seq "$rounds"); do
        read -r direct direct_errors < <(rps "$2")
        read -r proxied proxy_errors < <(rps "$3")
        printf '%-9s round %d: direct %8.0f req/s (%d errors)   through HAProxy %8.0f req/s (%d errors)   ratio %.2f\n' \
            "$1" "$round" "$direct" "$direct_errors" "$proxied" "$proxy_errors" "$(echo "$proxied / $direct" | bc -l)"
        direct_total=$(echo "$direct_total + $direct" | bc -l)
        proxy_total=$(echo "$proxy_total + $proxied" | bc -l)
    done
    printf '%-9s overall: through HAProxy / direct = %.2f\n' "$1" "$(echo "$proxy_total / $direct_total" | bc -l)"
}

printf 'wrk -t2 -c%d -d%ds, %d rounds, %d cores; HAProxy %s\n' "$connections" "$seconds" "$rounds" "$(nproc)" "$(haproxy -v | awk 'NR==1 { print $3 }')"
compare container "http://127.0.0.1:$target_port/" "http://127.0.0.1:$listener_port/"
compare static "http://127.0.0.1:$origin_port/" "http://127.0.0.1:$static_listener_port/"
