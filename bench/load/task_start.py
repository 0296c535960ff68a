"""Task start overhead: RunTask response -> RUNNING (seen by polling DescribeTasks), minus `docker run -d` of the same container.

usage: python3 bench/load/task_start.py [tasks] [burst]   (AWS_* from `berth env`; a berth with a connected agent in "default")
Prints one line per phase and a summary; docs/benchmarks.md records the figures.
"""
import statistics
import subprocess
import sys
import time

import boto3

IMAGE = "berth-test/busybox:latest"
COMMAND = ["sleep", "3600"]
POLL = 0.01


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def docker_run_seconds(samples):
    """How long `docker run -d` takes for the same container (created, started, detached)."""
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        container = subprocess.run(["docker", "run", "-d", "--rm", "--label", "berth.bench=1", IMAGE, *COMMAND],
                                   check=True, capture_output=True, text=True).stdout.strip()
        times.append(time.perf_counter() - start)
        subprocess.run(["docker", "rm", "-f", container], check=True, capture_output=True)
    return times


def wait_running(client, cluster, arns, deadline):
    pending = set(arns)
    reached = {}
    while pending and time.perf_counter() < deadline:
        for chunk in [list(pending)[i:i + 100] for i in range(0, len(pending), 100)]:
            for task in client.describe_tasks(cluster=cluster, tasks=chunk)["tasks"]:
                if task["lastStatus"] == "RUNNING":
                    reached[task["taskArn"]] = time.perf_counter()
                    pending.discard(task["taskArn"])
                elif task["lastStatus"] == "STOPPED":
                    raise SystemExit(f"task stopped: {task.get('stoppedReason')}")
        time.sleep(POLL)
    return reached, pending


def main():
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    burst = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    client = boto3.client("ecs")
    cluster = "default"
    client.register_task_definition(family="bench-start", containerDefinitions=[
        {"name": "app", "image": IMAGE, "command": COMMAND, "memoryReservation": 8, "cpu": 0}])

    docker = docker_run_seconds(10)
    docker_median = statistics.median(docker)
    print(f"docker run -d: median {docker_median * 1000:.0f} ms over {len(docker)} runs")

    overheads = []
    started = []
    for _ in range(tasks):
        task = client.run_task(cluster=cluster, taskDefinition="bench-start")["tasks"][0]
        answered = time.perf_counter()
        reached, pending = wait_running(client, cluster, [task["taskArn"]], answered + 60)
        if pending:
            raise SystemExit("a task did not reach RUNNING within 60 s")
        overheads.append(reached[task["taskArn"]] - answered - docker_median)
        started.append(task["taskArn"])
    print(f"sequential {tasks}: overhead median {statistics.median(overheads) * 1000:.0f} ms, "
          f"p99 {percentile(overheads, 99) * 1000:.0f} ms, max {max(overheads) * 1000:.0f} ms")
    for arn in started:
        client.stop_task(cluster=cluster, task=arn, reason="bench done")

    begin = time.perf_counter()
    arns = []
    while len(arns) < burst:
        response = client.run_task(cluster=cluster, taskDefinition="bench-start", count=min(10, burst - len(arns)))
        if response["failures"]:
            raise SystemExit(f"placement failed: {response['failures']}")
        arns += [t["taskArn"] for t in response["tasks"]]
    reached, pending = wait_running(client, cluster, arns, begin + 300)
    print(f"burst {burst}: {len(reached)} RUNNING, {len(pending)} not, last after {max(reached.values()) - begin:.1f} s")
    for arn in arns:
        client.stop_task(cluster=cluster, task=arn, reason="bench done")
    if pending:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
