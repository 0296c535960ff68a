"""Prints a wrk Lua script that replays one SigV4-signed ECS request.

The signature stays valid for AWS's 15-minute clock-skew window, so a short load run
exercises full signature verification on every request without re-signing.
usage: sign_request.py ENDPOINT OPERATION JSON_BODY  (credentials from AWS_* variables)
"""
import json
import os
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

endpoint, operation, body = sys.argv[1], sys.argv[2], sys.argv[3]
request = AWSRequest(
    method="POST",
    url=endpoint + "/",
    data=body.encode(),
    headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": f"AmazonEC2ContainerServiceV20141113.{operation}",
    },
)
credentials = Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"])
SigV4Auth(credentials, "ecs", os.environ.get("AWS_DEFAULT_REGION", "us-east-1")).add_auth(request)

print('wrk.method = "POST"')
print(f"wrk.body = {json.dumps(body)}")
for name, value in request.headers.items():
    if name.lower() != "host":
        print(f"wrk.headers[{json.dumps(name)}] = {json.dumps(value)}")
print("""
function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\\n")
    os.exit(1)
  end
end""")
