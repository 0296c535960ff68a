using System.Globalization;
using Berth.Agent.Host;
using Berth.Aws.Generated.Ecs;
using Task = System.Threading.Tasks.Task;
using Berth.Bench;

if (BenchOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 });
var time = TimeProvider.System;
var api = new EcsApiClient(http, options.Endpoint, options.Region, time);
using var stop = new CancellationTokenSource();

await api.CreateClusterAsync(options.Cluster, options.Key, stop.Token);
var fleet = new InstanceFleet(api, options, http, time);
var channels = await fleet.StartAsync(stop.Token);
Console.WriteLine($"{options.Instances} instances connected in cluster {options.Cluster}");
await api.CallAsync(
    "RegisterTaskDefinition",
    new RegisterTaskDefinitionRequest
    {
        Family = RunTaskLoad.Family,
        ContainerDefinitions = [new ContainerDefinition { Name = "app", Image = "berth-test/busybox:latest", Cpu = Consistency.TaskCpu, MemoryReservation = Consistency.TaskMemory }],
    },
    EcsJsonContext.Default.RegisterTaskDefinitionRequest,
    EcsJsonContext.Default.RegisterTaskDefinitionResponse,
    options.Key,
    stop.Token);

var load = new RunTaskLoad(api, options);
var warmup = await load.RunAsync(options.Warmup, stop.Token);
Console.WriteLine($"warm-up: {warmup.Tasks} tasks in {warmup.Elapsed.TotalSeconds:F1} s");
var measured = await load.RunAsync(options.Duration, stop.Token);
Console.WriteLine(Report.Line(options, measured));

var placed = warmup.Tasks + measured.Tasks;
var delivery = await Consistency.WaitDeliveredAsync(fleet, placed, time, stop.Token);
Console.WriteLine(delivery is { } seconds
    ? string.Create(CultureInfo.InvariantCulture, $"delivery: all {placed} tasks reached their instances' channels {seconds:F1} s after the last RunTask")
    : $"delivery: only {fleet.Delivered} of {placed} tasks reached the channels within 60 s");
var check = await Consistency.CheckAsync(api, options, fleet.Arns, placed, stop.Token);
Console.WriteLine(check);

await stop.CancelAsync();
await channels.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
return measured.Errors == 0 && measured.Failures == 0 && delivery is not null && check.Holds ? 0 : 1;
