namespace Steadfast.Platform.Ui;

/// <summary>
/// A small component a module puts in the top bar beside the bell (my open tasks): no parameters, shown in
/// <paramref name="Order"/>; the component decides whom it shows itself to.
/// </summary>
public sealed record ShellItem(Type Component, int Order);
