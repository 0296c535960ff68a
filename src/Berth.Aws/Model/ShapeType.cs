namespace Berth.Aws.Model;

/// <summary>The shape types of the AWS service model format.</summary>
public enum ShapeType
{
    Structure,
    List,
    Map,
    String,
    Integer,
    Long,
    Boolean,
    Double,
    Float,
    Timestamp,
    Blob,
}
