using Steadfast.Platform.Modules;

[assembly: SteadfastModule(typeof(Steadfast.Service.Public.ServiceModule))]
