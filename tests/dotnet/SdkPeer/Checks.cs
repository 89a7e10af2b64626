namespace SdkPeer;

/// <summary>A named check failed: what was expected and what came.</summary>
internal sealed class CheckFailure(string message) : Exception(message);

/// <summary>Runs named checks, prints PASS or FAIL for each, and counts them.</summary>
internal sealed class Checks
{
    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public void Run(string name, Action check) =>
        RunAsync(name, () => { check(); return Task.CompletedTask; }).GetAwaiter().GetResult();

    public async Task RunAsync(string name, Func<Task> check)
    {
        try
        {
            await check();
            Passed++;
            Console.WriteLine($"PASS {name}");
        }
        catch (Exception error)
        {
            Failed++;
            // The message only: a check never puts a token into what it asserts on.
            Console.WriteLine($"FAIL {name}: {error.GetType().Name}: {error.Message}");
        }
    }

    /// <summary>Fail unless the two values are equal.</summary>
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new CheckFailure($"{what}: expected <{expected}>, got <{actual}>");
        }
    }

    /// <summary>Fail unless the condition holds.</summary>
    public static void True(bool condition, string what)
    {
        if (!condition)
        {
            throw new CheckFailure(what);
        }
    }

    /// <summary>The exception of type T that the call throws; fails if it throws another or none.</summary>
    public static async Task<T> Throws<T>(Func<Task> call) where T : Exception
    {
        try
        {
            await call();
        }
        catch (T expected)
        {
            return expected;
        }
        catch (Exception other)
        {
            throw new CheckFailure($"expected {typeof(T).FullName}, got {other.GetType().FullName}: {other.Message}");
        }
        throw new CheckFailure($"expected {typeof(T).FullName}, nothing was thrown");
    }
}
