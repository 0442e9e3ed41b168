global using ScenarioEngine.Scenarios;
