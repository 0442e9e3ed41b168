global using ScenarioEngine.Evaluation;
global using ScenarioEngine.Scenarios;
