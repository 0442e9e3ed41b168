using ScenarioEngine.Access;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Access;

namespace ScenarioEngine.Web.Auth;

public sealed record JoinRequest(string Code, string? DisplayName, string? Agency);

public sealed record JoinResponse
{
    public required string Token { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required string DeviceId { get; init; }
    public required string ExerciseId { get; init; }
    public required Dictionary<string, string> ExerciseTitle { get; init; }
    public required string Role { get; init; }
    public required string RecipientId { get; init; }
    public required Dictionary<string, string> RecipientName { get; init; }
    public required IReadOnlyList<string> Languages { get; init; }
    public required string DefaultLanguage { get; init; }

    /// <summary>For actors only: the teams they may disclose facts to. Participants get none (other teams are not theirs to know).</summary>
    public IReadOnlyList<TeamSummary> Teams { get; init; } = [];

    /// <summary>For participants: whom "Write to…" offers (never the canned replies). Actors get none.</summary>
    public IReadOnlyList<ScenarioEngine.Delivery.PersonaRef> Personas { get; init; } = [];

    /// <summary>The scenario's marking, per language, shown on every screen.</summary>
    public Dictionary<string, string> ClassificationLine { get; init; } = [];

    /// <summary>The exercise asks team phones to add their location to responses and scans, if the user agrees.</summary>
    public bool LocationSharing { get; init; }
}

public sealed record TeamSummary(string Id, Dictionary<string, string> Name);

public sealed record SignInRequest(string UserName, string Password);

public static class AuthApi
{
    private const int MaxNameLength = 80;

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/devices/join", Join).AllowAnonymous();
        app.MapPost("/api/controller/sign-in", SignIn).AllowAnonymous();
        app.MapGet("/api/controller/sign-in-failures", async (int? max, IGrainFactory grains) =>
            await grains.GetGrain<ISignInLogGrain>(0).Latest(max ?? 200)).RequireAuthorization(AuthPolicies.Controller);
        app.MapGet("/api/controller/antiforgery", CookieApiAntiforgery.IssueToken).RequireAuthorization(AuthPolicies.Controller);
        return app;
    }

    private static async Task<IResult> Join(JoinRequest request, HttpContext http, IGrainFactory grains, TokenService tokens, JoinThrottle throttle, Microsoft.Extensions.Options.IOptions<Hosting.WebOptions> options)
    {
        var code = JoinCodes.Normalize(request.Code ?? string.Empty);
        if (code.Length != JoinCodes.Length)
        {
            return Results.Problem(statusCode: 400, title: "Invalid join code", detail: $"A join code has {JoinCodes.Length} letters and digits.");
        }

        if ((request.DisplayName?.Length ?? 0) > MaxNameLength || (request.Agency?.Length ?? 0) > MaxNameLength)
        {
            return Results.Problem(statusCode: 400, title: "Name too long", detail: $"Name and agency may be at most {MaxNameLength} characters.");
        }

        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!throttle.MayLookUp(code, address))
        {
            return TooManyJoins();
        }

        if (await grains.GetGrain<IJoinCodeGrain>(code).Resolve() is not { } binding
            || await grains.GetGrain<IExerciseGrain>(binding.Recipient.Exercise.Value).GetScenario() is not { } scenario)
        {
            return throttle.UnknownCode(address)
                ? Results.Problem(statusCode: 404, title: "Unknown join code", detail: "No exercise has this join code. Check it with your controller.")
                : TooManyJoins();
        }

        if (!throttle.Join(code, address))
        {
            return TooManyJoins();
        }

        if (options.Value.JoinClosesAtEndex
            && await grains.GetGrain<IExerciseGrain>(binding.Recipient.Exercise.Value).GetSnapshot() is { Status: ClockStatus.Ended })
        {
            return Results.Problem(statusCode: 410, title: "Exercise ended", detail: "This exercise has ended; its join codes no longer work.");
        }

        var deviceId = Guid.NewGuid().ToString("N");
        var displayName = string.Join(" · ", new[] { request.DisplayName, request.Agency }.Where(s => !string.IsNullOrWhiteSpace(s)));

        // On the roster before the token is handed out, so the controller can revoke it even if it never connects.
        await grains.GetGrain<Devices.IDeviceRosterGrain>(binding.Recipient.Exercise.Value).Joined(binding.Recipient, new ScenarioEngine.Delivery.DeviceIdentity(deviceId, displayName));
        var token = tokens.ForDevice(deviceId, displayName, binding);
        return Results.Ok(new JoinResponse
        {
            Token = token.Token,
            ExpiresAt = token.ExpiresAt,
            DeviceId = deviceId,
            ExerciseId = binding.Recipient.Exercise.Value,
            ExerciseTitle = scenario.Title,
            Role = binding.Role.Name(),
            RecipientId = binding.Recipient.Id,
            RecipientName = binding.RecipientName,
            Languages = scenario.Languages,
            DefaultLanguage = scenario.DefaultLanguage,
            Teams = binding.Role == DeviceRole.Actor ? scenario.Teams.Select(t => new TeamSummary(t.Id, t.Name)).ToList() : [],
            Personas = binding.Role == DeviceRole.Participant ? scenario.Personas.Select(p => ScenarioEngine.Delivery.PersonaRef.Of(p)!).ToList() : [],
            ClassificationLine = ScenarioEngine.Scenarios.ClassificationLines.Of(scenario),
            LocationSharing = scenario.LocationSharing && binding.Role == DeviceRole.Participant,
        });
    }

    private static async Task<IResult> SignIn(SignInRequest request, HttpContext http, SignInGuard guard, TokenService tokens)
    {
        var outcome = await guard.SignInAsync(request.UserName ?? string.Empty, request.Password ?? string.Empty, http, "api");
        if (outcome.RetryAfter is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: 429, title: "Too many failed sign-ins", detail: $"Try again in {seconds} s.");
        }

        return outcome.Account is { } account
            ? Results.Ok(tokens.ForAccount(account))
            : Results.Problem(statusCode: 401, title: "Sign-in failed", detail: "Unknown user name or wrong password.");
    }

    private static IResult TooManyJoins() =>
        Results.Problem(statusCode: 429, title: "Too many join attempts", detail: "Too many unknown join codes came from this address. Wait a minute and check the code with your controller.");
}
