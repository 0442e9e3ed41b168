using Orleans.Configuration;
using ScenarioEngine.Grains.Hosting;

namespace ScenarioEngine.Web.Hosting;

public static class OrleansHosting
{
    public static WebApplicationBuilder AddScenarioEngineOrleans(this WebApplicationBuilder builder, WebOptions web)
    {
        if (web.Orleans == OrleansRole.Embedded)
        {
            builder.UseOrleans(silo => silo.ConfigureScenarioEngineSilo(builder.Configuration, ClusteringMode.Localhost));
            return builder;
        }

        var redis = builder.Configuration.GetConnectionString(SiloSetup.RedisConnectionName);
        if (string.IsNullOrWhiteSpace(redis))
        {
            throw new InvalidOperationException("Web:Orleans=Client needs ConnectionStrings:Redis to find the silos.");
        }

        var engine = builder.Configuration.GetSection(ScenarioEngineOptions.Section).Get<ScenarioEngineOptions>() ?? new ScenarioEngineOptions();
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(redis);
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = engine.ClusterId;
                cluster.ServiceId = engine.ServiceId;
            });
            client.AddActivityPropagation();
        });
        return builder;
    }
}
