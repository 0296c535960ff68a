using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Ecr;

/// <summary>Berth's registry with the clients users have: docker (login, push, pull), skopeo (copies in OCI format) and raw
/// distribution-API requests for the refusals (each answered with the spec's error and nothing stored).</summary>
public sealed class RegistryTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task Docker_LoginPushRemovePull_RoundTripsTheImage()
    {
        var uri = await fixture.CreateRepositoryAndLoginAsync("team/docker");
        Assert.Equal($"{fixture.RegistryHost}/team/docker", uri);
        var tagged = uri + ":1";
        try
        {
            (await fixture.RunAsync("docker", null, "tag", RegistryFixture.TestImage, tagged)).AssertSuccess();
            var push = (await fixture.RunAsync("docker", null, "push", tagged)).AssertSuccess();
            (await fixture.RunAsync("docker", null, "rmi", tagged)).AssertSuccess();
            (await fixture.RunAsync("docker", null, "pull", tagged)).AssertSuccess();

            var inspected = (await fixture.RunAsync("docker", null, "image", "inspect", "--format", "{{.Id}}", tagged)).AssertSuccess().Stdout.Trim();
            var original = (await fixture.RunAsync("docker", null, "image", "inspect", "--format", "{{.Id}}", RegistryFixture.TestImage)).AssertSuccess().Stdout.Trim();
            Assert.Equal(original, inspected);
            var described = (await fixture.AwsAsync("ecr", "describe-images", "--repository-name", "team/docker")).AssertSuccess();
            described.Verify(j =>
            {
                Assert.Equal("1", j.Str("imageDetails.0.imageTags.0"));
                Assert.Contains(j.Str("imageDetails.0.imageDigest")!, push.Stdout, StringComparison.Ordinal);
                Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", j.Str("imageDetails.0.imageManifestMediaType"));
                Assert.True(j.Int("imageDetails.0.imageSizeInBytes") > 0);
            });
        }
        finally
        {
            await fixture.RunAsync("docker", null, "rmi", tagged);
        }
    }

    [Fact]
    public async Task Skopeo_CopiesAnOciImageToBerthAndBack()
    {
        (await fixture.AwsAsync("ecr", "create-repository", "--repository-name", "skopeo")).AssertSuccess();
        var credentials = "AWS:" + await fixture.PasswordAsync();
        var destination = $"docker://{fixture.RegistryHost}/skopeo:oci";
        (await fixture.RunAsync("skopeo", null, "copy", "--format", "oci", "--dest-creds", credentials, "--dest-tls-verify=false",
            "docker-daemon:" + RegistryFixture.TestImage, destination)).AssertSuccess();
        var layout = Path.Combine(fixture.Scratch, "skopeo-layout");
        (await fixture.RunAsync("skopeo", null, "copy", "--src-creds", credentials, "--src-tls-verify=false", destination, $"oci:{layout}:back")).AssertSuccess();

        Assert.True(File.Exists(Path.Combine(layout, "index.json")));
        var described = (await fixture.AwsAsync("ecr", "describe-images", "--repository-name", "skopeo", "--image-ids", "imageTag=oci")).AssertSuccess();
        described.Verify(j =>
        {
            Assert.Equal("application/vnd.oci.image.manifest.v1+json", j.Str("imageDetails.0.imageManifestMediaType"));
            Assert.Equal("application/vnd.oci.image.config.v1+json", j.Str("imageDetails.0.artifactMediaType"));
        });
    }

    [Fact]
    public async Task Registry_ChunkedUploadMountAndTagPages_FollowTheDistributionSpec()
    {
        var result = await fixture.BotoAsync("""
            client = ecr()
            for name in ['spec/a', 'spec/b']:
                client.create_repository(repositoryName=name)
            password = registry_password()
            anonymous = registry('GET', '/v2/', anonymous=True)
            base = registry('GET', '/v2/', password=password)
            layer = b'chunk one|chunk two'
            started = registry('POST', '/v2/spec/a/blobs/uploads/', b'', password=password)
            location = started['headers']['Location']
            first = registry('PATCH', location, layer[:10], {'Content-Range': '0-9', 'Content-Type': 'application/octet-stream'}, password=password)
            gap = registry('PATCH', location, layer[10:], {'Content-Range': '15-20'}, password=password)
            second = registry('PATCH', location, layer[10:], {'Content-Range': '10-18'}, password=password)
            done = registry('PUT', location + '?digest=' + sha256_digest(layer), b'', password=password)
            config = b'{"architecture":"amd64","os":"linux"}'
            push_blob('spec/a', config, password)
            ranged = registry('GET', '/v2/spec/a/blobs/' + sha256_digest(layer), headers={'Range': 'bytes=6-8'}, password=password)
            head = registry('HEAD', '/v2/spec/a/blobs/' + sha256_digest(layer), password=password)
            mounted = registry('POST', f'/v2/spec/b/blobs/uploads/?mount={sha256_digest(layer)}&from=spec/a', b'', password=password)
            manifest = json.dumps({'schemaVersion': 2, 'mediaType': 'application/vnd.oci.image.manifest.v1+json',
                'config': {'mediaType': 'application/vnd.oci.image.config.v1+json', 'size': len(config), 'digest': sha256_digest(config)},
                'layers': [{'mediaType': 'application/vnd.oci.image.layer.v1.tar', 'size': len(layer), 'digest': sha256_digest(layer)}]}).encode()
            tags = {}
            for tag in ['t1', 't2', 't3']:
                tags[tag] = registry('PUT', '/v2/spec/a/manifests/' + tag, manifest, {'Content-Type': 'application/vnd.oci.image.manifest.v1+json'}, password=password)
            page1 = registry('GET', '/v2/spec/a/tags/list?n=2', password=password)
            page2 = registry('GET', page1['headers'].get('Link', '<>').split('>')[0][1:], password=password)
            fetched = registry('GET', '/v2/spec/a/manifests/t2', password=password)
            deleted = registry('DELETE', '/v2/spec/a/manifests/' + sha256_digest(manifest), password=password)
            after = client.list_images(repositoryName='spec/a')['imageIds']
            emit(anonymous=anonymous, base=base, started=started['status'], first=first, gap=gap, second=second, done=done,
                 ranged=ranged, head=head, mounted=mounted, tags={t: r['status'] for t, r in tags.items()},
                 page1=page1, page2=page2, fetched_status=fetched['status'], fetched_type=fetched['headers'].get('Content-Type'),
                 fetched_digest=fetched['headers'].get('Docker-Content-Digest'), manifest_digest=sha256_digest(manifest),
                 deleted=deleted['status'], after=after, layer_digest=sha256_digest(layer))
            """);

        result.Verify(j =>
        {
            Assert.Equal(401, j.Int("anonymous.status"));
            Assert.StartsWith("Basic realm=", j.Str("anonymous.headers.WWW-Authenticate"), StringComparison.Ordinal);
            Assert.Equal("UNAUTHORIZED", j.Str("anonymous.body.errors.0.code"));
            Assert.Equal((200, "registry/2.0"), (j.Int("base.status"), j.Str("base.headers.Docker-Distribution-API-Version")));
            Assert.Equal(202, j.Int("started"));
            Assert.Equal((202, "0-9"), (j.Int("first.status"), j.Str("first.headers.Range")));
            Assert.Equal((416, "RANGE_INVALID"), (j.Int("gap.status"), j.Str("gap.body.errors.0.code")));
            Assert.Equal((202, "0-18"), (j.Int("second.status"), j.Str("second.headers.Range")));
            Assert.Equal((201, j.Str("layer_digest")), (j.Int("done.status"), j.Str("done.headers.Docker-Content-Digest")));
            Assert.Equal((206, "one"), (j.Int("ranged.status"), j.Str("ranged.body")));
            Assert.Equal((200, "19"), (j.Int("head.status"), j.Str("head.headers.Content-Length")));
            Assert.Equal(201, j.Int("mounted.status"));
            Assert.Equal([201, 201, 201], new[] { "t1", "t2", "t3" }.Select(t => j.Int("tags." + t)));
            Assert.Equal(["t1", "t2"], j.Items("page1.body.tags").Select(t => t.GetValue<string>()));
            Assert.Equal(["t3"], j.Items("page2.body.tags").Select(t => t.GetValue<string>()));
            Assert.Equal((200, "application/vnd.oci.image.manifest.v1+json", j.Str("manifest_digest")),
                (j.Int("fetched_status"), j.Str("fetched_type"), j.Str("fetched_digest")));
            Assert.Equal(202, j.Int("deleted"));
            Assert.Empty(j.Items("after"));
        });
    }

    [Fact]
    public async Task Registry_BadInput_IsRefusedWithTheSpecsCodeAndNothingIsStored()
    {
        var result = await fixture.BotoAsync("""
            client = ecr()
            client.create_repository(repositoryName='bad', imageTagMutability='IMMUTABLE')
            password = registry_password()
            wrong_digest = registry('POST', '/v2/bad/blobs/uploads/?digest=' + sha256_digest(b'original'), b'corrupted', password=password)
            wrong_blob = registry('HEAD', '/v2/bad/blobs/' + sha256_digest(b'original'), password=password)
            config, other_config = b'{}', b'{"x":1}'
            push_blob('bad', config, password)
            push_blob('bad', other_config, password)
            def manifest(config_bytes, layer_digest, media_type='application/vnd.docker.distribution.manifest.v2+json'):
                return json.dumps({'schemaVersion': 2, 'mediaType': media_type,
                    'config': {'mediaType': 'application/vnd.docker.container.image.v1+json', 'size': len(config_bytes), 'digest': sha256_digest(config_bytes)},
                    'layers': [{'mediaType': 'application/vnd.docker.image.rootfs.diff.tar.gzip', 'size': 2, 'digest': layer_digest}]}).encode()
            docker_type = {'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json'}
            good = manifest(config, sha256_digest(config))
            missing_blob = registry('PUT', '/v2/bad/manifests/1', manifest(config, sha256_digest(b'never')), docker_type, password=password)
            oversized = registry('PUT', '/v2/bad/manifests/1', b' ' * (4 * 1024 * 1024 + 1), docker_type, password=password)
            unknown_type = registry('PUT', '/v2/bad/manifests/1', manifest(config, sha256_digest(config), 'application/x-thing'), {'Content-Type': 'application/x-thing'}, password=password)
            not_json = registry('PUT', '/v2/bad/manifests/1', b'{not json', docker_type, password=password)
            wrong_ref = registry('PUT', '/v2/bad/manifests/' + sha256_digest(b'other'), good, docker_type, password=password)
            traversal = registry('POST', '/v2/bad%2F..%2F..%2Fetc/blobs/uploads/', b'', password=password)
            unknown_repo = registry('GET', '/v2/nope/tags/list', password=password)
            forged = registry('GET', '/v2/bad/tags/list', password=password[:-2] + 'xx')
            stored_before = client.list_images(repositoryName='bad')['imageIds']
            first = registry('PUT', '/v2/bad/manifests/1', good, docker_type, password=password)
            moved = registry('PUT', '/v2/bad/manifests/1', manifest(other_config, sha256_digest(config)), docker_type, password=password)
            after = client.describe_images(repositoryName='bad')['imageDetails']
            emit(wrong_digest=wrong_digest, wrong_blob=wrong_blob['status'], missing_blob=missing_blob, oversized=oversized, unknown_type=unknown_type,
                 not_json=not_json, wrong_ref=wrong_ref, traversal=traversal, unknown_repo=unknown_repo, forged=forged,
                 stored_before=stored_before, first=first['status'], moved=moved, after=after, good_digest=sha256_digest(good))
            """);

        result.Verify(j =>
        {
            Assert.Equal((400, "DIGEST_INVALID"), (j.Int("wrong_digest.status"), j.Str("wrong_digest.body.errors.0.code")));
            Assert.Equal(404, j.Int("wrong_blob"));
            Assert.Equal((400, "MANIFEST_BLOB_UNKNOWN"), (j.Int("missing_blob.status"), j.Str("missing_blob.body.errors.0.code")));
            Assert.Equal((413, "SIZE_INVALID"), (j.Int("oversized.status"), j.Str("oversized.body.errors.0.code")));
            Assert.Equal((415, "UNSUPPORTED"), (j.Int("unknown_type.status"), j.Str("unknown_type.body.errors.0.code")));
            Assert.Equal((400, "MANIFEST_INVALID"), (j.Int("not_json.status"), j.Str("not_json.body.errors.0.code")));
            Assert.Equal((400, "DIGEST_INVALID"), (j.Int("wrong_ref.status"), j.Str("wrong_ref.body.errors.0.code")));
            Assert.Equal("NAME_INVALID", j.Str("traversal.body.errors.0.code"));
            Assert.Equal((404, "NAME_UNKNOWN"), (j.Int("unknown_repo.status"), j.Str("unknown_repo.body.errors.0.code")));
            Assert.Equal(401, j.Int("forged.status"));
            Assert.Empty(j.Items("stored_before"));
            Assert.Equal(201, j.Int("first"));
            Assert.Equal((400, "TAG_INVALID"), (j.Int("moved.status"), j.Str("moved.body.errors.0.code")));
            Assert.Equal(j.Str("good_digest"), j.Str("after.0.imageDigest"));
            Assert.Single(j.Items("after"));
        });
    }
}
