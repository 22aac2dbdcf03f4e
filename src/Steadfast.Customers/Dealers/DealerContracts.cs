namespace Steadfast.Customers.Dealers;

public sealed record DealerDto(Guid Id, string Name, string Region, string Phone, int Customers, long Version);

public sealed record SaveDealer(string? Name, string? Region, string? Phone, long? Version);
