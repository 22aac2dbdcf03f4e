namespace Steadfast.Platform.Identity;

/// <summary>The fixed roles. Customer and Dealer are outside parties tied to one customer or dealer.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string SalesManager = "SalesManager";
    public const string Sales = "Sales";
    public const string ServiceManager = "ServiceManager";
    public const string Dispatcher = "Dispatcher";
    public const string Engineer = "Engineer";
    public const string Warehouse = "Warehouse";
    public const string Finance = "Finance";
    public const string Executive = "Executive";

    /// <summary>Product engineering (研发工程师): publishes engineering changes and works custom projects' design stages.</summary>
    public const string RdEngineer = "RdEngineer";
    public const string Customer = "Customer";
    public const string Dealer = "Dealer";

    public static readonly IReadOnlyList<string> Internal =
    [
        Admin,
        SalesManager,
        Sales,
        ServiceManager,
        Dispatcher,
        Engineer,
        Warehouse,
        Finance,
        Executive,
        RdEngineer,
    ];

    public static readonly IReadOnlyList<string> All = [.. Internal, Customer, Dealer];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>Authorization policy names. Every endpoint and page names one of these (or is public).</summary>
public static class Policies
{
    public const string Admin = "Admin";

    /// <summary>Any signed-in employee of the manufacturer (not Customer or Dealer users).</summary>
    public const string Staff = "Staff";

    /// <summary>Anyone signed in, outside parties included; the data they see is scoped by their party.</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>May create and change customers, contacts and follow-ups (within what they can see).</summary>
    public const string CustomerEditors = "CustomerEditors";

    /// <summary>May register machines, record readings and print labels.</summary>
    public const string EquipmentEditors = "EquipmentEditors";

    /// <summary>May run bulk imports.</summary>
    public const string Importers = "Importers";

    /// <summary>May take service requests and dispatch them (客服、服务经理).</summary>
    public const string ServiceDesk = "ServiceDesk";

    /// <summary>May move work orders along their lifecycle; the flow then checks the step itself.</summary>
    public const string ServiceWork = "ServiceWork";

    /// <summary>May file a service request: the desk, and customers and dealers for machines they can see (portal).</summary>
    public const string ServiceRequesters = "ServiceRequesters";

    /// <summary>May set SLA policies, engineers' regions, skills and rates, and the service switches.</summary>
    public const string ServiceManagers = "ServiceManagers";

    /// <summary>May read the service dashboard.</summary>
    public const string ServiceInsight = "ServiceInsight";

    /// <summary>Field engineers: their phone pages and the order pool.</summary>
    public const string Engineers = "Engineers";

    /// <summary>May keep the parts catalogue and the warehouses (备件目录、仓库).</summary>
    public const string PartsEditors = "PartsEditors";

    /// <summary>May receive, transfer, scrap and adjust stock, and run stock counts (仓管).</summary>
    public const string Stockkeepers = "Stockkeepers";

    /// <summary>May set up automation rules and read their run logs (运营: the admin and the managers).</summary>
    public const string RuleEditors = "RuleEditors";

    /// <summary>May export lists to Excel (what they can see, never private notes).</summary>
    public const string Exporters = "Exporters";

    /// <summary>May read leads, opportunities and the pipeline (scoped: a rep their own, a dealer what was handed to it).</summary>
    public const string SalesStaff = "SalesStaff";

    /// <summary>May enter and work leads and opportunities.</summary>
    public const string SalesWork = "SalesWork";

    /// <summary>May set the pipeline's stages, the lead assignment rules and cap, and assign leads by hand (销售经理).</summary>
    public const string SalesManagers = "SalesManagers";

    /// <summary>May read sales orders (of the customers they see).</summary>
    public const string SalesOrderReaders = "SalesOrderReaders";

    /// <summary>May enter and change sales orders, and sync them from the ERP.</summary>
    public const string SalesOrderEditors = "SalesOrderEditors";

    /// <summary>
    /// May post a lead: sales staff, or a token issued for the website's form only (scope <see cref="ApiScopes.LeadIntake"/>),
    /// which can do nothing else. Registered by the host beside the role policies.
    /// </summary>
    public const string LeadIntake = "LeadIntake";

    /// <summary>May read custom-order projects (of the customers they see) and the project board.</summary>
    public const string ProjectReaders = "ProjectReaders";

    /// <summary>May start projects and work their stages; a stage is completed by its owner, the project's owner or a manager.</summary>
    public const string ProjectEditors = "ProjectEditors";

    /// <summary>Customers and dealers: their own projects' progress, without owners, amounts or notes (portal).</summary>
    public const string ProjectProgress = "ProjectProgress";

    /// <summary>May read engineering changes (ECN) and their impact, and record customers' answers.</summary>
    public const string EcnReaders = "EcnReaders";

    /// <summary>May write and publish engineering changes (研发).</summary>
    public const string EcnPublishers = "EcnPublishers";

    /// <summary>May read contracts of the customers they see; service staff read coverage (prices if the company allows).</summary>
    public const string ContractReaders = "ContractReaders";

    /// <summary>May draft, submit, sign, amend and terminate contracts (销售).</summary>
    public const string ContractEditors = "ContractEditors";

