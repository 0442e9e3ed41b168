using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hosting;

// `hash-password <password>` prints the salted hash to configure a controller account with
// (Controllers__0__UserName, Controllers__0__PasswordHash): the one-time set-up command.
if (args is ["hash-password", var password])
{
    Console.WriteLine(ControllerAccounts.HashPassword(password));
    return;
}

var app = WebHost.Build(args);
app.Run();
