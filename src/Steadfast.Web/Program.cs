using Steadfast.Web;
using Steadfast.Web.Cli;

var app = SteadfastApp.Build(args);
if (CliVerbs.IsVerb(args))
    return await CliVerbs.RunAsync(app, args);

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
