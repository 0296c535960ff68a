using System.Globalization;
using Berth.EndToEnd.Tests.Infrastructure;
using Berth.EndToEnd.Tests.Services;
using static Berth.EndToEnd.Tests.Services.ServiceFixture;

namespace Berth.EndToEnd.Tests.Elb;

/// <summary>ECS services behind a load balancer in a real cluster: HAProxy (run by the control plane) in front of busybox httpd
/// tasks on two agents, driven with boto3; requests go through the listener's port on loopback.</summary>
public sealed class ServiceLoadBalancingTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task ThreeTasksBehindAListener_AnswerThroughTheLoadBalancer_TargetsMatchTheTasks_DrainedOnDelete()
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var result = await fixture.BotoAsync("""
            cluster, port = sys.argv[1], int(sys.argv[2])
            client, elb = ecs(), elbv2()
            lb = elb.create_load_balancer(Name='svc-lb', Subnets=['subnet-a', 'subnet-b'])['LoadBalancers'][0]
            tg = create_web_target_group(elb, 'svc-lb-web')
            elb.create_listener(LoadBalancerArn=lb['LoadBalancerArn'], Protocol='HTTP', Port=port, DefaultActions=[{'Type': 'forward', 'TargetGroupArn': tg}])
            register_web(client, 'svc-lb-web', 'web')
            client.create_service(cluster=cluster, serviceName='svc-lb-web', taskDefinition='svc-lb-web', desiredCount=3,
                loadBalancers=[{'targetGroupArn': tg, 'containerName': 'web', 'containerPort': 8080}])
            watched = watch_until_stable(client, cluster, 'svc-lb-web', timeout=180)
            health = elb.describe_target_health(TargetGroupArn=tg)['TargetHealthDescriptions']
            answers = [page(port, '/', lb['DNSName']) for _ in range(30)]
            curl = subprocess.run(['curl', '-s', '--max-time', '5', f"http://{lb['DNSName']}:{port}/"], capture_output=True, text=True).stdout.strip()
            instances = {i['containerInstanceArn']: i['ec2InstanceId'] for i in client.describe_container_instances(
                cluster=cluster, containerInstances=client.list_container_instances(cluster=cluster)['containerInstanceArns'])['containerInstances']}
            expected = sorted([instances[t['containerInstanceArn']], t['containers'][0]['networkBindings'][0]['hostPort']] for t in watched['tasks'])
            deleted = delete_service(client, cluster, 'svc-lb-web', timeout=120)
            after = elb.describe_target_health(TargetGroupArn=tg)['TargetHealthDescriptions']
            elb.delete_load_balancer(LoadBalancerArn=lb['LoadBalancerArn'])
            emit(watched=watched, health=health, answers=answers, curl=curl, expected=expected, deleted=deleted, after=after)
            """, Cluster, port);

        result.Verify(
            j =>
            {
                Assert.True(j.At("watched.stable")!.GetValue<bool>());
                Assert.Equal(3, j.Int("watched.service.runningCount"));
                var health = j.Items("health");
                Assert.All(health, h => Assert.Equal("healthy", h.Str("TargetHealth.State")));
                var registered = health.Select(h => $"{h.Str("Target.Id")}:{h.Int("Target.Port")}").Order().ToArray();
                var expected = j.Items("expected").Select(e => $"{e.Str("0")}:{e.Int("1")}").Order().ToArray();
                Assert.Equal(expected, registered);
                var answers = j.Items("answers");
                Assert.All(answers, a => Assert.Equal((200, "web"), (a.Int("0"), a.Str("1"))));
                Assert.Equal("web", j.Str("curl"));
                Assert.Equal("INACTIVE", j.Str("deleted.status"));
                Assert.Empty(j.Items("after"));
            },
            fixture.AgentOutput);
    }

    /// <summary>Two services behind one listener, a path rule sending /b/* to the second; then one task of the first stops
    /// passing its health check: ELB reports it unhealthy and the scheduler replaces it.</summary>
    [Fact]
    public async Task PathRuleRoutesToTwoServices_AndAFailingHealthCheckTakesATargetOut()
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var result = await fixture.BotoAsync("""
            cluster, port = sys.argv[1], int(sys.argv[2])
            client, elb = ecs(), elbv2()
            lb = elb.create_load_balancer(Name='svc-rules', Subnets=['subnet-a', 'subnet-b'])['LoadBalancers'][0]
            tg_a, tg_b = create_web_target_group(elb, 'svc-rules-a', '/health/'), create_web_target_group(elb, 'svc-rules-b')
            listener = elb.create_listener(LoadBalancerArn=lb['LoadBalancerArn'], Protocol='HTTP', Port=port,
                DefaultActions=[{'Type': 'forward', 'TargetGroupArn': tg_a}])['Listeners'][0]['ListenerArn']
            elb.create_rule(ListenerArn=listener, Priority=10, Conditions=[{'Field': 'path-pattern', 'Values': ['/b/*']}],
                Actions=[{'Type': 'forward', 'TargetGroupArn': tg_b}])
            register_web(client, 'svc-rules-a', 'alpha', paths=('', 'health'))
            register_web(client, 'svc-rules-b', 'bravo', paths=('', 'b'))
            for name, tg in (('svc-rules-a', tg_a), ('svc-rules-b', tg_b)):
                client.create_service(cluster=cluster, serviceName=name, taskDefinition=name, desiredCount=2,
                    loadBalancers=[{'targetGroupArn': tg, 'containerName': 'web', 'containerPort': 8080}])
            stable_a = watch_until_stable(client, cluster, 'svc-rules-a', timeout=180)
            stable_b = watch_until_stable(client, cluster, 'svc-rules-b', timeout=180)
            routed = {'root': page(port, '/', lb['DNSName']), 'b': page(port, '/b/', lb['DNSName'])}
            victim = stable_a['tasks'][0]
            subprocess.run(['docker', 'exec', victim['containers'][0]['runtimeId'], 'rm', '-r', '/www/health'], check=True)
            victim_port = victim['containers'][0]['networkBindings'][0]['hostPort']
            seen, deadline = None, time.time() + 60
            while seen is None and time.time() < deadline:
                for h in elb.describe_target_health(TargetGroupArn=tg_a)['TargetHealthDescriptions']:
                    if h['Target']['Port'] == victim_port and h['TargetHealth']['State'] == 'unhealthy':
                        seen = h
                time.sleep(0.5)
            stopped = wait_tasks(client, cluster, [victim['taskArn']], 'STOPPED', timeout=120)[0]
            replaced = watch_until_stable(client, cluster, 'svc-rules-a', timeout=180)
            events = [e['message'] for e in replaced['service']['events']]
            for name in ('svc-rules-a', 'svc-rules-b'):
                delete_service(client, cluster, name, timeout=120)
            elb.delete_load_balancer(LoadBalancerArn=lb['LoadBalancerArn'])
            emit(stableA=stable_a['stable'], stableB=stable_b['stable'], routed=routed, seen=seen, stopped=stopped,
                 replaced=replaced, events=events, tgA=tg_a, victim=victim['taskArn'])
            """, Cluster, port);

        result.Verify(
            j =>
            {
                Assert.True(j.At("stableA")!.GetValue<bool>());
                Assert.True(j.At("stableB")!.GetValue<bool>());
                Assert.Equal((200, "alpha"), (j.Int("routed.root.0"), j.Str("routed.root.1")));
                Assert.Equal((200, "bravo"), (j.Int("routed.b.0"), j.Str("routed.b.1")));
                Assert.Equal("Target.ResponseCodeMismatch", j.Str("seen.TargetHealth.Reason"));
                Assert.Equal("STOPPED", j.Str("stopped.lastStatus"));
                Assert.Equal($"Task failed ELB health checks in (target-group {j.Str("tgA")})", j.Str("stopped.stoppedReason"));
                Assert.True(j.At("replaced.stable")!.GetValue<bool>());
                Assert.DoesNotContain(j.Str("victim"), j.Items("replaced.tasks").Select(t => t.Str("taskArn")));
                Assert.Contains(j.Strings("events"), m => m.Contains("is unhealthy in (target-group", StringComparison.Ordinal));
            },
            fixture.AgentOutput);
    }
}
