"""Service scale-out and rolling update against Docker alone.

usage: python3 bench/load/service_scale.py CLUSTER [tasks] [parallelism]   (AWS_* from `berth env`; agents connected in CLUSTER)

0. Warm-up: a service of 32 tasks per agent started, stable and deleted, so the control plane and agents have run every
   code path often enough for .NET to have compiled it fully (tier 1 after 30 calls), as in any cluster that has been up
   a while; its time is printed as the cold figure. Without it, the agents spend most of their CPU in the scale-out
   recompiling hot methods (measured: 57% of an agent's samples in the JIT).
1. Docker alone: `tasks` containers as the agent creates them for the same task definition (image, command, init,
   memory reservation, CPU shares) created and started through the Engine API, `parallelism` at a time, then stopped
   the same way.
2. CreateService with desiredCount `tasks`: time from the response until the services-stable condition holds (one deployment,
   runningCount == desiredCount), polling DescribeServices every 50 ms.
3. UpdateService to a new revision (the server counts a task healthy once it has run 1 s): time until stable again, and
   what is left of it after Docker's own time to start and stop as many containers: the controller's share at most.
Prints one line per phase; docs/benchmarks.md records the figures.
"""
import http.client
import json
import socket
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import boto3

IMAGE = "berth-test/busybox:latest"
COMMAND = ["sleep", "3600"]
POLL = 0.05
MEMORY_RESERVATION_MIB = 8
WARM_UP_TASKS_PER_AGENT = 32

# The container the agent creates for the task definition below: init on, the reservation, and the 2 CPU shares ECS's
# agent gives a container without cpu units (so under load Docker alone and the agents' containers wait alike).
SAME_AS_THE_AGENTS = {"Init": True, "MemoryReservation": MEMORY_RESERVATION_MIB * 1024 * 1024, "CpuShares": 2}


class DockerConnection(http.client.HTTPConnection):
    """The Docker Engine API on its unix socket, as the agent talks to it."""

    def __init__(self):
        super().__init__("localhost")

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect("/var/run/docker.sock")


def docker(method, path, body=None):
    connection = DockerConnection()
    connection.request(method, path, json.dumps(body) if body is not None else None, {"Content-Type": "application/json"})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    if response.status >= 300:
        raise SystemExit(f"docker {method} {path}: {response.status} {data[:200]}")
    return json.loads(data) if data else None


def docker_alone(tasks, parallelism):
    """Seconds to create and start `tasks` containers through the Engine API, `parallelism` at a time, and to stop them
    (SIGTERM, as the agent stops tasks) the same way."""
    def start(_):
        created = docker("POST", "/containers/create", {"Image": IMAGE, "Cmd": COMMAND, "Labels": {"berth.bench": "1"},
                                                        "HostConfig": SAME_AS_THE_AGENTS})
        docker("POST", f"/containers/{created['Id']}/start")
        return created["Id"]

    began = time.perf_counter()
    with ThreadPoolExecutor(parallelism) as pool:
        containers = list(pool.map(start, range(tasks)))
    started = time.perf_counter() - began
    began = time.perf_counter()
    with ThreadPoolExecutor(parallelism) as pool:
        list(pool.map(lambda c: docker("POST", f"/containers/{c}/stop?t=10"), containers))
    stopped = time.perf_counter() - began
    with ThreadPoolExecutor(parallelism) as pool:
        list(pool.map(lambda c: docker("DELETE", f"/containers/{c}?force=1"), containers))
    return started, stopped


def until_stable(client, cluster, service, start):
    while True:
        described = client.describe_services(cluster=cluster, services=[service])["services"][0]
        if len(described["deployments"]) == 1 and described["runningCount"] == described["desiredCount"]:
            return time.perf_counter() - start, described
        time.sleep(POLL)


def warm_up(client, cluster, definition, tasks):
    """A first service through every code path once; seconds until it was stable."""
    start = time.perf_counter()
    client.create_service(cluster=cluster, serviceName="bench-warm", taskDefinition=definition, desiredCount=tasks)
    warmed, _ = until_stable(client, cluster, "bench-warm", start)
    running = client.list_tasks(cluster=cluster, serviceName="bench-warm")["taskArns"]
    client.delete_service(cluster=cluster, service="bench-warm", force=True)
    while any(t["lastStatus"] != "STOPPED" for t in client.describe_tasks(cluster=cluster, tasks=running)["tasks"]):
        time.sleep(POLL)
    return warmed


def main():
    cluster = sys.argv[1]
    tasks = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    parallelism = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    client = boto3.client("ecs")
    definition = lambda memory: client.register_task_definition(family="bench-scale", containerDefinitions=[
        {"name": "app", "image": IMAGE, "memoryReservation": memory, "command": COMMAND, "linuxParameters": {"initProcessEnabled": True}}]
    )["taskDefinition"]["taskDefinitionArn"]
    first, second = definition(MEMORY_RESERVATION_MIB), definition(MEMORY_RESERVATION_MIB + 1)

    agents = len(client.list_container_instances(cluster=cluster)["containerInstanceArns"])
    cold = warm_up(client, cluster, first, WARM_UP_TASKS_PER_AGENT * agents)
    print(f"warm-up (cold processes): a service of {WARM_UP_TASKS_PER_AGENT * agents} tasks stable after {cold:.2f} s")

    alone, alone_stop = docker_alone(tasks, parallelism)
    print(f"docker alone, {parallelism} at a time: {tasks} containers started in {alone:.2f} s, stopped in {alone_stop:.2f} s")

    start = time.perf_counter()
    client.create_service(cluster=cluster, serviceName="bench-scale", taskDefinition=first, desiredCount=tasks)
    scaled, _ = until_stable(client, cluster, "bench-scale", start)
    print(f"service 0 -> {tasks}: stable after {scaled:.2f} s ({scaled / alone:.2f}x docker alone)")

    start = time.perf_counter()
    client.update_service(cluster=cluster, service="bench-scale", taskDefinition=second)
    rolled, _ = until_stable(client, cluster, "bench-scale", start)
    print(f"rolling update of {tasks} (100/200, healthy after 1 s RUNNING): stable after {rolled:.2f} s; docker alone would start "
          f"and stop as many in {alone + alone_stop:.2f} s; controller's share at most {max(0.0, rolled - alone - alone_stop):.2f} s")

    client.delete_service(cluster=cluster, service="bench-scale", force=True)


if __name__ == "__main__":
    main()
