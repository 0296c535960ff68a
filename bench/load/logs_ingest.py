"""CloudWatch Logs ingest throughput and FilterLogEvents first-page latency.

usage: python3 bench/load/logs_ingest.py [events] [threads]   (AWS_* from `berth env`; a running berth)

1. Ingest: `events` events (default 1,000,000) of ~70 bytes through PutLogEvents batches of 10,000 into one stream per
   thread of group `bench-<time>`, sent by `threads` (default 2) connections. Batches are SigV4-signed ahead of the clock
   (the signature holds for 15 minutes) so the client measures the server, not botocore's serializer.
2. FilterLogEvents over that group: the first page with the default limit (10,000 events, blank pattern), and with limit
   100, timed from the request to the last byte of the response; five of each, median reported.
Prints one line per figure; docs/benchmarks.md records them.
"""
import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

BATCH = 10_000
ENDPOINT = urllib.parse.urlparse(os.environ["AWS_ENDPOINT_URL"])
CREDENTIALS = Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"])
REGION = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")


def signed(operation, body):
    """Headers and body of one signed Logs request."""
    request = AWSRequest(method="POST", url=os.environ["AWS_ENDPOINT_URL"] + "/", data=body,
                         headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"Logs_20140328.{operation}"})
    SigV4Auth(CREDENTIALS, "logs", REGION).add_auth(request)
    return dict(request.headers.items()), body


def call(connection, operation, payload):
    headers, body = signed(operation, json.dumps(payload).encode())
    connection.request("POST", "/", body, headers)
    response = connection.getresponse()
    data = response.read()
    if response.status != 200:
        raise SystemExit(f"{operation}: {response.status} {data[:300]!r}")
    return data


def connect():
    return http.client.HTTPConnection(ENDPOINT.hostname, ENDPOINT.port)


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    group = f"bench-{int(time.time())}"
    setup = connect()
    call(setup, "CreateLogGroup", {"logGroupName": group})
    streams = [f"stream-{i}" for i in range(threads)]
    for stream in streams:
        call(setup, "CreateLogStream", {"logGroupName": group, "logStreamName": stream})

    batches_per_thread = total // BATCH // threads
    start_ms = int(time.time() * 1000) - 3_600_000
    padding = "x" * 50

    def prepare(thread):
        bodies = []
        for b in range(batches_per_thread):
            first = start_ms + b * BATCH
            events = [{"timestamp": first + i, "message": f"{thread} {b} {i} level=info {padding}"} for i in range(BATCH)]
            body = json.dumps({"logGroupName": group, "logStreamName": streams[thread], "logEvents": events}).encode()
            bodies.append(signed("PutLogEvents", body))
        return bodies

    prepared = [prepare(t) for t in range(threads)]

    def send(thread):
        connection = connect()
        for headers, body in prepared[thread]:
            connection.request("POST", "/", body, headers)
            response = connection.getresponse()
            data = response.read()
            if response.status != 200 or b"rejected" in data:
                raise SystemExit(f"PutLogEvents: {response.status} {data[:300]!r}")

    began = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(send, range(threads)))
    elapsed = time.perf_counter() - began
    sent = batches_per_thread * threads * BATCH
    print(f"ingest: {sent:,} events in {elapsed:.2f} s = {sent / elapsed:,.0f} events/s "
          f"({threads} connections, batches of {BATCH:,})")

    for limit in (None, 100):
        payload = {"logGroupName": group} if limit is None else {"logGroupName": group, "limit": limit}
        timings = []
        for _ in range(5):
            began = time.perf_counter()
            data = call(setup, "FilterLogEvents", payload)
            timings.append((time.perf_counter() - began) * 1000)
        count = len(json.loads(data)["events"])
        print(f"filter first page over {sent:,} events: {count:,} events, median {statistics.median(timings):.0f} ms, "
              f"max {max(timings):.0f} ms (limit {limit or 'default'})")


if __name__ == "__main__":
    main()
