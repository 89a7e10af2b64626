using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SSOOIDC;
using Amazon.SSOOIDC.Model;

namespace SdkPeer;

/// <summary>The real AmazonSSOOIDCClient against the emulator: every operation, the device
/// flow's errors, the four CreateTokenWithIAM grants signed by the SDK's SigV4 signer, and
/// every modeled exception class.</summary>
internal static class EmulatorPeer
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string StartUrl = "https://d-1234567890.awsapps.com/start";
    private const string DeviceGrant = "urn:ietf:params:oauth:grant-type:device_code";
    private const string JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";
    private const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";
    private const string RefreshTokenType = "urn:ietf:params:oauth:token-type:refresh_token";
    private const string AppA = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-aaaaaaaaaaaaaaaa";
    private const string AppB = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-bbbbbbbbbbbbbbbb";
    private const string AppRedirect = "https://app.example.com/callback";

    public static async Task RunAll(Checks checks, string url)
    {
        using var emulator = new Emulator(url);
        await DeviceFlow(checks, emulator);
        await DeviceErrors(checks, emulator);
        await WithIam(checks, emulator);
        await ModeledErrors(checks, emulator);
    }

    private static AmazonSSOOIDCClient Client(Emulator emulator, string region = "us-east-1", string secret = SecretKey)
    {
        var config = new AmazonSSOOIDCConfig
        {
            ServiceURL = emulator.BaseUrl,
            AuthenticationRegion = region,
            // Each error is asserted as answered, not after the SDK's retries.
            MaxErrorRetry = 0,
        };
        return new AmazonSSOOIDCClient(new BasicAWSCredentials(AccessKey, secret), config);
    }

    private sealed record Device(RegisterClientResponse Registration, StartDeviceAuthorizationResponse Start)
    {
        public CreateTokenRequest Poll() => new()
        {
            ClientId = Registration.ClientId,
            ClientSecret = Registration.ClientSecret,
            GrantType = DeviceGrant,
            DeviceCode = Start.DeviceCode,
        };
    }

    private static async Task<Device> StartDevice(AmazonSSOOIDCClient sso)
    {
        var registration = await sso.RegisterClientAsync(new RegisterClientRequest
        {
            ClientName = "dotnet-sdk-peer",
            ClientType = "public",
            Scopes = ["sso:account:access"],
        });
        var start = await sso.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationRequest
        {
            ClientId = registration.ClientId,
            ClientSecret = registration.ClientSecret,
            StartUrl = StartUrl,
        });
        return new Device(registration, start);
    }

    /// <summary>The checks every answered modeled exception gets. The SDK's Message is its own
    /// text around the whole body (an SSO OIDC body has no "message"); the service's text is
    /// in Error_description.</summary>
    private static void ServiceError(AmazonSSOOIDCException error, string code, HttpStatusCode status, string oauthError, string description)
    {
        Checks.Equal(code, error.ErrorCode, "ErrorCode");
        Checks.Equal(status, error.StatusCode, "StatusCode");
        Checks.True(!string.IsNullOrEmpty(error.RequestId), "the exception has a RequestId");
        var type = error.GetType();
        Checks.Equal(oauthError, (string?)type.GetProperty("Error")?.GetValue(error), "Error");
        Checks.Equal(description, (string?)type.GetProperty("Error_description")?.GetValue(error), "Error_description");
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = oauthError, ["error_description"] = description });
        Checks.Equal($"The service returned an error with Error Code {code} and HTTP Body: {body}", error.Message, "Message");
    }

    private static async Task DeviceFlow(Checks checks, Emulator emulator)
    {
        await emulator.Reset();
        using var sso = Client(emulator);
        Device? device = null;
        CreateTokenResponse? token = null;
        await checks.RunAsync("RegisterClient answers a client id and secret with their times", async () =>
        {
            device = await StartDevice(sso);
            var r = device.Registration;
            Checks.Equal(HttpStatusCode.OK, r.HttpStatusCode, "HttpStatusCode");
            Checks.True(!string.IsNullOrEmpty(r.ClientId) && !string.IsNullOrEmpty(r.ClientSecret), "ClientId and ClientSecret are set");
            Checks.True(r.ClientIdIssuedAt > 0 && r.ClientSecretExpiresAt > r.ClientIdIssuedAt, "ClientSecretExpiresAt is after ClientIdIssuedAt");
            Checks.True(!string.IsNullOrEmpty(r.ResponseMetadata.RequestId), "ResponseMetadata.RequestId is set");
            Checks.True(r.ContentLength > 0, "ContentLength is the body's length");
        });
        await checks.RunAsync("StartDeviceAuthorization answers the codes, the URIs and the interval", () =>
        {
            var s = (device ?? throw new CheckFailure("no device")).Start;
            Checks.True(!string.IsNullOrEmpty(s.DeviceCode), "DeviceCode is set");
            Checks.True(s.VerificationUriComplete.EndsWith(s.UserCode, StringComparison.Ordinal), "VerificationUriComplete ends with UserCode");
            Checks.True(s.VerificationUriComplete.StartsWith(s.VerificationUri, StringComparison.Ordinal), "VerificationUriComplete extends VerificationUri");
            Checks.True(s.Interval > 0 && s.ExpiresIn > s.Interval, "ExpiresIn and Interval are set");
            return Task.CompletedTask;
        });
        await checks.RunAsync("CreateToken while pending throws AuthorizationPendingException", async () =>
        {
            var error = await Checks.Throws<AuthorizationPendingException>(() => sso.CreateTokenAsync(device!.Poll()));
            ServiceError(error, "AuthorizationPendingException", HttpStatusCode.BadRequest, "authorization_pending", "Authorization is still pending");
        });
        await checks.RunAsync("CreateToken polled again at once throws SlowDownException", async () =>
        {
            var error = await Checks.Throws<SlowDownException>(() => sso.CreateTokenAsync(device!.Poll()));
            Checks.Equal("SlowDownException", error.ErrorCode, "ErrorCode");
            Checks.Equal(HttpStatusCode.BadRequest, error.StatusCode, "StatusCode");
            Checks.Equal("slow_down", error.Error, "Error");
        });
        await checks.RunAsync("CreateToken after approval answers the tokens", async () =>
        {
            await emulator.Approve(device!.Start.UserCode);
            await emulator.Advance(device.Start.Interval ?? 5);
            token = await sso.CreateTokenAsync(device.Poll());
            Checks.Equal("Bearer", token.TokenType, "TokenType");
            Checks.True(!string.IsNullOrEmpty(token.AccessToken) && !string.IsNullOrEmpty(token.RefreshToken), "AccessToken and RefreshToken are set");
            Checks.True(token.ExpiresIn > 0, "ExpiresIn is set");
        });
        await checks.RunAsync("CreateToken with the refresh token rotates it", async () =>
        {
            var refreshed = await sso.CreateTokenAsync(new CreateTokenRequest
            {
                ClientId = device!.Registration.ClientId,
                ClientSecret = device.Registration.ClientSecret,
                GrantType = "refresh_token",
                RefreshToken = token!.RefreshToken,
            });
            Checks.True(!string.IsNullOrEmpty(refreshed.AccessToken) && refreshed.AccessToken != token.AccessToken, "a new AccessToken");
            Checks.True(!string.IsNullOrEmpty(refreshed.RefreshToken) && refreshed.RefreshToken != token.RefreshToken, "a new RefreshToken");
        });
        await checks.RunAsync("CreateToken with a spent refresh token throws InvalidGrantException", async () =>
        {
            var error = await Checks.Throws<InvalidGrantException>(() => sso.CreateTokenAsync(new CreateTokenRequest
            {
                ClientId = device!.Registration.ClientId,
                ClientSecret = device.Registration.ClientSecret,
                GrantType = "refresh_token",
                RefreshToken = token!.RefreshToken,
            }));
            ServiceError(error, "InvalidGrantException", HttpStatusCode.BadRequest, "invalid_grant", "Refresh token has already been used");
        });
    }

    private static async Task DeviceErrors(Checks checks, Emulator emulator)
    {
        await emulator.Reset();
        using var sso = Client(emulator);
        await checks.RunAsync("CreateToken with a wrong client secret throws InvalidClientException (401)", async () =>
        {
            var device = await StartDevice(sso);
            var poll = device.Poll();
            poll.ClientSecret = "not-the-secret";
            var error = await Checks.Throws<InvalidClientException>(() => sso.CreateTokenAsync(poll));
            Checks.Equal("InvalidClientException", error.ErrorCode, "ErrorCode");
            Checks.Equal(HttpStatusCode.Unauthorized, error.StatusCode, "StatusCode");
            Checks.Equal("invalid_client", error.Error, "Error");
        });
        await checks.RunAsync("CreateToken with an unknown grant type throws UnsupportedGrantTypeException", async () =>
        {
            var poll = (await StartDevice(sso)).Poll();
            poll.GrantType = "password";
            var error = await Checks.Throws<UnsupportedGrantTypeException>(() => sso.CreateTokenAsync(poll));
            Checks.Equal("UnsupportedGrantTypeException", error.ErrorCode, "ErrorCode");
            Checks.Equal(HttpStatusCode.BadRequest, error.StatusCode, "StatusCode");
        });
        await checks.RunAsync("CreateToken for a denied device throws AccessDeniedException", async () =>
        {
            var device = await StartDevice(sso);
            await emulator.Deny(device.Start.UserCode);
            var error = await Checks.Throws<AccessDeniedException>(() => sso.CreateTokenAsync(device.Poll()));
            Checks.Equal("AccessDeniedException", error.ErrorCode, "ErrorCode");
            Checks.Equal(HttpStatusCode.BadRequest, error.StatusCode, "StatusCode");
            Checks.Equal("access_denied", error.Error, "Error");
        });
        await checks.RunAsync("CreateToken for an expired device code throws ExpiredTokenException", async () =>
        {
            var device = await StartDevice(sso);
            await emulator.Advance((device.Start.ExpiresIn ?? 600) + 1);
            var error = await Checks.Throws<ExpiredTokenException>(() => sso.CreateTokenAsync(device.Poll()));
            Checks.Equal("ExpiredTokenException", error.ErrorCode, "ErrorCode");
            Checks.Equal("expired_token", error.Error, "Error");
        });
    }

    private static async Task WithIam(Checks checks, Emulator emulator)
    {
        await emulator.Reset();
        using var sso = Client(emulator);
        CreateTokenWithIAMResponse? bearer = null;
        CreateTokenWithIAMResponse? refreshed = null;
        await checks.RunAsync("CreateTokenWithIAM jwt-bearer, signed by the SDK, answers a refresh token and its details", async () =>
        {
            bearer = await sso.CreateTokenWithIAMAsync(new CreateTokenWithIAMRequest
            {
                ClientId = AppA,
                GrantType = JwtBearer,
                Assertion = await emulator.Assertion(AppA),
            });
            Checks.Equal(RefreshTokenType, bearer.IssuedTokenType, "IssuedTokenType");
            Checks.True(bearer.Scope is { } scope && scope.Contains("openid"), "Scope is a list with openid");
            Checks.True(!string.IsNullOrEmpty(bearer.AwsAdditionalDetails?.IdentityContext), "AwsAdditionalDetails.IdentityContext is set");
            Checks.True(!string.IsNullOrEmpty(bearer.IdToken) && !string.IsNullOrEmpty(bearer.RefreshToken), "IdToken and RefreshToken are set");
        });
        await checks.RunAsync("CreateTokenWithIAM refresh_token answers new tokens", async () =>
        {
            refreshed = await sso.CreateTokenWithIAMAsync(new CreateTokenWithIAMRequest
            {
                ClientId = AppA,
                GrantType = "refresh_token",
                RefreshToken = bearer!.RefreshToken,
            });
            Checks.True(!string.IsNullOrEmpty(refreshed.AccessToken) && refreshed.AccessToken != bearer.AccessToken, "a new AccessToken");
            Checks.Equal("Bearer", refreshed.TokenType, "TokenType");
        });
        await checks.RunAsync("CreateTokenWithIAM token-exchange answers an access token for another application", async () =>
        {
            var exchanged = await sso.CreateTokenWithIAMAsync(new CreateTokenWithIAMRequest
            {
                ClientId = AppB,
                GrantType = TokenExchange,
                SubjectToken = refreshed!.AccessToken,
                SubjectTokenType = AccessTokenType,
                RequestedTokenType = AccessTokenType,
            });
            Checks.Equal(AccessTokenType, exchanged.IssuedTokenType, "IssuedTokenType");
            Checks.True(string.IsNullOrEmpty(exchanged.RefreshToken), "no RefreshToken for an exchanged access token");
        });
        await checks.RunAsync("CreateTokenWithIAM authorization_code with PKCE answers the tokens", async () =>
        {
            var verifier = new string('v', 64);
            var code = await emulator.AuthorizationCode(AppA, AppRedirect, verifier, "openid aws");
            var token = await sso.CreateTokenWithIAMAsync(new CreateTokenWithIAMRequest
            {
                ClientId = AppA,
                GrantType = "authorization_code",
                Code = code,
                RedirectUri = AppRedirect,
                CodeVerifier = verifier,
            });
            Checks.True(!string.IsNullOrEmpty(token.AccessToken), "AccessToken is set");
            Checks.True(token.Scope is { } scope && scope.Contains("openid") && scope.Contains("aws"), "Scope has openid and aws");
            Checks.Equal(HttpStatusCode.OK, token.HttpStatusCode, "HttpStatusCode");
        });
        await checks.RunAsync("CreateTokenWithIAM signed with a wrong secret key is refused by the emulator's SigV4 check", async () =>
        {
            using var wrong = Client(emulator, secret: "not-the-secret-key");
            var assertion = await emulator.Assertion(AppA);
            var error = await Checks.Throws<AmazonSSOOIDCException>(() => wrong.CreateTokenWithIAMAsync(new CreateTokenWithIAMRequest
            {
                ClientId = AppA,
                GrantType = JwtBearer,
                Assertion = assertion,
            }));
            Checks.Equal("InvalidSignatureException", error.ErrorCode, "ErrorCode");
            Checks.Equal(HttpStatusCode.Forbidden, error.StatusCode, "StatusCode");
        });
        await checks.RunAsync("CreateTokenWithIAM signed for another region throws InvalidRequestRegionException", async () =>
        {
            using var other = Client(emulator, region: "eu-west-1");
            var assertion = await emulator.Assertion(AppA);
            var error = await Checks.Throws<InvalidRequestRegionException>(() => other.CreateTokenWithIAMAsync(new CreateTokenWithIAMRequest
            {
                ClientId = AppA,
                GrantType = JwtBearer,
                Assertion = assertion,
            }));
            Checks.Equal("InvalidRequestRegionException", error.ErrorCode, "ErrorCode");
            Checks.Equal("us-east-1", error.Region, "Region");
            Checks.Equal(emulator.BaseUrl, error.Endpoint, "Endpoint");
        });
    }

    /// <summary>Every exception class of the SDK, answered by the emulator with its modeled
    /// status to an operation that models it ($AWSTB_SDK_PEER_ERRORS: shape -> {status, error,
    /// operation}, from the emulator's table and the service model). The SDK maps an error
    /// code to its class only for the operation's own modeled errors.</summary>
    private static async Task ModeledErrors(Checks checks, Emulator emulator)
    {
        await emulator.Reset();
        using var sso = Client(emulator);
        var modeled = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            Environment.GetEnvironmentVariable("AWSTB_SDK_PEER_ERRORS") ?? "{}")!;
        var classes = typeof(AmazonSSOOIDCException).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(AmazonSSOOIDCException)))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        foreach (var type in classes)
        {
            await checks.RunAsync($"the emulator's {type.Name} is the SDK's {type.FullName}", async () =>
            {
                Checks.True(modeled.TryGetValue(type.Name, out var shape), $"the emulator models {type.Name}");
                var status = (HttpStatusCode)shape.GetProperty("status").GetInt32();
                var oauthError = shape.GetProperty("error").GetString()!;
                var operation = shape.GetProperty("operation").GetString()!;
                var description = $"Injected {type.Name} for the .NET peer";
                var (path, call) = Operation(sso, operation);
                await emulator.Fault(new { path, errorType = type.Name, status = (int)status, message = description });
                var error = await Checks.Throws<AmazonSSOOIDCException>(call);
                Checks.Equal(type, error.GetType(), $"exception class from {operation}");
                ServiceError(error, type.Name, status, oauthError, description);
            });
        }
    }

    /// <summary>The emulator path of an operation, and a call of it (its answer is a fault).</summary>
    private static (string Path, Func<Task> Call) Operation(AmazonSSOOIDCClient sso, string operation) => operation switch
    {
        "RegisterClient" => ("/client/register", () => sso.RegisterClientAsync(new RegisterClientRequest { ClientName = "n", ClientType = "public" })),
        "StartDeviceAuthorization" => ("/device_authorization", () => sso.StartDeviceAuthorizationAsync(
            new StartDeviceAuthorizationRequest { ClientId = "c", ClientSecret = "s", StartUrl = StartUrl })),
        "CreateToken" => ("/token", () => sso.CreateTokenAsync(
            new CreateTokenRequest { ClientId = "c", ClientSecret = "s", GrantType = DeviceGrant, DeviceCode = "d" })),
        "CreateTokenWithIAM" => ("/token?aws_iam=t", () => sso.CreateTokenWithIAMAsync(
            new CreateTokenWithIAMRequest { ClientId = AppA, GrantType = JwtBearer, Assertion = "a" })),
        _ => throw new CheckFailure($"unknown operation {operation}"),
    };
}
