using Steadfast.Platform.Modules;

[assembly: SteadfastModule(typeof(Steadfast.Sales.Public.SalesModule))]
