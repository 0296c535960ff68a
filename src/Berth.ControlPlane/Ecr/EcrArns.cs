using Berth.Domain;

namespace Berth.ControlPlane.Ecr;

/// <summary>ECR's ARNs: <c>arn:aws:ecr:region:account:repository/name</c>.</summary>
public static class EcrArns
{
    public const string Service = "ecr";
    public const string RepositoryType = "repository";

    public static string Repository(ResourceScope scope, string name) => Arn.For(Service, scope, $"{RepositoryType}/{name}").ToString();
}
