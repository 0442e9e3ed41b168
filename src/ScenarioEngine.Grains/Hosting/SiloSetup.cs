using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Grains.Attachments;
using StackExchange.Redis;

namespace ScenarioEngine.Grains.Hosting;

public enum ClusteringMode
{
    /// <summary>One silo in the web process, found on localhost (the embedded default).</summary>
    Localhost,

    /// <summary>Any number of silo processes that find one another through Redis (cluster mode).</summary>
    Redis,
}

public static class SiloSetup
{
    public const string RedisConnectionName = "Redis";

    /// <summary>
    /// Storage, reminders and the append-only log: Redis when ConnectionStrings:Redis is set,
    /// memory otherwise. The same code serves the embedded default and cluster mode.
    /// </summary>
    public static ISiloBuilder ConfigureScenarioEngineSilo(this ISiloBuilder silo, IConfiguration configuration, ClusteringMode clustering)
    {
        var options = configuration.GetSection(ScenarioEngineOptions.Section).Get<ScenarioEngineOptions>() ?? new ScenarioEngineOptions();
        Validator.ValidateObject(options);
        var redis = configuration.GetConnectionString(RedisConnectionName);

        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });

        if (clustering == ClusteringMode.Redis)
        {
            if (string.IsNullOrWhiteSpace(redis))
            {
                throw new OptionsValidationException(RedisConnectionName, typeof(ScenarioEngineOptions),
                    ["Cluster mode needs ConnectionStrings:Redis (e.g. ConnectionStrings__Redis=127.0.0.1:6379)."]);
            }

            silo.UseRedisClustering(redis);
            var address = string.IsNullOrWhiteSpace(options.AdvertisedAddress) ? IPAddress.Loopback : IPAddress.Parse(options.AdvertisedAddress);
            silo.ConfigureEndpoints(address, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }

        if (string.IsNullOrWhiteSpace(redis))
        {
            // Orleans' own binary serializer, not the default Newtonsoft JSON: nothing in memory outlives the
            // process, so no stored format is at stake, and JSON was 5 % of the embedded node's CPU at
            // 2,000 responses/s (every state class is [GenerateSerializer] with [Id]s, as grain calls need).
            silo.AddMemoryGrainStorage(StorageNames.Grains, storage => storage.Configure<Orleans.Serialization.Serializer>(
                (options, serializer) => options.GrainStorageSerializer = new Orleans.Storage.OrleansGrainStorageSerializer(serializer)));
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<IAppendOnlyLog, InMemoryAppendOnlyLog>();
        }
        else
        {
            var redisOptions = ConfigurationOptions.Parse(redis);
            silo.AddRedisGrainStorage(StorageNames.Grains, storage => storage.ConfigurationOptions = redisOptions);
            silo.UseRedisReminderService(reminders => reminders.ConfigurationOptions = redisOptions);
            silo.Services.AddScenarioEngineRedis(configuration);
            silo.Services.AddSingleton<IAppendOnlyLog>(sp =>
                new RedisAppendOnlyLog(sp.GetRequiredService<IConnectionMultiplexer>(), KeyPrefix(options)));
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, RedisConnectionWarmup>();
        }

        silo.Configure<ReminderOptions>(reminders =>
        {
            if (options.ClockWatchdogPeriod < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = options.ClockWatchdogPeriod;
            }
        });
        silo.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        // Failure-detection settings (ProbeTimeout, NumMissedProbesLimit…) when a deployment tunes them; Orleans' defaults otherwise.
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection($"{ScenarioEngineOptions.Section}:Membership"));
        silo.AddActivityPropagation();
        silo.Services.AddSingleton(TimeProvider.System);
        return silo;
    }

    /// <summary>
    /// The Redis connection and the stores a web node uses directly (attachments are too big to
    /// travel through grain calls). In the embedded default the silo and the web node share them.
    /// </summary>
    public static IServiceCollection AddScenarioEngineRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetConnectionString(RedisConnectionName);
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.TryAddSingleton<IAttachmentStore, InMemoryAttachmentStore>();
            return services;
        }

        var options = configuration.GetSection(ScenarioEngineOptions.Section).Get<ScenarioEngineOptions>() ?? new ScenarioEngineOptions();
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(ConfigurationOptions.Parse(redis)));
        services.TryAddSingleton<IAttachmentStore>(sp => new RedisAttachmentStore(sp.GetRequiredService<IConnectionMultiplexer>(), KeyPrefix(options)));

        // Web nodes read scenario attachments from the log themselves, not through the exercise grain.
        services.TryAddSingleton<IAppendOnlyLog>(sp => new RedisAppendOnlyLog(sp.GetRequiredService<IConnectionMultiplexer>(), KeyPrefix(options)));
        return services;
    }

    private static string KeyPrefix(ScenarioEngineOptions options) => $"se:{options.ServiceId}";

    /// <summary>True when grain state and logs live only in this process's memory.</summary>
    public static bool IsVolatile(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration.GetConnectionString(RedisConnectionName));
}

internal static class Validator
{
    public static void ValidateObject(object options) =>
        System.ComponentModel.DataAnnotations.Validator.ValidateObject(options, new System.ComponentModel.DataAnnotations.ValidationContext(options), validateAllProperties: true);
}
