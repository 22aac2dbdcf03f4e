using Steadfast.Platform.Modules;

[assembly: SteadfastModule(typeof(Steadfast.Inventory.Public.InventoryModule))]
