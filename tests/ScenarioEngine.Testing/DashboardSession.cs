using System.Net;
using System.Text.RegularExpressions;

namespace ScenarioEngine.Testing;

/// <summary>
/// A browser's view of the dashboard without a browser: an HttpClient with a cookie jar that signs
/// in through the real /sign-in form (antiforgery token and all) and then holds the sign-in cookie.
/// </summary>
public static partial class DashboardSession
{
    public static HttpClient NewClient(Uri baseAddress) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Posts the sign-in form once; the response says how it went (302 on success).</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient http, string userName, string password, Action<HttpRequestMessage>? decorate = null)
    {
        var form = await http.GetStringAsync("/sign-in");
        var token = TokenField().Match(form).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "sign-in",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            }),
        };
        decorate?.Invoke(request);
        return await http.SendAsync(request);
    }

    /// <summary>A client signed in to the dashboard with its cookie.</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string userName = WebNode.ControllerUser, string password = WebNode.ControllerPassword)
    {
        var http = NewClient(baseAddress);
        var response = await PostSignInAsync(http, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new HttpRequestException($"Dashboard sign-in as {userName} answered {(int)response.StatusCode}.");
        }

        return http;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
