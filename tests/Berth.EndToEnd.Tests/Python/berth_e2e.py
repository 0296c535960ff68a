"""Helpers for the boto3 snippets of the end-to-end tests.

Every snippet runs as `from berth_e2e import *` followed by its own code, in a fresh python3 whose AWS_* environment
points at the Berth under test (no ~/.aws files). A snippet reports what it saw by calling emit() exactly once; the
C# test parses that JSON and makes its assertions there, so a failure shows the snippet and everything it printed.
"""

import datetime
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from unittest import mock

import boto3
import botocore.auth
import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

ENDPOINT = os.environ["AWS_ENDPOINT_URL"]
ACCESS_KEY = os.environ["AWS_ACCESS_KEY_ID"]
SECRET_KEY = os.environ["AWS_SECRET_ACCESS_KEY"]
REGION = os.environ["AWS_DEFAULT_REGION"]
TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113"

# No retries: a test must see the first answer, and a retried 5xx would only slow a failure down.
_NO_RETRIES = {"max_attempts": 0}


def ecs():
    """A boto3 ECS client as an application would make it: endpoint, keys and region from the environment."""
    return boto3.session.Session().client("ecs", config=Config(retries=_NO_RETRIES))


def logs():
    """A boto3 CloudWatch Logs client, made as ecs() makes its client."""
    return boto3.session.Session().client("logs", config=Config(retries=_NO_RETRIES))


def raw_ecs(**overrides):
    """A botocore ECS client that sends whatever it is given (no client-side validation), to reach the server's checks."""
    session = botocore.session.get_session()
    return session.create_client(
        "ecs",
        endpoint_url=overrides.pop("endpoint_url", ENDPOINT),
        config=Config(parameter_validation=False, retries=_NO_RETRIES),
        **overrides,
    )


def outcome(client, operation, **params):
    """Calls an operation and reports either {'ok': response} or {'error': code, 'message': ..., 'status': http status}."""
    try:
        return {"ok": getattr(client, operation)(**params), "status": 200}
    except ClientError as error:
        return {
            "error": error.response["Error"].get("Code"),
            "message": error.response["Error"].get("Message"),
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
        }


def minutes_ago(minutes):
    """A naive UTC time `minutes` in the past, the form botocore's signer works with."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(minutes=minutes)


def send(operation, body="{}", *, access_key=None, secret_key=None, service="ecs", region=None, signed_at=None,
         sign=True, target_prefix=TARGET_PREFIX, endpoint=None, headers=None):
    """Sends a hand-made awsJson1.1 request: any body, any target, signed (or not) however the test wants.

    `headers` are set after signing, so they can replace what the signer wrote (e.g. a malformed Authorization).

    Returns {'status': http status, 'error': __type or None, 'message': ..., 'body': the parsed JSON (or text)}.
    """
    endpoint = endpoint or ENDPOINT
    request = AWSRequest(
        method="POST",
        url=endpoint + "/",
        data=body.encode("utf-8"),
        headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"{target_prefix}.{operation}"},
    )
    if sign:
        signer = SigV4Auth(Credentials(access_key or ACCESS_KEY, secret_key or SECRET_KEY), service, region or REGION)
        if signed_at is None:
            signer.add_auth(request)
        else:
            with mock.patch.object(botocore.auth, "get_current_datetime", return_value=signed_at):
                signer.add_auth(request)
    for name, value in (headers or {}).items():
        if name in request.headers:
            del request.headers[name]
        request.headers[name] = value
    prepared = request.prepare()
    http_request = urllib.request.Request(prepared.url, data=prepared.body, headers=dict(prepared.headers), method="POST")
    try:
        with urllib.request.urlopen(http_request, timeout=30) as response:
            status, text = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode("utf-8")
    try:
        parsed = json.loads(text) if text else None
    except ValueError:
        parsed = text
    error_type = parsed.get("__type") if isinstance(parsed, dict) else None
    message = parsed.get("message") if isinstance(parsed, dict) else None
    return {"status": status, "error": error_type, "message": message, "body": parsed}


def agent_credentials(container_instance_arn, access_key=None, secret_key=None):
    """POST /berth/agent/v1/credentials signed as the agent signs it; returns {'status': http status, 'body': parsed JSON}."""
    request = AWSRequest(
        method="POST",
        url=ENDPOINT + "/berth/agent/v1/credentials",
        data=json.dumps({"containerInstanceArn": container_instance_arn}).encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    SigV4Auth(Credentials(access_key or ACCESS_KEY, secret_key or SECRET_KEY), "ecs", REGION).add_auth(request)
    prepared = request.prepare()
    http_request = urllib.request.Request(prepared.url, data=prepared.body, headers=dict(prepared.headers), method="POST")
    try:
        with urllib.request.urlopen(http_request, timeout=30) as response:
            status, text = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode("utf-8")
    return {"status": status, "body": json.loads(text) if text else None}


def instance_ecs(credentials):
    """A boto3 ECS client signing with a container instance's own key pair (as agent_credentials returned it)."""
    return boto3.session.Session(
        aws_access_key_id=credentials["accessKeyId"], aws_secret_access_key=credentials["secretAccessKey"], region_name=REGION
    ).client("ecs", config=Config(retries=_NO_RETRIES))


