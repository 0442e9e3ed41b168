using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Access;
using ScenarioEngine.Grains.Hosting;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hosting.Https;

namespace ScenarioEngine.Web.Hosting;

/// <summary>
/// Once the server listens: creates the sample exercise if asked to, and prints what a person
/// needs to begin — the dashboard address, the controller sign-in, and every join code — plus a
/// loud warning when nothing will survive a restart.
/// </summary>
public sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    IGrainFactory grains,
    IConfiguration configuration,
    IOptions<WebOptions> options,
    ControllerAccounts accounts,
    HttpsBanner https,
    ILogger<StartupBanner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStarted(stoppingToken))
        {
            return;
        }

        var banner = new StringBuilder().AppendLine().AppendLine("ScenarioEngine is running.");
        if (SiloSetup.IsVolatile(configuration))
        {
            LogVolatile(logger);
            banner.AppendLine("  WARNING: state is kept IN MEMORY ONLY and is lost when this process stops.")
                .AppendLine("           Set ConnectionStrings__Redis=host:port for durable state.");
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(unknown address)";
        banner.AppendLine($"  Dashboard:   {address}/").AppendLine($"  Phone app:   {address}/app/");
        https.AppendTo(banner);
        if (accounts.GeneratedPassword is { } password)
        {
            banner.AppendLine($"  Controller:  {ControllerAccounts.GeneratedUserName} / {password}   (one-time password for this run; configure Controllers__0__UserName and Controllers__0__PasswordHash to keep one)");
        }

        if (options.Value.SeedSample && options.Value.Orleans == OrleansRole.Embedded)
        {
            var exercise = grains.GetGrain<IExerciseGrain>(options.Value.SampleExerciseId);
            var snapshot = await exercise.GetSnapshot() ?? await CreateSample(exercise);
            banner.AppendLine($"  Exercise '{snapshot.ExerciseId}' ({snapshot.Status}) join codes:");
            foreach (var code in snapshot.JoinCodes)
            {
                banner.AppendLine($"    {JoinCodes.Format(code.Code)}  {code.Recipient.KindName,-5} {code.Recipient.Id,-14} {code.RecipientName.Values.FirstOrDefault()}");
            }
        }

        await Console.Out.WriteLineAsync(banner.ToString());
    }

    private static Task<ExerciseSnapshot> CreateSample(IExerciseGrain exercise)
    {
        var sample = ScenarioLoader.LoadSamplePackage();
        return exercise.CreateFrom(sample.Scenario, sample.Attachments, draft: false);
    }

    private async Task<bool> WaitForStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(started.SetResult);
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Redis connection string: grain state and logs are in memory and are lost when the process stops")]
    private static partial void LogVolatile(ILogger logger);
}
