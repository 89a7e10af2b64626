using System.Reflection;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SSO;
using Amazon.SSO.Model;

namespace PortalPeer;

/// <summary>
/// <c>reflect OUT.json</c>: the SDK's portal model as facts (responses, exceptions, the
/// structures they reach: property names and .NET types).
/// <c>emulator BASE_URL TOKEN OTHER_TOKEN</c>: the SDK's AmazonSSOClient against the emulator:
/// paging by hand and with the paginator, role credentials, the modeled and unmodeled errors,
/// and Logout followed by the refused token. Prints PASS/FAIL lines and "N passed, N failed".
/// </summary>
internal static class Program
{
    private static int passed;
    private static int failed;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "reflect")
        {
            Reflect(args[1]);
            return 0;
        }
        if (args.Length == 4 && args[0] == "emulator")
        {
            await Drive(args[1], args[2], args[3]);
            Console.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 ? 0 : 1;
        }
        Console.Error.WriteLine("usage: PortalPeer reflect OUT.json | emulator BASE_URL TOKEN OTHER_TOKEN");
        return 2;
    }

    private static void Check(bool ok, string what)
    {
        Console.WriteLine((ok ? "PASS " : "FAIL ") + what);
        if (ok) { passed++; } else { failed++; }
    }

    private static async Task<T?> Refused<T>(Func<Task> call) where T : Exception
    {
        try
        {
            await call();
        }
        catch (T error)
        {
            return error;
        }
        catch (Exception error)
        {
            Console.WriteLine("FAIL unexpected " + error.GetType().FullName + ": " + error.Message);
            failed++;
        }
        return null;
    }

    private static async Task Drive(string baseUrl, string token, string otherToken)
    {
        var config = new AmazonSSOConfig { ServiceURL = baseUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };
        using var client = new AmazonSSOClient(new AnonymousAWSCredentials(), config);

        var first = await client.ListAccountsAsync(new ListAccountsRequest { AccessToken = token, MaxResults = 2 });
        Check(first.AccountList.Count == 2 && !string.IsNullOrEmpty(first.NextToken), "ListAccounts pages by MaxResults");
        var rest = await client.ListAccountsAsync(new ListAccountsRequest { AccessToken = token, NextToken = first.NextToken });
        Check(rest.AccountList.Count == 1 && rest.AccountList[0].AccountName == "Sandbox", "NextToken gives the next page");

        var names = new List<string>();
        var paginator = client.Paginators.ListAccountRoles(new ListAccountRolesRequest { AccessToken = token, AccountId = "333333333333", MaxResults = 1 });
        await foreach (var role in paginator.RoleList)
        {
            names.Add(role.RoleName);
        }
        Check(string.Join(",", names) == "AdministratorAccess,PowerUserAccess,ReadOnlyAccess", "the SDK paginator walks every role");

        var credentials = (await client.GetRoleCredentialsAsync(new GetRoleCredentialsRequest
        {
            AccessToken = token, AccountId = "111111111111", RoleName = "ReadOnlyAccess",
        })).RoleCredentials;
        Check(credentials.AccessKeyId.StartsWith("ASIA", StringComparison.Ordinal), "role credentials have an ASIA key");
        Check(!string.IsNullOrEmpty(credentials.SecretAccessKey) && !string.IsNullOrEmpty(credentials.SessionToken), "and a secret key and session token");
        Check(credentials.Expiration > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), "Expiration is in milliseconds, in the future");

        var missing = await Refused<ResourceNotFoundException>(() => client.ListAccountRolesAsync(new ListAccountRolesRequest { AccessToken = token, AccountId = "999999999999" }));
        Check(missing is { StatusCode: System.Net.HttpStatusCode.NotFound, ErrorCode: "ResourceNotFoundException" }, "an unknown account is ResourceNotFoundException");
        var forbidden = await Refused<AmazonSSOException>(() => client.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = token, AccountId = "222222222222", RoleName = "AdministratorAccess" }));
        Check(forbidden is { ErrorCode: "ForbiddenException", Message: "No access" } && forbidden.GetType() == typeof(AmazonSSOException), "a role the user lacks is the unmodeled ForbiddenException");

        await client.LogoutAsync(new LogoutRequest { AccessToken = token });
        var gone = await Refused<UnauthorizedException>(() => client.ListAccountsAsync(new ListAccountsRequest { AccessToken = token }));
        Check(gone is { StatusCode: System.Net.HttpStatusCode.Unauthorized, Message: "Session token not found or invalid" }, "after Logout the token is UnauthorizedException");
        var other = await client.ListAccountsAsync(new ListAccountsRequest { AccessToken = otherToken });
        Check(other.AccountList.Count == 3, "another session is untouched");
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    private static void Reflect(string path)
    {
        var assembly = typeof(AmazonSSOClient).Assembly;
        var responses = Public(assembly, t => typeof(AmazonWebServiceResponse).IsAssignableFrom(t));
        var exceptions = Public(assembly, t => typeof(AmazonSSOException).IsAssignableFrom(t));
        var structures = new SortedDictionary<string, object>(StringComparer.Ordinal);
        var pending = new Queue<Type>(responses);
        while (pending.Count > 0)
        {
            foreach (var property in pending.Dequeue().GetProperties(Declared))
            {
                var type = property.PropertyType;
                var element = type.IsGenericType ? type.GetGenericArguments()[0] : type;
                if (element.Assembly == assembly && element.IsClass && !structures.ContainsKey(element.FullName!))
                {
                    structures[element.FullName!] = Describe(element);
                    pending.Enqueue(element);
                }
            }
        }
        var facts = new
        {
            assembly = assembly.GetName().Name,
            serviceException = typeof(AmazonSSOException).FullName,
            responses = responses.ToDictionary(t => t.FullName!, Describe),
            exceptions = exceptions.Select(t => t.FullName!).ToList(),
            structures,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(facts, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static List<Type> Public(Assembly assembly, Func<Type, bool> keep) =>
        assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract && keep(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();

    private static object Describe(Type type) =>
        type.GetProperties(Declared)
            .Where(p => p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .Select(p => new { name = p.Name, type = p.PropertyType.ToString() })
            .ToList();
}