def agent_registration(cluster, cpu=2048, memory=3928, **extra):
    """RegisterContainerInstance parameters shaped as the ECS agent sends them (2 vCPUs, reserved ports), plus `extra`."""
    return {
        "cluster": cluster,
        "totalResources": [
            {"name": "CPU", "type": "INTEGER", "integerValue": cpu},
            {"name": "MEMORY", "type": "INTEGER", "integerValue": memory},
            {"name": "PORTS", "type": "STRINGSET", "stringSetValue": ["22", "2375", "2376", "51678", "51679"]},
            {"name": "PORTS_UDP", "type": "STRINGSET", "stringSetValue": []},
        ],
        "versionInfo": {"agentVersion": "1.0.0", "agentHash": "e2e", "dockerVersion": "DockerVersion: 27.3.1"},
        "attributes": [{"name": "ecs.os-family", "value": "LINUX"}, {"name": "ecs.capability.task-eni"}]
        + [{"name": f"com.amazonaws.ecs.capability.docker-remote-api.1.{v}"} for v in range(17, 22)],
        **extra,
    }


def plain(value):
    """A response without its ResponseMetadata (request id, HTTP headers), so two answers can be compared."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _json_default(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return str(value)


def emit(**values):
    """Prints the snippet's findings as one JSON object (ResponseMetadata dropped, datetimes as ISO text)."""
    json.dump(plain(values), sys.stdout, default=_json_default)
    sys.stdout.write("\n")
    sys.stdout.flush()


TEST_IMAGE = "berth-test/busybox:latest"
FAST_WAITER = {"Delay": 1, "MaxAttempts": 90}


def wait_tasks(client, cluster, arns, status, timeout=90):
    """Polls DescribeTasks until every task's lastStatus is `status` (or STOPPED, which ends every wait); returns the tasks."""
    deadline = time.time() + timeout
    while True:
        tasks = client.describe_tasks(cluster=cluster, tasks=arns)["tasks"]
        if all(t["lastStatus"] in (status, "STOPPED") for t in tasks) or time.time() > deadline:
            return tasks
        time.sleep(0.25)


def wait_connected(client, cluster, count, timeout=90):
    """Waits until `count` ACTIVE instances of the cluster show agentConnected; returns the instances."""
    deadline = time.time() + timeout
    while True:
        arns = client.list_container_instances(cluster=cluster)["containerInstanceArns"]
        instances = client.describe_container_instances(cluster=cluster, containerInstances=arns)["containerInstances"] if arns else []
        connected = [i for i in instances if i["agentConnected"]]
        if len(connected) >= count or time.time() > deadline:
            return connected
        time.sleep(0.25)


