using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.Aws.Model;
using Berth.ControlPlane.Ecs.AccountSettings;
using Berth.ControlPlane.Ecs.Attributes;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Tagging;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Ecs.Tasks;

namespace Berth.ControlPlane.Ecs;

/// <summary>The ECS API: which handler serves each operation. Operations not bound here answer "not implemented".</summary>
public static class EcsApi
{
    public const string ModelFile = "ecs-2014-11-13.service.json";

    public static AwsService Build(
        ServiceModel model,
        ClusterHandlers clusters,
        TaskDefinitionHandlers taskDefinitions,
        TagHandlers tags,
        AccountSettingHandlers settings,
        ContainerInstanceRegistrationHandlers registration,
        ContainerInstanceHandlers instances,
        AttributeHandlers attributes,
        PollEndpointHandlers pollEndpoints,
        RunTaskHandler runTask,
        TaskHandlers tasks,
        TaskStateChangeHandlers stateChanges,
        ServiceHandlers services,
        ServiceDeploymentHandlers deployments,
        TaskProtectionHandlers protections) =>
        new AwsServiceBuilder(model, EcsJsonContext.Default) { ValidationErrorCode = "InvalidParameterException" }
            .On<CreateClusterRequest, CreateClusterResponse>("CreateCluster", clusters.CreateCluster)
            .On<DescribeClustersRequest, DescribeClustersResponse>("DescribeClusters", clusters.DescribeClusters)
            .On<ListClustersRequest, ListClustersResponse>("ListClusters", clusters.ListClusters)
            .On<UpdateClusterRequest, UpdateClusterResponse>("UpdateCluster", clusters.UpdateCluster)
            .On<UpdateClusterSettingsRequest, UpdateClusterSettingsResponse>("UpdateClusterSettings", clusters.UpdateClusterSettings)
            .On<DeleteClusterRequest, DeleteClusterResponse>("DeleteCluster", clusters.DeleteCluster)
            .On<RegisterTaskDefinitionRequest, RegisterTaskDefinitionResponse>("RegisterTaskDefinition", taskDefinitions.RegisterTaskDefinition)
            .On<DescribeTaskDefinitionRequest, DescribeTaskDefinitionResponse>("DescribeTaskDefinition", taskDefinitions.DescribeTaskDefinition)
            .On<ListTaskDefinitionsRequest, ListTaskDefinitionsResponse>("ListTaskDefinitions", taskDefinitions.ListTaskDefinitions)
            .On<ListTaskDefinitionFamiliesRequest, ListTaskDefinitionFamiliesResponse>("ListTaskDefinitionFamilies", taskDefinitions.ListTaskDefinitionFamilies)
            .On<DeregisterTaskDefinitionRequest, DeregisterTaskDefinitionResponse>("DeregisterTaskDefinition", taskDefinitions.DeregisterTaskDefinition)
            .On<DeleteTaskDefinitionsRequest, DeleteTaskDefinitionsResponse>("DeleteTaskDefinitions", taskDefinitions.DeleteTaskDefinitions)
            .On<TagResourceRequest, TagResourceResponse>("TagResource", tags.TagResource)
            .On<UntagResourceRequest, UntagResourceResponse>("UntagResource", tags.UntagResource)
            .On<ListTagsForResourceRequest, ListTagsForResourceResponse>("ListTagsForResource", tags.ListTagsForResource)
            .On<PutAccountSettingRequest, PutAccountSettingResponse>("PutAccountSetting", settings.PutAccountSetting)
            .On<PutAccountSettingDefaultRequest, PutAccountSettingDefaultResponse>("PutAccountSettingDefault", settings.PutAccountSettingDefault)
            .On<ListAccountSettingsRequest, ListAccountSettingsResponse>("ListAccountSettings", settings.ListAccountSettings)
            .On<DeleteAccountSettingRequest, DeleteAccountSettingResponse>("DeleteAccountSetting", settings.DeleteAccountSetting)
            .On<RegisterContainerInstanceRequest, RegisterContainerInstanceResponse>("RegisterContainerInstance", registration.RegisterContainerInstance)
            .On<DeregisterContainerInstanceRequest, DeregisterContainerInstanceResponse>("DeregisterContainerInstance", registration.DeregisterContainerInstance)
            .On<DescribeContainerInstancesRequest, DescribeContainerInstancesResponse>("DescribeContainerInstances", instances.DescribeContainerInstances)
            .On<ListContainerInstancesRequest, ListContainerInstancesResponse>("ListContainerInstances", instances.ListContainerInstances)
            .On<UpdateContainerInstancesStateRequest, UpdateContainerInstancesStateResponse>("UpdateContainerInstancesState", instances.UpdateContainerInstancesState)
            .On<PutAttributesRequest, PutAttributesResponse>("PutAttributes", attributes.PutAttributes)
            .On<DeleteAttributesRequest, DeleteAttributesResponse>("DeleteAttributes", attributes.DeleteAttributes)
            .On<ListAttributesRequest, ListAttributesResponse>("ListAttributes", attributes.ListAttributes)
            .On<DiscoverPollEndpointRequest, DiscoverPollEndpointResponse>("DiscoverPollEndpoint", pollEndpoints.DiscoverPollEndpoint)
            .On<RunTaskRequest, RunTaskResponse>("RunTask", runTask.RunTask)
            .On<StartTaskRequest, StartTaskResponse>("StartTask", runTask.StartTask)
            .On<DescribeTasksRequest, DescribeTasksResponse>("DescribeTasks", tasks.DescribeTasks)
            .On<ListTasksRequest, ListTasksResponse>("ListTasks", tasks.ListTasks)
            .On<StopTaskRequest, StopTaskResponse>("StopTask", tasks.StopTask)
            .On<SubmitTaskStateChangeRequest, SubmitTaskStateChangeResponse>("SubmitTaskStateChange", stateChanges.SubmitTaskStateChange)
            .On<SubmitContainerStateChangeRequest, SubmitContainerStateChangeResponse>("SubmitContainerStateChange", stateChanges.SubmitContainerStateChange)
            .On<CreateServiceRequest, CreateServiceResponse>("CreateService", services.CreateService)
            .On<UpdateServiceRequest, UpdateServiceResponse>("UpdateService", services.UpdateService)
            .On<DeleteServiceRequest, DeleteServiceResponse>("DeleteService", services.DeleteService)
            .On<DescribeServicesRequest, DescribeServicesResponse>("DescribeServices", services.DescribeServices)
            .On<ListServicesRequest, ListServicesResponse>("ListServices", services.ListServices)
            .On<ListServiceDeploymentsRequest, ListServiceDeploymentsResponse>("ListServiceDeployments", deployments.ListServiceDeployments)
            .On<DescribeServiceDeploymentsRequest, DescribeServiceDeploymentsResponse>("DescribeServiceDeployments", deployments.DescribeServiceDeployments)
            .On<DescribeServiceRevisionsRequest, DescribeServiceRevisionsResponse>("DescribeServiceRevisions", deployments.DescribeServiceRevisions)
            .On<StopServiceDeploymentRequest, StopServiceDeploymentResponse>("StopServiceDeployment", deployments.StopServiceDeployment)
            .On<UpdateTaskProtectionRequest, UpdateTaskProtectionResponse>("UpdateTaskProtection", protections.UpdateTaskProtection)
            .On<GetTaskProtectionRequest, GetTaskProtectionResponse>("GetTaskProtection", protections.GetTaskProtection)
            .Build();
}
