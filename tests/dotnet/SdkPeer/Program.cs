// The AWS SDK for .NET as a peer of AWS Token Bridge (run by tests/dotnet/test_sdk_peer.py).
//
//   SdkPeer reflect <out.json>   writes the SDK's response and exception classes, found by
//                                reflection, as JSON (pytest compares them with our outputs);
//   SdkPeer emulator             drives the emulator at $AWSTB_EMULATOR_URL with the real SDK
//                                client, one named check at a time.
//
// Both print "N passed, N failed" last and exit 1 when a check failed.
namespace SdkPeer;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var checks = new Checks();
        switch (args.FirstOrDefault())
        {
            case "reflect" when args.Length == 2:
                checks.Run("reflect the SDK model", () => Reflection.Write(args[1]));
                break;
            case "emulator" when args.Length == 1:
                var url = Environment.GetEnvironmentVariable("AWSTB_EMULATOR_URL");
                if (string.IsNullOrEmpty(url))
                {
                    Console.Error.WriteLine("AWSTB_EMULATOR_URL is not set: give the emulator's base URL.");
                    return 2;
                }
                await EmulatorPeer.RunAll(checks, url);
                break;
            default:
                Console.Error.WriteLine("usage: SdkPeer reflect <out.json> | SdkPeer emulator");
                return 2;
        }
        Console.WriteLine($"{checks.Passed} passed, {checks.Failed} failed");
        return checks.Failed == 0 ? 0 : 1;
    }
}
