#!/usr/bin/env bash
# Zero-downtime check for load balancing (issue 8): a 3-task service behind an ALB listener (HAProxy run by berth) while wrk
# sends requests through the listener; phase 1 rolls the service to a new revision, phase 2 makes the control plane reload
# HAProxy's configuration every 2 s (a rule created / deleted). Prints wrk's figures per phase: requests/s, non-2xx
# responses and socket errors must be 0 for a pass.
# usage: bench/load/elb_rolling.sh [seconds per phase] [wrk connections]
# docs/benchmarks.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
connections=${2:-8}
port=9497
listener=9498
data=$(mktemp -d)
scripts/ensure-docker.sh >/dev/null
scripts/ensure-haproxy.sh >/dev/null
scripts/ensure-test-image.sh >/dev/null
command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null
dotnet build src/Berth -c Release --nologo -v q >/dev/null
berth=src/Berth/bin/Release/net10.0/berth
pid=
cleanup() {
    [[ -n $pid ]] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
    docker rm -f $(docker ps -aq --filter label=com.amazonaws.ecs.task-definition-family=bench-web) >/dev/null 2>&1
    rm -rf "$data"
}
trap cleanup EXIT
"$berth" up --port $port --data-dir "$data/server" >"$data/server.log" 2>&1 &
pid=$!
for _ in $(seq 150); do grep -q ready "$data/server.log" && break; sleep 0.2; done
eval "$("$berth" env --port $port --data-dir "$data/server")"
for _ in $(seq 150); do
    [[ $(aws ecs list-container-instances --query 'length(containerInstanceArns)') == 1 ]] && break
    sleep 0.2
done

lb=$(aws elbv2 create-load-balancer --name bench --query 'LoadBalancers[0].LoadBalancerArn' --output text)
dns=$(aws elbv2 describe-load-balancers --query 'LoadBalancers[0].DNSName' --output text)
tg=$(aws elbv2 create-target-group --name bench-web --protocol HTTP --port 8080 --vpc-id vpc-berth --target-type instance \
    --health-check-path / --health-check-interval-seconds 5 --health-check-timeout-seconds 2 \
    --healthy-threshold-count 2 --unhealthy-threshold-count 2 --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 modify-target-group-attributes --target-group-arn "$tg" --attributes Key=deregistration_delay.timeout_seconds,Value=5 >/dev/null
listener_arn=$(aws elbv2 create-listener --load-balancer-arn "$lb" --protocol HTTP --port $listener \
    --default-actions "Type=forward,TargetGroupArn=$tg" --query 'Listeners[0].ListenerArn' --output text)
register() {
    aws ecs register-task-definition --family bench-web --container-definitions "[{\"name\":\"web\",\"image\":\"berth-test/busybox:latest\",
        \"memory\":32,\"portMappings\":[{\"containerPort\":8080,\"hostPort\":0}],\"linuxParameters\":{\"initProcessEnabled\":true},
        \"command\":[\"sh\",\"-c\",\"mkdir -p /www && echo $1 > /www/index.html && exec httpd -f -p 8080 -h /www\"]}]" \
        --query taskDefinition.taskDefinitionArn --output text
}
first=$(register blue)
second=$(register green)
aws ecs create-service --service-name web --task-definition "$first" --desired-count 3 \
    --load-balancers "targetGroupArn=$tg,containerName=web,containerPort=8080" >/dev/null
aws ecs wait services-stable --services web
# RUNNING is what services-stable waits for; new targets take rise (2) checks before they serve.
aws elbv2 wait target-in-service --target-group-arn "$tg"
echo "service stable: $(curl -s "http://$dns:$listener/")"
aws elbv2 describe-target-health --target-group-arn "$tg" --query 'TargetHealthDescriptions[].[Target.Id,Target.Port,TargetHealth.State]' --output text

phase() {  # name, then the command to run while wrk runs
    local name=$1; shift
    # wrk resolves names with the C library, which does not know *.localhost: the Host header carries the DNS name.
    wrk -t2 -c"$connections" -d"${seconds}s" -H "Host: $dns" "http://127.0.0.1:$listener/" >"$data/wrk-$name.txt" 2>&1 &
    local wrk_pid=$!
    sleep 2
    local started=$SECONDS
    "$@"
    local took=$((SECONDS - started))
    wait $wrk_pid || true
    local rps non2xx errors
    rps=$(awk '/Requests\/sec/ {print $2}' "$data/wrk-$name.txt")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$data/wrk-$name.txt")
    errors=$(sed -n 's/.*Socket errors: //p' "$data/wrk-$name.txt")
    echo "$name: ${took}s of changes in a ${seconds}s wrk run: $rps requests/s, non-2xx ${non2xx:-0}, socket errors: ${errors:-none}"
    grep -E "requests in" "$data/wrk-$name.txt" || cat "$data/wrk-$name.txt"
}
rolling() {
    aws ecs update-service --service web --task-definition "$second" >/dev/null
    aws ecs wait services-stable --services web
    echo "rolled to: $(curl -s "http://$dns:$listener/")"
}
reloads() {  # each round (two CLI calls, about 4-5 s) changes the configuration twice: two reloads
    local rounds=$(( (seconds - 6) / 5 ))
    echo "$((2 * rounds)) reloads"
    for i in $(seq $rounds); do
        arn=$(aws elbv2 create-rule --listener-arn "$listener_arn" --priority "$i" --conditions "Field=path-pattern,Values=/reload-$i" \
            --actions "Type=fixed-response,FixedResponseConfig={StatusCode=204}" --query 'Rules[0].RuleArn' --output text)
        sleep 1
        aws elbv2 delete-rule --rule-arn "$arn"
        sleep 1
    done
}
phase rolling rolling
phase reloads reloads
