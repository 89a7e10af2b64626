using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SdkPeer;

/// <summary>The emulator's control API (/__emulator/...): what a user or a test does
/// in place of the browser, the clock and the network.</summary>
internal sealed class Emulator(string baseUrl) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false })
    {
        BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"),
        Timeout = TimeSpan.FromSeconds(30),
    };

    public string BaseUrl { get; } = baseUrl.TrimEnd('/');

    public async Task<JsonElement> Post(string path, object body)
    {
        using var answer = await http.PostAsJsonAsync("__emulator/" + path, body);
        var text = await answer.Content.ReadAsStringAsync();
        if (!answer.IsSuccessStatusCode)
        {
            throw new CheckFailure($"control API {path} answered {(int)answer.StatusCode}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task Reset() => Post("reset", new { });

    public Task Approve(string userCode) => Post("device/approve", new { userCode });

    public Task Deny(string userCode) => Post("device/deny", new { userCode });

    public Task Advance(int seconds) => Post("clock", new { advanceSeconds = seconds });

    public Task Fault(object fault) => Post("faults", fault);

    public async Task<string> Assertion(string audience) =>
        (await Post("jwt-bearer/assertion", new { audience, subject = "alice" })).GetProperty("assertion").GetString()!;

    /// <summary>Play the browser for an application's /authorize with PKCE: the code from
    /// the redirect's Location.</summary>
    public async Task<string> AuthorizationCode(string clientId, string redirectUri, string verifier, string scopes)
    {
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var state = Guid.NewGuid().ToString();
        var query = string.Join("&", new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["state"] = state,
            ["code_challenge_method"] = "S256",
            ["scopes"] = scopes,
            ["code_challenge"] = challenge,
        }.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        using var answer = await http.GetAsync("authorize?" + query);
        Checks.Equal(HttpStatusCode.Found, answer.StatusCode, "/authorize answer");
        var location = answer.Headers.Location ?? throw new CheckFailure("/authorize gave no Location");
        var parameters = location.Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""));
        Checks.Equal(state, parameters.GetValueOrDefault("state"), "the redirect's state");
        return parameters.GetValueOrDefault("code") ?? throw new CheckFailure("the redirect has no code");
    }

    public void Dispose() => http.Dispose();
}