def http_get(port, path="/", host=None):
    """GET http://127.0.0.1:port/path (with that Host header when given, as a load balancer's DNS name would send);
    returns (status, body) or (None, error text)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except Exception as error:  # noqa: BLE001 - the test asserts on what happened
        return None, str(error)


def docker_inspect(container_id):
    """`docker inspect` of one container as a dict (State, Config.Labels, ...), or None when it does not exist."""
    result = subprocess.run(["docker", "inspect", container_id], capture_output=True, text=True)
    return json.loads(result.stdout)[0] if result.returncode == 0 else None


def wait_removed(container_ids, timeout=60):
    """Waits until none of the containers exists any more; returns those still there."""
    deadline = time.time() + timeout
    while True:
        left = [c for c in container_ids if docker_inspect(c) is not None]
        if not left or time.time() > deadline:
            return left
        time.sleep(0.5)


def register_sleeper(client, family, memory=64, **extra):
    """Registers a definition of one container that runs until stopped and stops at once (Docker's init forwards SIGTERM)."""
    return client.register_task_definition(family=family, containerDefinitions=[
        {"name": "app", "image": TEST_IMAGE, "memory": memory, "command": ["sleep", "3600"], "linuxParameters": {"initProcessEnabled": True}}],
        **extra)["taskDefinition"]


def started_on(task):
    """The container instance whose agent started the task's first container (its Docker label), or None."""
    runtime_id = task["containers"][0].get("runtimeId")
    container = docker_inspect(runtime_id) if runtime_id else None
    return container["Config"]["Labels"].get("berth.container-instance-arn") if container else None


def observe_and_stop(client, cluster, arns):
    """Waits until the tasks run and notes which agent started each, then stops them and waits for STOPPED even when
    something failed, so their reservations are back on the instances before the next test places anything.

    Returns {'running': the tasks once RUNNING, 'startedOn': started_on of each, 'stopped': the tasks once STOPPED}."""
    seen = {"running": [], "startedOn": [], "stopped": []}
    try:
        seen["running"] = wait_tasks(client, cluster, arns, "RUNNING") if arns else []
        seen["startedOn"] = [started_on(t) for t in seen["running"]]
    finally:
        for arn in arns:
            client.stop_task(cluster=cluster, task=arn)
        seen["stopped"] = wait_tasks(client, cluster, arns, "STOPPED") if arns else []
    return seen


def run_and_stop(client, cluster, **params):
    """RunTask, then observe_and_stop its tasks; returns the RunTask response as 'run' beside what observe_and_stop saw."""
    run = client.run_task(cluster=cluster, **params)
    return {"run": run, **observe_and_stop(client, cluster, [t["taskArn"] for t in run["tasks"]])}


def wait_containers_gone(instance_arns, timeout=60):
    """Waits until Docker has no container (running or exited) started by the agents of these instances; returns those left."""
    deadline = time.time() + timeout
    while True:
        left = [line for arn in instance_arns for line in subprocess.run(
            ["docker", "ps", "-aq", "--filter", f"label=berth.container-instance-arn={arn}"], capture_output=True, text=True).stdout.split()]
        if not left or time.time() > deadline:
            return left
        time.sleep(0.5)


def stable(service):
    """The services-stable waiter's condition on one described service: one deployment, runningCount == desiredCount."""
    return len(service["deployments"]) == 1 and service["runningCount"] == service["desiredCount"]


def service_tasks(client, cluster, service, desired="RUNNING"):
    """The service's tasks with that desired status, described (ListTasks by serviceName)."""
    arns = client.list_tasks(cluster=cluster, serviceName=service, desiredStatus=desired)["taskArns"]
    return client.describe_tasks(cluster=cluster, tasks=arns)["tasks"] if arns else []


def watch_until_stable(client, cluster, service, timeout=120):
    """Describes the service every 0.2 s until the services-stable condition holds and its one deployment is COMPLETED
    (a waiter may succeed a moment before: the condition does not look at rolloutState); returns what was seen on the way:
    the most deployments at once, the service and its running tasks at the first look where the condition held, and the
    service once COMPLETED."""
    deadline = time.time() + timeout
    most, first = 0, None
    while True:
        described = client.describe_services(cluster=cluster, services=[service])["services"][0]
        most = max(most, len(described["deployments"]))
        if stable(described) and first is None:
            first = {"service": described, "tasks": service_tasks(client, cluster, service)}
        done = stable(described) and described["deployments"][0].get("rolloutState") == "COMPLETED"
        if done or time.time() > deadline:
            return {"mostDeployments": most, "firstStable": first, "service": described,
                    "tasks": service_tasks(client, cluster, service), "stable": done}
        time.sleep(0.2)


def wait_service(client, cluster, service, predicate, timeout=120):
    """Describes the service every 0.25 s until predicate(service) holds; returns the last description."""
    deadline = time.time() + timeout
    while True:
        described = client.describe_services(cluster=cluster, services=[service])["services"][0]
        if predicate(described) or time.time() > deadline:
            return described
        time.sleep(0.25)


def delete_service(client, cluster, service, timeout=90):
    """DeleteService --force and waits until every task of it is STOPPED; returns the service as described then."""
    client.delete_service(cluster=cluster, service=service, force=True)
    deadline = time.time() + timeout
    while service_tasks(client, cluster, service) and time.time() < deadline:
        time.sleep(0.25)
    return wait_service(client, cluster, service, lambda s: s["status"] == "INACTIVE", timeout=max(1, deadline - time.time()))


def ecr():
    """A boto3 ECR client as an application would make it."""
    return boto3.session.Session().client("ecr", config=Config(retries=_NO_RETRIES))


def registry_password():
    """The registry password GetAuthorizationToken grants (the token is base64 of 'AWS:<password>')."""
    import base64
    token = ecr().get_authorization_token()["authorizationData"][0]["authorizationToken"]
    return base64.b64decode(token).decode().split(":", 1)[1]


def registry(method, path, body=None, headers=None, password=None, anonymous=False):
    """One request to Berth's registry (the OCI distribution API under /v2/); reports status, headers and the JSON or raw body."""
    import base64
    request = urllib.request.Request(ENDPOINT + path, data=body, method=method, headers=dict(headers or {}))
    if not anonymous:
        credentials = base64.b64encode(("AWS:" + (password or registry_password())).encode()).decode()
        request.add_header("Authorization", "Basic " + credentials)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, response_headers, raw = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, response_headers, raw = error.code, dict(error.headers), error.read()
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = raw.decode("latin-1")
    return {"status": status, "headers": response_headers, "body": parsed}


def sha256_digest(data):
    import hashlib
    return "sha256:" + hashlib.sha256(data).hexdigest()


def push_blob(repository, data, password):
    """A monolithic blob upload (POST with ?digest=); returns the response."""
    return registry("POST", f"/v2/{repository}/blobs/uploads/?digest={sha256_digest(data)}", data, password=password)


def wait_log_messages(client, group, stream, count, timeout=60):
    """Reads the stream from its head (every page) until it holds at least `count` events or the time is up; returns the
    messages, oldest first. A stream not created yet counts as empty."""
    deadline = time.time() + timeout
    while True:
        messages, token = [], None
        try:
            while True:
                params = {"logGroupName": group, "logStreamName": stream, "startFromHead": True}
                if token:
                    params["nextToken"] = token
                page = client.get_log_events(**params)
                messages += [e["message"] for e in page["events"]]
                if not page["events"] or page["nextForwardToken"] == token:
                    break
                token = page["nextForwardToken"]
        except ClientError as e:
            if e.response["Error"]["Code"] != "ResourceNotFoundException":
                raise
        if len(messages) >= count or time.time() > deadline:
            return messages
        time.sleep(0.25)


def register_printer(client, family, group, lines, pause="0", prefix="app"):
    """A task definition whose container `app` prints line-1 .. line-N (pausing between them) to stdout with awslogs."""
    script = f"i=1; while [ $i -le {lines} ]; do echo line-$i; i=$((i+1)); sleep {pause}; done"
    return client.register_task_definition(family=family, containerDefinitions=[{
        "name": "app", "image": TEST_IMAGE, "memoryReservation": 8, "command": ["sh", "-c", script],
        "logConfiguration": {"logDriver": "awslogs", "options": {
            "awslogs-group": group, "awslogs-region": "us-east-1", "awslogs-stream-prefix": prefix,
            "awslogs-create-group": "true"}}}])["taskDefinition"]


def elbv2():
    """A boto3 ELBv2 client as an application would make it (the awsQuery protocol)."""
    return boto3.session.Session().client("elbv2", config=Config(retries=_NO_RETRIES))


def register_web(client, family, text, paths=("",)):
    """Registers a definition of one container, web, serving `text` with busybox httpd on container port 8080 (a dynamic
    host port) at / and at each /<path>/."""
    pages = " && ".join(f"mkdir -p /www/{p} && echo {text} > /www/{p}/index.html" for p in paths)
    return client.register_task_definition(family=family, containerDefinitions=[
        {"name": "web", "image": TEST_IMAGE, "memory": 32, "portMappings": [{"containerPort": 8080, "hostPort": 0}],
         "command": ["sh", "-c", f"{pages} && exec httpd -f -p 8080 -h /www"], "linuxParameters": {"initProcessEnabled": True}}])["taskDefinition"]


def page(port, path, host):
    """http_get through a load balancer's listener, the body without its trailing newline (register_web's pages are one line)."""
    status, body = http_get(port, path, host)
    return status, body.strip()


def create_web_target_group(elb, name, health_path="/"):
    """An instance target group with fast health checks (5 s, 2 to change state) and a 2 s deregistration delay."""
    arn = elb.create_target_group(Name=name, Protocol="HTTP", Port=8080, VpcId="vpc-berth", TargetType="instance",
                                  HealthCheckPath=health_path, HealthCheckIntervalSeconds=5, HealthCheckTimeoutSeconds=2,
                                  HealthyThresholdCount=2, UnhealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
    elb.modify_target_group_attributes(TargetGroupArn=arn, Attributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": "2"}])
    return arn