    /// <summary>May read receivables and their ageing (finance everywhere, sales their customers').</summary>
    public const string ReceivableReaders = "ReceivableReaders";

    /// <summary>May record receipts and invoices (财务).</summary>
    public const string FinanceWork = "FinanceWork";

    /// <summary>Customers: their own signed contracts, what they cover and what is owed (portal).</summary>
    public const string ContractPortal = "ContractPortal";

    /// <summary>May read profitability by customer, contract, product line and region (management, finance).</summary>
    public const string ProfitReaders = "ProfitReaders";

    /// <summary>May read maintenance templates, machines' plans and what is due (the service department, management).</summary>
    public const string MaintenanceReaders = "MaintenanceReaders";

    /// <summary>May write maintenance templates and plans, and schedule due visits (服务经理).</summary>
    public const string MaintenancePlanners = "MaintenancePlanners";

    /// <summary>Customers: their own maintenance visits, to confirm a date or ask for another (portal).</summary>
    public const string MaintenancePortal = "MaintenancePortal";

    /// <summary>Who each policy admits. The host registers exactly these; the access tests keep their own copy to compare.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [Admin] = [Roles.Admin],
        [Staff] = [.. Roles.Internal],
        [SignedIn] = [.. Roles.All],
        [CustomerEditors] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.ServiceManager, Roles.Dispatcher, Roles.Dealer],
        [EquipmentEditors] =
        [
            Roles.Admin,
            Roles.SalesManager,
            Roles.Sales,
            Roles.ServiceManager,
            Roles.Dispatcher,
            Roles.Engineer,
            Roles.Dealer,
        ],
        [Importers] = [Roles.Admin, Roles.SalesManager, Roles.ServiceManager, Roles.Finance],
        [Exporters] = [.. Roles.Internal, Roles.Dealer],
        [ServiceDesk] = [Roles.Admin, Roles.ServiceManager, Roles.Dispatcher],
        [ServiceWork] = [Roles.Admin, Roles.ServiceManager, Roles.Dispatcher, Roles.Engineer],
        [ServiceManagers] = [Roles.Admin, Roles.ServiceManager],
        [ServiceRequesters] = [Roles.Admin, Roles.ServiceManager, Roles.Dispatcher, Roles.Customer, Roles.Dealer],
        [ServiceInsight] = [Roles.Admin, Roles.ServiceManager, Roles.Dispatcher, Roles.Executive],
        [Engineers] = [Roles.Engineer],
        [PartsEditors] = [Roles.Admin, Roles.ServiceManager, Roles.Warehouse],
        [Stockkeepers] = [Roles.Admin, Roles.Warehouse],
        [RuleEditors] = [Roles.Admin, Roles.ServiceManager, Roles.SalesManager],
        [SalesStaff] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.Executive, Roles.Dealer],
        [SalesWork] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.Dealer],
        [SalesManagers] = [Roles.Admin, Roles.SalesManager],
        [SalesOrderReaders] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.Executive, Roles.Finance, Roles.Dealer],
        [SalesOrderEditors] = [Roles.Admin, Roles.SalesManager, Roles.Sales],
        [ProjectReaders] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.Executive, Roles.ServiceManager, Roles.RdEngineer],
        [ProjectEditors] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.RdEngineer],
        [ProjectProgress] = [Roles.Customer, Roles.Dealer],
        [EcnReaders] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.Executive, Roles.ServiceManager, Roles.RdEngineer],
        [EcnPublishers] = [Roles.Admin, Roles.RdEngineer],
        [ContractReaders] =
        [
            Roles.Admin,
            Roles.SalesManager,
            Roles.Sales,
            Roles.Executive,
            Roles.Finance,
            Roles.ServiceManager,
            Roles.Dispatcher,
        ],
        [ContractEditors] = [Roles.Admin, Roles.SalesManager, Roles.Sales],
        [ReceivableReaders] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.Executive, Roles.Finance],
        [FinanceWork] = [Roles.Admin, Roles.Finance],
        [ContractPortal] = [Roles.Customer],
        [ProfitReaders] = [Roles.Admin, Roles.Executive, Roles.Finance, Roles.SalesManager, Roles.ServiceManager],
        [MaintenanceReaders] = [Roles.Admin, Roles.ServiceManager, Roles.Dispatcher, Roles.Engineer, Roles.Executive],
        [MaintenancePlanners] = [Roles.Admin, Roles.ServiceManager],
        [MaintenancePortal] = [Roles.Customer],
    };
}

/// <summary>
/// What a scoped API token may do. A token with a scope carries no role: it passes only the policies that name its scope,
/// so a key embedded in a website can post leads and nothing else.
/// </summary>
public static class ApiScopes
{
    public const string Claim = "scope";

    /// <summary>The website's lead form: POST /api/v1/leads.</summary>
    public const string LeadIntake = "leads.intake";

    /// <summary>Scopes and the roles that may issue a token with them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> IssuedBy = new Dictionary<string, string[]>
    {
        [LeadIntake] = [Roles.Admin, Roles.SalesManager],
    };
}

/// <summary>Claims the sign-in adds so pages and scoping rules need no extra query.</summary>
public static class AppClaims
{
    public const string DisplayName = "display_name";
    public const string CustomerId = "customer_id";
    public const string DealerId = "dealer_id";
    public const string TeamId = "team_id";
}
