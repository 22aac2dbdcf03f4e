namespace Steadfast.Platform.ImportExport;

/// <summary>The column mapping a user chose last time for a target, offered again next time.</summary>
public class ImportMappingMemory
{
    public Guid UserId { get; set; }
    public string Target { get; set; } = "";
    public string Mapping { get; set; } = "{}";
}
