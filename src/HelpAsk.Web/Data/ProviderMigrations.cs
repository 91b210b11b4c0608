using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace HelpAsk.Web.Data;

/// <summary>
/// One model, one set of migrations per provider, each in its own namespace of this assembly: SQLite's in
/// <c>Data/Migrations</c> (as they always were), PostgreSQL's in <c>Data/Migrations/PostgreSql</c>. EF's own lookup
/// takes every migration of the context type, whatever the provider; this one takes the running provider's only,
/// for the app and for <c>dotnet ef</c> alike (scripts/add-migration.sh adds one to each).
/// </summary>
internal sealed class ProviderMigrations(ICurrentDbContext currentContext, IDatabaseProvider databaseProvider, IMigrationsIdGenerator idGenerator)
    : IMigrationsAssembly
{
    public const string SqliteNamespace = "HelpAsk.Web.Data.Migrations";
    public const string PostgreSqlNamespace = "HelpAsk.Web.Data.Migrations.PostgreSql";

    private readonly Type contextType = currentContext.Context.GetType();
    private readonly string migrationsNamespace = databaseProvider.Name == "Npgsql.EntityFrameworkCore.PostgreSQL" ? PostgreSqlNamespace : SqliteNamespace;
    private IReadOnlyDictionary<string, TypeInfo>? migrations;
    private ModelSnapshot? modelSnapshot;

    public Assembly Assembly => typeof(ProviderMigrations).Assembly;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => migrations ??= OfThisProvider(typeof(Migration))
        .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()?.Id, Type: t))
        .Where(m => m.Id is not null)
        .OrderBy(m => m.Id, StringComparer.Ordinal)
        .ToDictionary(m => m.Id!, m => m.Type, StringComparer.Ordinal);

    public ModelSnapshot? ModelSnapshot => modelSnapshot ??= OfThisProvider(typeof(ModelSnapshot))
        .Select(t => (ModelSnapshot?)Activator.CreateInstance(t))
        .SingleOrDefault();

    public string? FindMigrationId(string nameOrId) => Migrations.Keys.FirstOrDefault(id => idGenerator.IsValidId(nameOrId)
        ? string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
        : string.Equals(idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        ArgumentNullException.ThrowIfNull(migrationClass);
        var migration = (Migration)Activator.CreateInstance(migrationClass)!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private IEnumerable<TypeInfo> OfThisProvider(Type baseType) => Assembly.DefinedTypes.Where(t =>
        t is { IsAbstract: false, IsGenericTypeDefinition: false }
        && t.IsSubclassOf(baseType)
        && t.Namespace == migrationsNamespace
        && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType);
}
