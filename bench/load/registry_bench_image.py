"""Writes an OCI image layout with one layer of random data (gzipped at level 1) for bench/load/registry_bench.sh.
usage: registry_bench_image.py <layout dir> <megabytes>"""
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile

layout, megabytes = sys.argv[1], int(sys.argv[2])
blobs = os.path.join(layout, "blobs", "sha256")
os.makedirs(blobs)


def put(data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, digest), "wb") as blob:
        blob.write(data)
    return {"digest": "sha256:" + digest, "size": len(data)}


payload = os.urandom(megabytes * 1024 * 1024)
tar = io.BytesIO()
with tarfile.open(fileobj=tar, mode="w") as archive:
    entry = tarfile.TarInfo("random.bin")
    entry.size = len(payload)
    archive.addfile(entry, io.BytesIO(payload))
uncompressed = tar.getvalue()
layer = put(gzip.compress(uncompressed, compresslevel=1, mtime=0))
config = put(json.dumps({
    "architecture": "amd64", "os": "linux", "config": {},
    "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(uncompressed).hexdigest()]},
}).encode())
manifest = put(json.dumps({
    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", **config},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", **layer}],
}).encode())
with open(os.path.join(layout, "oci-layout"), "w") as marker:
    json.dump({"imageLayoutVersion": "1.0.0"}, marker)
with open(os.path.join(layout, "index.json"), "w") as index:
    json.dump({"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json", **manifest,
        "annotations": {"org.opencontainers.image.ref.name": "bench"}}]}, index)
