namespace Steadfast.Service.Public;

/// <summary>
/// A panel another module adds to the work-order page (the automation module's tasks), rendered with a
/// <c>WorkOrderId</c> parameter in <paramref name="Order"/> below the order's history.
/// </summary>
public sealed record WorkOrderPanel(Type Component, int Order);
