using Microsoft.Extensions.FileProviders;

namespace ScenarioEngine.Web.Hosting;

/// <summary>Serves the built phone app at /app from the build output (the dashboard is Blazor, see Dashboard/).</summary>
public static class StaticContent
{
    public const string PwaPath = "/app";

    public static WebApplication MapStaticContent(this WebApplication app)
    {
        Serve(app, "pwa", PwaPath);
        return app;
    }

    private static void Serve(WebApplication app, string folder, string requestPath)
    {
        var root = Path.Combine(AppContext.BaseDirectory, folder);
        if (!Directory.Exists(root))
        {
            app.Logger.LogWarning("No {Folder} folder at {Root}; {RequestPath} serves nothing. Build with Node available.", folder, root, requestPath);
            return;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = requestPath });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = requestPath,
            OnPrepareResponse = context =>
            {
                // The service worker and the page must be re-checked on every load, or an update never reaches phones.
                var name = context.File.Name;
                if (name is "sw.js" or "index.html" or "manifest.webmanifest")
                {
                    context.Context.Response.Headers.CacheControl = "no-cache";
                }
            },
        });
    }
}
