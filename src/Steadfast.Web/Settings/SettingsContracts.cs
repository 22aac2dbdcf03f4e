namespace Steadfast.Web.Settings;

public sealed record ResetPassword(string? Password);
