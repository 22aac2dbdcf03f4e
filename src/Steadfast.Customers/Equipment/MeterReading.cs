namespace Steadfast.Customers.Equipment;

/// <summary>A running-hours reading. Append-only; a lower value is accepted only as a meter replacement.</summary>
internal sealed class MeterReading
{
    public Guid Id { get; set; }
    public Guid MachineId { get; set; }
    public double Hours { get; set; }
    public DateTime ReadAtUtc { get; set; }
    public bool IsMeterReplacement { get; set; }
    public Guid? RecordedById { get; set; }
}
