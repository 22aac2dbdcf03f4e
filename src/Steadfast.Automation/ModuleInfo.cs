using Steadfast.Platform.Modules;

[assembly: SteadfastModule(typeof(Steadfast.Automation.Public.AutomationModule))]
