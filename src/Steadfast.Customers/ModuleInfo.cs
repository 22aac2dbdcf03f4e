using Steadfast.Platform.Modules;

[assembly: SteadfastModule(typeof(Steadfast.Customers.Public.CustomersModule))]
