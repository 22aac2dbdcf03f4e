namespace Steadfast.Platform.Ui;

/// <summary>
/// A card a module puts on the staff home page (my follow-ups due, warranties ending): a component without parameters,
/// shown in <paramref name="Order"/> to signed-in staff; the component decides what the reader may see.
/// </summary>
public sealed record HomeCard(Type Component, int Order);
