using System.Reflection;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SSOOIDC;

namespace SdkPeer;

/// <summary>The SDK's model as facts: every response class, every exception class, and the
/// classes their properties reach, with each public property's name and .NET type.</summary>
internal static class Reflection
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    public static void Write(string path)
    {
        var assembly = typeof(AmazonSSOOIDCClient).Assembly;
        var responses = Public(assembly, t => typeof(AmazonWebServiceResponse).IsAssignableFrom(t));
        var exceptions = Public(assembly, t => typeof(AmazonSSOOIDCException).IsAssignableFrom(t));
        Checks.True(responses.Count > 0 && exceptions.Count > 1, "the SDK assembly has responses and exceptions");
        var structures = new SortedDictionary<string, object>(StringComparer.Ordinal);
        var pending = new Queue<Type>(responses.Concat(exceptions));
        // Every response inherits it: the one structure of AWSSDK.Core our outputs carry.
        structures[typeof(ResponseMetadata).FullName!] = Describe(typeof(ResponseMetadata));
        pending.Enqueue(typeof(ResponseMetadata));
        while (pending.Count > 0)
        {
            foreach (var property in pending.Dequeue().GetProperties(Declared))
            {
                var type = property.PropertyType;
                var isModel = type.Assembly == assembly && type.IsClass && !typeof(ConstantClass).IsAssignableFrom(type);
                if ((isModel || type == typeof(ResponseMetadata)) && !structures.ContainsKey(type.FullName!))
                {
                    structures[type.FullName!] = Describe(type);
                    pending.Enqueue(type);
                }
            }
        }
        var facts = new
        {
            assembly = assembly.GetName().Name,
            assemblyVersion = assembly.GetName().Version?.ToString(),
            informationalVersion = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            serviceException = typeof(AmazonSSOOIDCException).FullName,
            responseBase = Describe(typeof(AmazonWebServiceResponse)),
            exceptionBase = Describe(typeof(AmazonServiceException), inherited: true),
            responses = responses.ToDictionary(t => t.FullName!, t => Describe(t)),
            exceptions = exceptions.ToDictionary(t => t.FullName!, t => Describe(t)),
            structures,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(facts, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static List<Type> Public(Assembly assembly, Func<Type, bool> keep) =>
        assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract && keep(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();

    /// <summary>A type's base class and public properties (declared ones, or all of them),
    /// in the SDK's declaration order; ConstantClass enums say so, since they travel as strings.</summary>
    private static object Describe(Type type, bool inherited = false)
    {
        var flags = inherited ? BindingFlags.Public | BindingFlags.Instance : Declared;
        var properties = type.GetProperties(flags)
            .Where(p => p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .Select(p => new
            {
                name = p.Name,
                type = p.PropertyType.ToString(),
                constantClass = typeof(ConstantClass).IsAssignableFrom(p.PropertyType),
                isEnum = p.PropertyType.IsEnum,
                declaringType = p.DeclaringType?.FullName,
            })
            .ToList();
        return new { baseType = type.BaseType?.FullName, properties };
    }
}
