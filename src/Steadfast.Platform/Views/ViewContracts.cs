namespace Steadfast.Platform.Views;

public sealed record SavedViewDto(Guid Id, string List, string Name, string Query);

public sealed record SaveView(string? List, string? Name, string? Query);
