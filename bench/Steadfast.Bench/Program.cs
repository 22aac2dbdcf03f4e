using System.Globalization;

// Benchmarks that drive a running Steadfast over HTTP. Figures are printed beside a baseline measured
// in the same run, since these machines are shared and absolute times drift.
return args.FirstOrDefault() switch
{
    "import" => await Steadfast.Bench.ImportBench.CommandAsync(args),
    "sales" => await Steadfast.Bench.SalesBench.RunAsync(args),
    "contracts" => await Steadfast.Bench.ContractsBench.RunAsync(args),
    "maintenance" => await Steadfast.Bench.MaintenanceBench.RunAsync(args),
    "scenarios" => await Steadfast.Bench.Scenarios.RunAsync(
        args[1],
        args[2],
        args[3],
        int.Parse(args[4], CultureInfo.InvariantCulture),
        args[5],
        args[6]
    ),
    "generate" => await Steadfast.Bench.Generator.RunAsync(args[1], args[2], double.Parse(args[3], CultureInfo.InvariantCulture)),
    "query-work-orders" => await Steadfast.Bench.WorkOrderBench.QueryAsync(args[1], args[2], args[3]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Steadfast.Bench import <baseUrl> <email> <password> <rows> <workdir>");
    Console.Error.WriteLine(
        "       Steadfast.Bench scenarios <baseUrl> <Sqlite|Postgres> <connectionString> <serverPid> <workdir> <results.md>"
    );
    Console.Error.WriteLine("       Steadfast.Bench generate <Sqlite|Postgres> <connectionString> <scale>");
    Console.Error.WriteLine("       Steadfast.Bench query-work-orders <baseUrl> <email> <password>");
    return 2;
}
