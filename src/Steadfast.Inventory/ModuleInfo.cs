using Steadfast.Platform.Data;

[assembly: ModelAssembly]
