using ScenarioEngine.Grains.Hosting;
using ScenarioEngine.ServiceDefaults;

// Cluster mode: a silo on its own, finding its peers and keeping its state in Redis.
// Configuration comes from environment variables and the command line, e.g.
//   ConnectionStrings__Redis=127.0.0.1:6379 ScenarioEngine__SiloPort=11111 ScenarioEngine__GatewayPort=30000
var builder = WebApplication.CreateBuilder(args);
builder.AddScenarioEngineDefaults("scenarioengine-silo");
builder.UseOrleans(silo => silo.ConfigureScenarioEngineSilo(builder.Configuration, ClusteringMode.Redis));
builder.Services.AddHealthChecks().AddCheck<ClusterReadyHealthCheck>("orleans", tags: [ServiceDefaultsExtensions.ReadyTag]);

var app = builder.Build();
app.MapScenarioEngineDefaults();
app.Run();
