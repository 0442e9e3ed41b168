global using ScenarioEngine.Scenarios;
global using ScenarioEngine.Evaluation;
